import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'copy-then-extract';

describe(ID, () => {
  it('reports on the COPY whose archive a later RUN unpacks', () => {
    assert.deepEqual(lines(check(ID, 'COPY packaged-app.tar /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar\n')), [1]);
    assert.deepEqual(lines(check(ID, 'FROM debian\nCOPY packaged-app.tar /usr/src/app\nWORKDIR /usr/src/app\nRUN foo bar && echo something && tar -xf packaged-app.tar\n')), [2]);
    assert.deepEqual(lines(check(ID, 'COPY foo/bar/packaged-app.tar /foo.tar\nRUN tar -xf /foo.tar\n')), [1], 'the destination name counts');
    assert.deepEqual(lines(check(ID, 'FROM debian\nCOPY app.tgz /tmp/\nRUN tar xzf /tmp/app.tgz -C /opt\n')), [2], 'old-style tar options');
    assert.deepEqual(lines(check(ID, 'FROM debian\nCOPY app.tar.gz /tmp/\nRUN tar --extract --file=/tmp/app.tar.gz\n')), [2]);
  });
  it('handles Windows paths as hadolint does', () => {
    assert.deepEqual(lines(check(ID, 'COPY build\\foo\\bar.tar.gz "C:\\Program Files\\Foo"\nRUN tar -xf "C:\\Program Files\\Foo\\bar.tar.gz"\n')), [1]);
    assert.deepEqual(lines(check(ID, 'COPY build\\foo\\bar.tar.gz "C:\\Program Files\\foo.tar.gz"\nRUN tar -xf foo.tar.gz\n')), [1]);
  });
  it('suggests ADD for tar archives and a bind mount for zip and single compressed files', () => {
    assert.match(check(ID, 'FROM debian\nCOPY a.tar.xz /tmp/\nRUN tar -xJf /tmp/a.tar.xz\n')[0].message, /`ADD`/);
    const [zip] = check(ID, 'FROM debian\nCOPY site.zip /tmp/\nRUN unzip /tmp/site.zip -d /srv\n');
    assert.match(zip.message, /--mount=type=bind/);
    assert.doesNotMatch(zip.message, /`ADD`/);
    assert.match(check(ID, 'FROM debian\nCOPY data.gz /tmp/\nRUN gunzip /tmp/data.gz\n')[0].message, /--mount=type=bind/);
  });
  it('is quiet without extraction, for other stages, --from copies and other archives', () => {
    assert.deepEqual(check(ID, 'COPY packaged-app.tar /usr/src/app\nFROM debian:11 as newstage\n'), []);
    assert.deepEqual(check(ID, 'FROM debian\nCOPY app.tar /a/\nFROM debian\nRUN tar -xf /a/app.tar\n'), [], 'a new stage starts over');
    assert.deepEqual(check(ID, 'COPY package.json /usr/src/app\n'), []);
    assert.deepEqual(check(ID, 'COPY --from=builder /usr/local/share/some.tar /opt/some.tar\nRUN tar -xf /opt/some.tar\n'), []);
    assert.deepEqual(check(ID, 'FROM debian\nCOPY a.tar /a/\nRUN tar -cf b.tar /a && tar -tf other.tar\n'), []);
  });
  it('reports each COPY once', () => {
    assert.equal(check(ID, 'FROM debian\nCOPY a.tar /a/\nRUN tar -xf /a/a.tar\nRUN tar -xf /a/a.tar -C /b\n').length, 1);
  });
});
