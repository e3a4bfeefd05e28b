import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'add-instead-of-copy';

describe(ID, () => {
  it('fires on ADD of local files and folders, quoted or in JSON form', () => {
    assert.deepEqual(lines(check(ID, 'FROM x\nADD file /usr/src/app/\nADD "file.zip" /app/\nADD . /app\nADD ["my file.txt", "/app/"]\nADD --chown=app:app src/ /app/src/\n')), [2, 3, 4, 5, 6]);
  });
  it('is quiet for URLs, git repositories and archives ADD unpacks', () => {
    for (const src of ['http://file.com', '"https://example.com/x.tgz"', 'git@github.com:org/repo.git', 'file.tar', 'file.tar.gz', '"file.tgz"', 'file.tar.bz2', 'file.tar.xz', 'file.tar.zst', 'file.gz', 'file.bz2', 'file.xz']) {
      assert.equal(check(ID, `FROM x\nADD ${src} /usr/src/app/\n`).length, 0, src);
    }
  });
  it('is quiet with ADD-only flags and with unresolved variables', () => {
    assert.equal(check(ID, 'FROM x\nADD --checksum=sha256:abc https://x/y.bin /y\nADD --keep-git-dir=true https://github.com/a/b.git /b\n').length, 0);
    assert.equal(check(ID, 'FROM x\nARG PKG\nADD ${PKG} /opt/\n').length, 0);
  });
  it('reports a mix of archives and plain files without a fix', () => {
    const [f] = check(ID, 'FROM x\nADD vendor.tar.gz config.yml /opt/\n');
    assert.match(f.message, /`config.yml`/);
    assert.deepEqual(f.fixes!(), []);
  });
  it('replaces the keyword and keeps flags, continuation lines and case', () => {
    assert.equal(fixOnce(ID, 'FROM x\nADD --chown=app:app --chmod=644 \\\n    requirements.txt /app/\n'), 'FROM x\nCOPY --chown=app:app --chmod=644 \\\n    requirements.txt /app/\n');
    assert.equal(fixOnce(ID, 'from x\nadd app.py /app/\n'), 'from x\ncopy app.py /app/\n');
    assert.equal(fixOnce(ID, 'FROM x\nADD <<EOF /etc/motd\nhello\nEOF\n'), 'FROM x\nCOPY <<EOF /etc/motd\nhello\nEOF\n');
  });
  it('is safe only when the sources cannot be tar archives', () => {
    const safe = (text: string, files?: Record<string, string>) => check(ID, text, files)[0].fixes!()[0].safe;
    assert.equal(safe('FROM x\nADD . /app\n'), true);
    assert.equal(safe('FROM x\nADD src/ /app/src/\n'), true);
    assert.equal(safe('FROM x\nADD main.py requirements.txt /app/\n'), true);
    assert.equal(safe('FROM x\nADD app.zip /app/\n'), true, 'ADD does not unpack zip');
    assert.equal(safe('FROM x\nADD bundle /app/\n'), false, 'no extension and no context: might be a tar');
    assert.equal(safe('FROM x\nADD bundle /app/\n', { bundle: 'plain text\n' }), true, 'the context shows it is text');
    assert.equal(safe('FROM x\nADD bundle /app/\n', { bundle: '\x1f\x8b\x08rest' }), false, 'gzip signature');
    assert.equal(safe('FROM x\nADD *.bin /app/\n'), false, 'a pattern');
  });
  it('checks every stage and works without FROM', () => {
    assert.deepEqual(lines(check(ID, 'FROM a AS b\nADD x /x\nFROM c\nADD y /y\n')), [2, 4]);
    assert.deepEqual(lines(check(ID, 'ADD file /usr/src/app/\n')), [1]);
  });
});
