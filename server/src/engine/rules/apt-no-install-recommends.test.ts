import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'apt-no-install-recommends';

describe(ID, () => {
  it('fires on apt-get install and apt install without the flag, pointing at `apt-get … install`', () => {
    const [f] = check(ID, 'FROM d\nRUN apt-get update && apt-get -y install curl\n');
    assert.deepEqual(f.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 40 } });
    assert.deepEqual(lines(check(ID, 'FROM d\nRUN apt install -y curl\nRUN sudo apt-get install -y git\n')), [2, 3]);
  });
  it('accepts the flag anywhere, and the -o option in its spellings', () => {
    for (const cmd of [
      'apt-get install --no-install-recommends -y curl',
      'apt-get install -y curl --no-install-recommends',
      'apt-get --no-install-recommends install -y curl',
      'apt-get -o APT::Install-Recommends=false install curl',
      'apt-get -oAPT::Install-Recommends=0 install curl',
      'apt-get install --option=APT::Install-Recommends=false curl',
    ]) assert.equal(check(ID, `FROM d\nRUN ${cmd}\n`).length, 0, cmd);
  });
  it('accepts an apt configuration written earlier in the RUN, the stage or its base stage', () => {
    const conf = `echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends`;
    assert.equal(check(ID, `FROM d\nRUN ${conf} && apt-get install -y x\n`).length, 0);
    assert.equal(check(ID, `FROM d AS base\nRUN ${conf}\nFROM base\nRUN apt-get install -y x\n`).length, 0);
    assert.equal(check(ID, 'FROM d\nCOPY 99norecommends /etc/apt/apt.conf.d/\nRUN apt-get install -y x\n').length, 0);
    assert.equal(check(ID, `FROM d AS a\nRUN ${conf}\nFROM d\nRUN apt-get install -y x\n`).length, 1, 'another stage\'s config does not count');
  });
  it('is a hint in stages that are not shipped', () => {
    const found = check(ID, 'FROM d AS build\nRUN apt-get install -y gcc\nFROM d\nCOPY --from=build /x /x\nRUN apt-get install -y curl\n');
    assert.deepEqual(found.map(f => [f.range.start.line + 1, f.severity]), [[2, 'hint'], [5, 'info']]);
  });
  it('ignores aptitude and other subcommands', () => {
    assert.equal(check(ID, 'FROM d\nRUN aptitude install -y x && apt-get remove -y y && apt-get upgrade -y\n').length, 0);
  });
  it('handles heredocs, ONBUILD, mounts and backtick-escape continuations', () => {
    assert.deepEqual(lines(check(ID, 'FROM d\nRUN <<EOF\napt-get update\napt-get install -y x\nEOF\n')), [4]);
    assert.deepEqual(lines(check(ID, 'FROM d\nONBUILD RUN apt-get install -y x\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM d\nRUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get install -y x\n')), [3]);
    assert.deepEqual(lines(check(ID, '# escape=`\nFROM d\nRUN apt-get update `\n  && apt-get install -y x\n')), [4]);
  });
  it('inserts the flag after `install` (not safe: recommended packages may be needed)', () => {
    assert.equal(fixOnce(ID, 'FROM d\nRUN apt-get update \\\n  && apt-get install -y curl \\\n  && rm -rf /var/lib/apt/lists/*\n'),
      'FROM d\nRUN apt-get update \\\n  && apt-get install --no-install-recommends -y curl \\\n  && rm -rf /var/lib/apt/lists/*\n');
    assert.equal(check(ID, 'FROM d\nRUN apt-get install -y x\n')[0].fixes!()[0].safe, false);
    assert.equal(fixOnce(ID, 'FROM d\nRUN ["apt-get", "install", "-y", "x"]\n'), 'FROM d\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "x"]\n');
    assert.equal(fixOnce(ID, 'FROM d\nRUN <<EOF\napt-get install -y x\nEOF\n'), 'FROM d\nRUN <<EOF\napt-get install --no-install-recommends -y x\nEOF\n');
  });
  it('fixes each install of a RUN separately', () => {
    const text = 'FROM d\nRUN apt-get install -y a && apt-get install -y b\n';
    const once = fixOnce(ID, text);
    assert.equal(once, 'FROM d\nRUN apt-get install --no-install-recommends -y a && apt-get install -y b\n');
    assert.equal(fixOnce(ID, once), 'FROM d\nRUN apt-get install --no-install-recommends -y a && apt-get install --no-install-recommends -y b\n');
  });
});
