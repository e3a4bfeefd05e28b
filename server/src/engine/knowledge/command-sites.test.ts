// Regression tests from the fuzzer (test/fuzz): a clean-up fix appended to a script that does
// not parse landed inside it, so the finding came back and fix-all appended until its round bound.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../fix';
import { check } from '../testing';
import { substitutedCommands } from './command-sites';

describe('appendToRun (clean-up fixes)', () => {
  it('offers no append to a RUN with an unterminated quote', () => {
    const text = "FROM centos:7\nRUN yum install -y gcc && echo 'unterminated\n";
    const [finding] = check('yum-cache-not-cleaned', text);
    assert.ok(finding, 'the finding itself still shows');
    assert.deepEqual(finding.fixes?.() ?? [], []);
    assert.equal(fixAll(text).text, text);
  });

  it('offers no append to a RUN whose shell script has a syntax error', () => {
    const findings = check('dnf-cache-not-cleaned', 'FROM fedora:40\nRUN dnf install -y make && { echo a; echo b; } go build\n');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings.flatMap(f => f.fixes?.() ?? []), []);
  });

  it('offers no append to a here-document that is never closed', () => {
    const text = 'FROM node:22\nRUN <<EOF\nyarn install --frozen-lockfile\n\nONBUILD RUN echo later\n';
    const findings = check('yarn-cache-not-cleaned', text);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings.flatMap(f => f.fixes?.() ?? []), []);
    assert.equal(fixAll(text).text, text);
  });

  it('still appends to a closed here-document and to a plain shell RUN', () => {
    assert.deepEqual(fixAll('FROM centos:7\nRUN <<EOF\nyum install -y gcc\nEOF\n').applied, ['Append `&& yum clean all` to this RUN']);
    assert.equal(fixAll('FROM centos:7\nRUN yum install -y gcc\n').text, 'FROM centos:7\nRUN yum install -y gcc && yum clean all\n');
  });
});

describe('appendToRun: fuzzer regressions beyond the clean-up rules above', () => {
  it('offers no append to a RUN <<EOF script that opens a here-document of its own', () => {
    const text = 'FROM fedora:40\nRUN <<EOF\ndnf install -y make && cat <<EOF > /x && echo done\nEOF\n';
    const findings = check('dnf-cache-not-cleaned', text);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings.flatMap(f => f.fixes?.() ?? []), []);
  });

  it('apt-lists-not-cleaned appends through it too: nothing for a script with an unterminated substitution', () => {
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && echo $(date\n';
    const findings = check('apt-lists-not-cleaned', text);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings.flatMap(f => f.fixes?.() ?? []), []);
    assert.equal(fixAll(text).text, text);
  });
});

describe('substitutedCommands depth', () => {
  it('finds commands a few substitutions deep', () => {
    const names = substitutedCommands('$(echo $(id -u $(sudo whoami)))').map(c => c.argv[0]);
    assert.deepEqual(names, ['echo', 'id', 'sudo']);
  });

  it('stops descending after 8 levels, so thousands of nested $( are not re-parsed level by level', () => {
    const word = `${'$(echo '.repeat(2000)}x${')'.repeat(2000)}`;
    assert.equal(substitutedCommands(word).length, 8);
  });
});

describe('appendToRun: the appended command must parse as the last command', () => {
  it('offers no append after a `${` left open (the shell parser tolerates it, the append would land inside)', () => {
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y${ curl\n';
    const findings = check('apt-lists-not-cleaned', text);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings.flatMap(f => f.fixes?.() ?? []), []);
    assert.equal(fixAll(text).applied.filter(t => t.includes('rm -rf')).length, 0);
  });
});
