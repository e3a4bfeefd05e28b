import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'consecutive-run';

describe(ID, () => {
  it('reports the second of two neighbouring single-command RUNs, comments in between or not', () => {
    assert.deepEqual(lines(check(ID, 'RUN /foo.sh\nRUN /bar.sh\n')), [2]);
    assert.deepEqual(lines(check(ID, 'RUN /foo.sh\n# a comment\nRUN /bar.sh\n')), [3]);
    assert.deepEqual(lines(check(ID, 'RUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh\n')), [4]);
    assert.deepEqual(lines(check(ID, 'RUN foo && bar\nRUN foo\nRUN bar\n')), [3]);
    assert.deepEqual(lines(check(ID, 'RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n')), [2]);
    assert.equal(check(ID, 'RUN a\nRUN b\n')[0].severity, 'hint');
  });
  it('is quiet for chained commands, different flags and anything in between', () => {
    for (const text of ['FROM debian:10', 'RUN /foo.sh', 'RUN /foo.sh\nWORKDIR /\nRUN /bar.sh', '# a comment\nRUN /foo.sh',
      'RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh', 'RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh',
      'RUN foo && bar\nRUN foobar', 'RUN foo; bar\nRUN foobar', 'RUN foobar\nRUN foo && bar', 'RUN foobar\nRUN foo; bar', 'RUN foo && bar\nRUN foo; bar',
      'FROM a\nRUN x\nFROM b\nRUN y', 'RUN a\nRUN [ "$X" != "pre" ] && b || c']) {
      assert.deepEqual(check(ID, text + '\n'), [], text);
    }
  });
  it('joins the RUN with the one before (offered, not automatic)', () => {
    assert.equal(fixOnce(ID, 'FROM debian\nRUN mkdir -p /data\nRUN chmod 700 /data\n'), 'FROM debian\nRUN mkdir -p /data \\\n    && chmod 700 /data\n');
    assert.equal(fixOnce(ID, '# escape=`\nFROM debian\nRUN mkdir -p /data\nRUN chmod 700 /data\n'), '# escape=`\nFROM debian\nRUN mkdir -p /data `\n    && chmod 700 /data\n');
    assert.equal(check(ID, 'RUN a\nRUN b\n')[0].fixes!()[0].safe, false);
  });
  it('offers no join across comments, for exec form or heredocs', () => {
    assert.deepEqual(check(ID, 'RUN a\n# why\nRUN b\n')[0].fixes!(), []);
    assert.deepEqual(check(ID, 'RUN ["a"]\nRUN b\n')[0].fixes!(), []);
    assert.deepEqual(check(ID, 'RUN a # note\nRUN b\n')[0].fixes!(), []);
  });
  it('stays silent on scripts it cannot count, such as PowerShell', () => {
    const text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Invoke-WebRequest https://example.com/a.zip -OutFile a.zip; Expand-Archive a.zip\nRUN Remove-Item a.zip\n';
    assert.deepEqual(check(ID, text), []);
  });
});
