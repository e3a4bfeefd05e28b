import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'cmd-shell-form';

describe(ID, () => {
  it('fires on CMD and ENTRYPOINT in shell form, in every stage', () => {
    assert.deepEqual(lines(check(ID, 'FROM node AS foo\nENTRYPOINT something\nFROM scratch\nCMD mycommand\n')), [2, 4]);
  });
  it('is quiet on exec form, including JSON strings with spaces or continued over lines', () => {
    assert.equal(check(ID, 'FROM x\nCMD ["foo", "bar"]\nCMD [ "foo", "bar" ]\nENTRYPOINT ["sh", "-c", "echo a b"]\n').length, 0);
    assert.equal(check(ID, 'FROM x\nCMD [ "/bin/sh", "-c", \\\n      "echo foo && \\\n       echo bar" \\\n    ]\n').length, 0);
  });
  it('leaves HEALTHCHECK CMD alone', () => {
    assert.equal(check(ID, 'FROM x\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n').length, 0);
  });
  it('is quiet after an explicit SHELL in the stage or a stage it is built on, as BuildKit', () => {
    assert.equal(check(ID, 'FROM scratch\nSHELL ["/usr/bin/customshell"]\nCMD mycommand\n').length, 0);
    assert.equal(check(ID, 'FROM scratch AS base\nSHELL ["/usr/bin/customshell"]\nFROM base\nENTRYPOINT mycommand\n').length, 0);
    assert.equal(check(ID, 'FROM scratch\nCMD mycommand\nSHELL ["/bin/bash", "-c"]\n').length, 1, 'a SHELL after the CMD does not apply to it');
    assert.equal(check(ID, 'FROM scratch AS other\nSHELL ["/bin/bash", "-c"]\nFROM scratch\nCMD mycommand\n').length, 1, 'an unrelated stage');
  });
  it('honours the BuildKit skip directive', () => {
    assert.equal(check(ID, '# check=skip=JSONArgsRecommended\nFROM scratch\nCMD mycommand\n').length, 0);
  });
  it('converts plain commands exactly, with quotes', () => {
    assert.equal(fixOnce(ID, 'FROM p\nCMD python main.py --port 8000\n'), 'FROM p\nCMD ["python", "main.py", "--port", "8000"]\n');
    assert.equal(fixOnce(ID, 'FROM p\nCMD echo \'hello world\' "a b"\n'), 'FROM p\nCMD ["echo", "hello world", "a b"]\n');
    assert.equal(fixOnce(ID, 'FROM p\nCMD gunicorn --bind=0.0.0.0:8000 app:create_app()\n'.replace('()', '')), 'FROM p\nCMD ["gunicorn", "--bind=0.0.0.0:8000", "app:create_app"]\n');
    assert.equal(fixOnce(ID, 'FROM p\nENTRYPOINT ./server\n'), 'FROM p\nENTRYPOINT ["./server"]\n');
  });
  it('converts continued lines, also in backtick-escape files', () => {
    assert.equal(fixOnce(ID, 'FROM p\nCMD python \\\n    main.py\n'), 'FROM p\nCMD ["python", "main.py"]\n');
    assert.equal(fixOnce(ID, '# escape=`\nFROM p\nCMD python `\n    main.py\n'), '# escape=`\nFROM p\nCMD ["python", "main.py"]\n');
  });
  it('treats a leading exec as already signal-safe (info) and drops it in the fix', () => {
    const [f] = check(ID, 'FROM p\nCMD exec python main.py\n');
    assert.equal(f.severity, 'info');
    assert.equal(fixOnce(ID, 'FROM p\nCMD exec python main.py\n'), 'FROM p\nCMD ["python", "main.py"]\n');
    assert.equal(check(ID, 'FROM p\nCMD exec gunicorn --bind :$PORT app:app\n')[0].severity, 'info');
  });
  it('explains why there is no fix when the shell is needed', () => {
    const cases: [string, RegExp][] = [
      ['gunicorn --bind :$PORT app:app', /\$/],
      ['python a.py && python b.py', /chains commands/],
      ['python app.py > /tmp/log', /redirections/],
      ['python *.py', /glob/],
      ['~/bin/start', /~/],
      ['echo `date`', /backticks/],
      ['PORT=80 node server.js', /assignment/],
      ['cd /app; node server.js', /chains/],
      ['source env.sh', /builtin/],
      ['echo "$HOME"', /double-quoted/],
    ];
    for (const [cmd, why] of cases) {
      const [f] = check(ID, `FROM p\nCMD ${cmd}\n`);
      assert.match(f.message, why, cmd);
      assert.deepEqual(f.fixes!(), [], cmd);
    }
  });
  it('does not convert an ENTRYPOINT when the stage sets CMD (it would become arguments)', () => {
    const [f] = check(ID, 'FROM p\nENTRYPOINT python main.py\nCMD ["--debug"]\n');
    assert.match(f.message, /also sets CMD/);
    assert.deepEqual(f.fixes!(), []);
    assert.equal(check(ID, 'FROM p AS base\nCMD ["x"]\nFROM base\nENTRYPOINT python main.py\n')[0].fixes!().length, 1, 'an inherited CMD is reset by ENTRYPOINT');
  });
  it('reports bracketed text that is not JSON and repairs it', () => {
    const [f] = check(ID, "FROM p\nCMD ['python', 'main.py']\n");
    assert.match(f.message, /not valid JSON/);
    assert.equal(fixOnce(ID, "FROM p\nCMD ['python', 'main.py']\n"), 'FROM p\nCMD ["python", "main.py"]\n');
    assert.equal(fixOnce(ID, 'FROM p\nENTRYPOINT ["python" "main.py"]\n'), 'FROM p\nENTRYPOINT ["python", "main.py"]\n');
    assert.deepEqual(check(ID, 'FROM p\nCMD ["a", $X]\n')[0].fixes!(), []);
  });
  it('never applies its fix automatically (process 1 changes)', () => {
    assert.equal(check(ID, 'FROM p\nCMD python main.py\n')[0].fixes!()[0].safe, false);
  });
});
