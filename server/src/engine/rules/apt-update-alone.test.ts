import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'apt-update-alone';

describe(ID, () => {
  it('fires on an update without an install in the same RUN, for apt-get, apt and aptitude', () => {
    assert.deepEqual(lines(check(ID, 'FROM debian:12\nRUN apt-get update\nRUN apt update -qq\nRUN aptitude update\nRUN apt-get install -y curl\n')), [2, 3, 4]);
  });
  it('points at the update command itself', () => {
    const [f] = check(ID, 'FROM debian:12\nRUN set -x && apt-get -q update\n');
    assert.deepEqual(f.range, { start: { line: 1, character: 14 }, end: { line: 1, character: 31 } });
  });
  it('is quiet when the same RUN installs, upgrades or otherwise uses the lists', () => {
    for (const run of [
      'apt-get update && apt-get install -y curl',
      'apt-get update \\\n && DEBIAN_FRONTEND=noninteractive apt-get -y --no-install-recommends install curl',
      'apt-get update && apt-get dist-upgrade -y',
      'apt-get update; apt-get build-dep -y python3',
      'apt-get --update install -y curl',
      'sudo apt-get update && sudo apt-get install -y curl',
    ]) assert.equal(check(ID, `FROM debian:12\nRUN ${run}\n`).length, 0, run);
  });
  it('is quiet when something else in the RUN may install packages itself', () => {
    for (const run of ['apt-get update && ./install-deps.sh', 'apt-get update && bash setup.sh', 'apt-get update && xargs apt-get install -y < pkgs.txt', 'apt-get update && make deps']) {
      assert.equal(check(ID, `FROM debian:12\nRUN ${run}\n`).length, 0, run);
    }
  });
  it('reads heredocs, continuations and backtick-escape files', () => {
    assert.deepEqual(lines(check(ID, 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\nEOF\nRUN apt-get install -y curl\n')), [4]);
    assert.equal(check(ID, 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n').length, 0);
    assert.deepEqual(lines(check(ID, '# escape=`\nFROM debian:12\nRUN echo start `\n    && apt-get update\n')), [4]);
  });
  it('checks ONBUILD RUN triggers, without a fix', () => {
    const [f] = check(ID, 'FROM debian:12\nONBUILD RUN apt-get update\nONBUILD RUN apt-get install -y curl\n');
    assert.match(f.message, /ONBUILD/);
    assert.deepEqual(f.fixes!(), []);
  });
  it('still fires with a cache mount (the layer itself is reused)', () => {
    assert.equal(check(ID, 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n').length, 1);
  });
  it('merges the update into the next install RUN', () => {
    assert.equal(
      fixOnce(ID, 'FROM debian:12\nRUN apt-get update\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n'),
      'FROM debian:12\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n');
    // Assignments in front of the install stay in front of it.
    assert.equal(fixOnce(ID, 'FROM d\nRUN apt-get update -qq\nRUN DEBIAN_FRONTEND=noninteractive apt-get install -y x\n'),
      'FROM d\nRUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y x\n');
  });
  it('keeps identical mounts when merging, and keeps CRLF line ends', () => {
    const m = '--mount=type=cache,target=/var/cache/apt';
    assert.equal(fixOnce(ID, `FROM d\r\nRUN ${m} apt-get update\r\nRUN ${m} apt-get install -y x\r\n`), `FROM d\r\nRUN ${m} apt-get update && apt-get install -y x\r\n`);
  });
  it('deletes the lone update when the next RUN already updates', () => {
    assert.equal(fixOnce(ID, 'FROM d\nRUN apt-get update\nRUN apt-get update && apt-get install -y x\n'), 'FROM d\nRUN apt-get update && apt-get install -y x\n');
  });
  it('offers no merge when it could change the result', () => {
    const noFix = (text: string, why: string) => assert.deepEqual(check(ID, text)[0].fixes!(), [], why);
    noFix('FROM d\nRUN apt-get update\nCOPY sources.list /etc/apt/\nRUN apt-get install -y x\n', 'a COPY in between');
    noFix('FROM d\nRUN apt-get update\nRUN apt-get install -y x || true\n', '`||` would swallow a failed update');
    noFix('FROM d\nRUN apt-get update\nRUN apt-get install -y x; echo done\n', '`;` would ignore a failed update');
    noFix('FROM d\nRUN apt-get update\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y x\n', 'different mounts');
    noFix('FROM d\nRUN apt-get update && mkdir /x\nRUN apt-get install -y x\n', 'the update RUN does more');
    noFix('FROM d\nRUN apt-get update\nRUN echo hi && apt-get install -y x\n', 'the install RUN does not start with apt');
    noFix('FROM d\nRUN apt-get update\nFROM d\nRUN apt-get install -y x\n', 'the install is in another stage');
    noFix('FROM d\nRUN apt-get update\nRUN <<EOF\napt-get install -y x\nEOF\n', 'heredoc install');
  });
  it('works without a FROM (as typed, and as hadolint tests it)', () => {
    assert.equal(check(ID, 'RUN apt-get update\n').length, 1);
  });
});
