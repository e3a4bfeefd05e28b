import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { imageReferenceError, isValidSignal, parseGoDuration, parsePlatform, parseText, type BkNode } from './builder';

const CONFORMANCE = process.env.LAYERWISE_CONFORMANCE ?? path.resolve(__dirname, '../../../../shared/conformance');

/** Go's strconv.Quote, for BuildKit's AST dumps. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** BuildKit's `Node.Dump()`. */
function dump(n: BkNode): string {
  let s = n.command;
  if (n.flags.length) s += ' [' + n.flags.map(f => goQuote(f.text)).join(' ') + ']';
  if (n.command === 'onbuild' && n.trigger) s += ' (' + dump(n.trigger) + ')';
  else for (const a of n.args) s += ' ' + goQuote(a.text);
  return s.trim();
}

describe('BuildKit parser port', () => {
  it('reproduces the AST of every BuildKit parser fixture, and fails where BuildKit fails', t => {
    const file = path.join(CONFORMANCE, 'buildkit-parser-cases.json');
    if (!fs.existsSync(file)) assert.fail(`no ${file} (set LAYERWISE_CONFORMANCE)`);
    const cases: { name: string; dockerfile: string; expect_parse_error: boolean; expected_result?: string }[] = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const c of cases) {
      const p = parseText(c.dockerfile);
      const errors = [...p.errors, ...p.nodes.filter(n => n.error).map(n => n.error!)];
      if (c.expect_parse_error) { assert.ok(errors.length, `${c.name} should fail to parse`); continue; }
      assert.deepEqual(errors, [], c.name);
      assert.equal(p.nodes.map(n => `(${dump(n)})\n`).join(''), c.expected_result, c.name);
    }
  });
  it('joins continuation lines, dropping comment and empty lines, and maps offsets back', () => {
    const text = 'FROM a\nRUN echo \\\n# comment\n\n    hi\n';
    const [, run] = parseText(text).nodes;
    assert.equal(run.line.text, 'RUN echo     hi');
    assert.equal(run.emptyContinuation, true);
    assert.equal(run.textEndLine, 4);
    const hi = run.line.text.indexOf('hi');
    assert.equal(text.slice(run.line.docOffset(hi), run.line.docEnd(hi + 2)), 'hi');
  });
  it('collects comments above an instruction; a bare # resets them, blank lines do not', () => {
    const nodes = parseText('# syntax=docker/dockerfile:1\n# a\n#\n# b\n\nFROM x\n').nodes;
    assert.deepEqual(nodes[0].comments, ['b']);
    assert.deepEqual(parseText('# syntax=docker/dockerfile:1\n# desc\nARG A\n').nodes[0].comments, ['desc']);
  });
  it('reads parser directives only at the top, and reports duplicates and bad escapes', () => {
    assert.deepEqual(parseText('# escape=`\n# check=skip=all\nFROM x\n').directives.map(d => d.name), ['escape', 'check']);
    assert.deepEqual(parseText('\n# escape=`\nFROM x\n').directives, []);
    assert.match(parseText('# syntax=a\n# syntax=b\nFROM x\n').errors[0].message, /only one syntax/);
    assert.match(parseText('# escape=x\nFROM x\n').errors[0].message, /invalid escape token/);
    assert.equal(parseText('# escape=`\nFROM x\nRUN a `\n b\n').nodes[1].line.text, 'RUN a  b');
  });
  it('extracts flags with their spans, stopping at -- or the first argument', () => {
    const [, copy] = parseText('FROM a\nCOPY --from=b --chmod=755 -- --x /y\n').nodes;
    assert.deepEqual(copy.flags.map(f => [f.name, f.value]), [['from', 'b'], ['chmod', '755']]);
    assert.deepEqual(copy.args.map(a => a.text), ['--x', '/y']);
  });
  it('parses ENV in both forms and finds heredocs', () => {
    const nodes = parseText('FROM a\nENV A 1 2\nENV B="x y" C=3\nRUN <<EOF cat <<-"END"\nbody\nEOF\n\tmore\n\tEND\n').nodes;
    assert.deepEqual(nodes[1].kvs!.map(k => [k.key.text, k.value.text, k.hasEquals]), [['A', '1 2', false]]);
    assert.deepEqual(nodes[2].kvs!.map(k => [k.key.text, k.value.text]), [['B', '"x y"'], ['C', '3']]);
    assert.deepEqual(nodes[3].heredocs.map(h => [h.name, h.expand, h.chomp, h.content]), [['EOF', true, false, 'body\n'], ['END', false, true, '\tmore\n']]);
    assert.equal(nodes[3].endLine, 7);
    assert.match(parseText('FROM a\nRUN <<EOF\nx\n').errors[0].message, /unterminated heredoc/);
  });
  it('checks image references with Docker\'s grammar', () => {
    for (const ok of ['alpine', 'alpine:3.20', 'ghcr.io/org/app:1', 'localhost:5000/a/b@sha256:' + 'a'.repeat(64), 'scratch', 'Registry.Example.com/a']) assert.equal(imageReferenceError(ok), undefined, ok);
    assert.match(imageReferenceError('Ubuntu')!, /must be lowercase/);
    assert.match(imageReferenceError('busybox:')!, /invalid reference format/);
    assert.match(imageReferenceError('')!, /invalid reference format/);
  });
  it('parses platforms, durations and signals like containerd, Go and moby', () => {
    assert.deepEqual(parsePlatform('linux/arm64/v8'), { os: 'linux', architecture: 'arm64', variant: undefined });
    assert.equal(parsePlatform('arm64').os, 'linux');
    assert.throws(() => parsePlatform('linux/'), /invalid component/);
    assert.equal(parseGoDuration('1m30s'), 90_000);
    assert.equal(parseGoDuration('0'), 0);
    assert.throws(() => parseGoDuration('30'), /missing unit/);
    assert.equal(isValidSignal('SIGRTMIN+3') && isValidSignal('term') && isValidSignal('9'), true);
    assert.equal(isValidSignal('SIGTREM') || isValidSignal('0'), false);
  });
});
