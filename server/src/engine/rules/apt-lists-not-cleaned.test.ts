import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'apt-lists-not-cleaned';

describe(ID, () => {
  it('fires on update + install without removing the lists, pointing at the update', () => {
    const [f] = check(ID, 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n');
    assert.deepEqual(f.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 18 } });
    assert.deepEqual(lines(check(ID, 'FROM debian:12\nRUN apt update && apt install -y curl\nRUN aptitude update && aptitude install -y x\n')), [2, 3]);
  });
  it('recognises the usual cleanups, after the last update', () => {
    for (const clean of ['rm -rf /var/lib/apt/lists/*', 'rm -rf /var/lib/apt/lists', 'rm -fr /var/lib/apt/lists/* /tmp/*', 'rm -r /var/lib/apt/lists/', 'rm -rf /var/lib/apt/*', 'find /var/lib/apt/lists -type f -delete', 'apt-get dist-clean', 'apt-get distclean']) {
      assert.equal(check(ID, `FROM debian:12\nRUN apt-get update && apt-get install -y curl && ${clean}\n`).length, 0, clean);
    }
    assert.equal(check(ID, 'FROM d\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y x\n').length, 1, 'cleanup before the update does nothing');
    assert.equal(check(ID, 'FROM d\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y y\n').length, 1, 'a second update refills the lists');
    assert.equal(check(ID, 'FROM d\nRUN apt-get update && apt-get install -y x && apt-get clean\n').length, 1, 'apt-get clean leaves the lists');
  });
  it('treats apt 3 `install --update` as an update', () => {
    assert.equal(check(ID, 'FROM debian:13\nRUN apt-get --update install -y curl\n').length, 1);
    assert.equal(check(ID, 'FROM debian:13\nRUN apt-get --update install -y curl && apt-get dist-clean\n').length, 0);
  });
  it('leaves an update without install to apt-update-alone', () => {
    assert.equal(check(ID, 'FROM d\nRUN apt-get update\n').length, 0);
  });
  it('accepts cache and tmpfs mounts that hold the lists, not ones that miss them', () => {
    assert.equal(check(ID, 'FROM d\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y x\n').length, 0);
    assert.equal(check(ID, 'FROM d\nRUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y x\n').length, 0);
    assert.equal(check(ID, 'FROM d\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y x\n').length, 1);
    assert.equal(check(ID, 'FROM d\nRUN --mount=type=secret,id=netrc,target=/root/.netrc apt-get update && apt-get install -y x\n').length, 1);
  });
  it('looks at the final stage and stages used as a base, not at stages only copied from', () => {
    const install = 'RUN apt-get update && apt-get install -y gcc\n';
    assert.deepEqual(lines(check(ID, `FROM d AS build\n${install}FROM scratch\nCOPY --from=build /x /x\n`)), []);
    assert.deepEqual(lines(check(ID, `FROM d AS base\n${install}FROM base\nRUN echo hi\n`)), [2]);
    assert.deepEqual(lines(check(ID, `FROM d AS build\nRUN true\nFROM d\n${install}`)), [4]);
  });
  it('checks ONBUILD RUN in any stage, since it runs in the images built from this one', () => {
    const [f] = check(ID, 'FROM d AS tpl\nONBUILD RUN apt-get update && apt-get install -y x\nFROM scratch\n');
    assert.match(f.message, /ONBUILD/);
    assert.equal(f.fixes!()[0].safe, false);
  });
  it('reads heredocs and backtick-escape continuations', () => {
    assert.equal(check(ID, 'FROM d\nRUN <<EOF\napt-get update\napt-get install -y x\nEOF\n').length, 1);
    assert.equal(check(ID, 'FROM d\nRUN <<EOF\napt-get update\napt-get install -y x\nrm -rf /var/lib/apt/lists/*\nEOF\n').length, 0);
    assert.deepEqual(lines(check(ID, '# escape=`\nFROM d\nRUN apt-get update `\n  && apt-get install -y x\n')), [3]);
  });
  it('appends the cleanup to the RUN (safe), after continuation lines and with CRLF', () => {
    assert.equal(fixOnce(ID, 'FROM d\nRUN apt-get update \\\n    && apt-get install -y x\nCMD ["x"]\n'), 'FROM d\nRUN apt-get update \\\n    && apt-get install -y x && rm -rf /var/lib/apt/lists/*\nCMD ["x"]\n');
    assert.equal(fixOnce(ID, 'FROM d\r\nRUN apt-get update && apt-get install -y x\r\n'), 'FROM d\r\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\r\n');
    assert.equal(fixOnce(ID, 'FROM d\nRUN apt-get update; apt-get install -y x;'), 'FROM d\nRUN apt-get update; apt-get install -y x; rm -rf /var/lib/apt/lists/*');
    assert.equal(check(ID, 'FROM d\nRUN apt-get update && apt-get install -y x\n')[0].fixes!()[0].safe, true);
  });
  it('adds the cleanup as the last line of a shell heredoc', () => {
    assert.equal(fixOnce(ID, 'FROM d\nRUN <<EOF\nset -e\napt-get update\napt-get install -y x\nEOF\n'), 'FROM d\nRUN <<EOF\nset -e\napt-get update\napt-get install -y x\nrm -rf /var/lib/apt/lists/*\nEOF\n');
    assert.deepEqual(check(ID, 'FROM d\nRUN bash <<EOF\napt-get update\napt-get install -y x\nEOF\n')[0].fixes!(), [], 'the heredoc feeds another program');
  });
  it('offers no fix that would break a later install relying on the lists', () => {
    assert.deepEqual(check(ID, 'FROM d\nRUN apt-get update && apt-get install -y x\nRUN apt-get install -y y && rm -rf /var/lib/apt/lists/*\n')[0].fixes!(), []);
    assert.deepEqual(check(ID, 'FROM d AS base\nRUN apt-get update && apt-get install -y x\nFROM base\nRUN apt-get install -y y\n')[0].fixes!(), []);
    assert.equal(check(ID, 'FROM d\nRUN apt-get update && apt-get install -y x\nRUN apt-get update && apt-get install -y y && rm -rf /var/lib/apt/lists/*\n')[0].fixes!().length, 1);
  });
  it('offers no fix when appending would land in a comment or after a background job', () => {
    assert.deepEqual(check(ID, 'FROM d\nRUN apt-get update && apt-get install -y x # tools\n')[0].fixes!(), []);
    assert.deepEqual(check(ID, 'FROM d\nRUN apt-get update && apt-get install -y x &\n')[0].fixes!(), []);
    assert.deepEqual(check(ID, 'FROM d\nRUN ["apt-get", "update"]\nRUN ["apt-get", "install", "-y", "x"]\n'), [], 'exec-form RUNs hold one command each');
  });
  it('explains that a cleanup in a later RUN does not shrink the layer', () => {
    const [f] = check(ID, 'FROM d\nRUN apt-get update && apt-get install -y x\nRUN rm -rf /var/lib/apt/lists/*\n');
    assert.match(f.message, /cleanup on line 3 runs in a later layer/);
  });
  it('is quiet when the RUN is ignored with a hadolint pragma', () => {
    assert.equal(check(ID, 'FROM d\n# hadolint ignore=DL3009\nRUN apt-get update && apt-get install -y x\n').length, 0);
  });
});
