import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'workdir-system-folder';

describe(ID, () => {
  it('reports system folders, with relative paths and variables resolved', () => {
    assert.deepEqual(lines(check(ID, 'FROM d\nWORKDIR /usr/bin\nWORKDIR /usr\nWORKDIR lib\nWORKDIR /etc/\nENV D=/var\nWORKDIR $D\n')), [2, 3, 4, 5, 7]);
    assert.match(check(ID, 'FROM d\nWORKDIR /usr\nWORKDIR lib\n')[1].message, /`\/usr\/lib`/);
  });
  it('leaves /, /root, /tmp, /usr/local/… and application folders alone', () => {
    for (const dir of ['/', '/root', '/tmp', '/usr/local/bin', '/usr/src/app', '/var/www/html', '/var/lib/app', '/opt/tool', '/home/app', '/app', '$UNKNOWN']) {
      assert.equal(check(ID, `FROM d\nWORKDIR ${dir}\n`).length, 0, dir);
    }
  });
});
