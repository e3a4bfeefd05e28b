import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'sudo-in-run';

describe(ID, () => {
  it('reports sudo as a command, also chained and inside $(…), and not as a package name', () => {
    assert.deepEqual(lines(check(ID, 'FROM debian:12\nRUN sudo apt-get update\nRUN apt-get update && sudo apt-get install\nRUN apt-get install sudo\nRUN X=$(sudo cat /etc/x) && echo\n')), [2, 3, 5]);
    assert.deepEqual(lines(check(ID, 'FROM debian:12\nONBUILD RUN sudo apt-get update\n')), [2]);
  });
  it('removes sudo when the step certainly runs as root, safely', () => {
    assert.equal(fixOnce(ID, 'FROM debian:12\nRUN sudo apt-get update\n'), 'FROM debian:12\nRUN apt-get update\n');
    assert.equal(fixOnce(ID, 'FROM app:1\nUSER root\nRUN sudo make install\n'), 'FROM app:1\nUSER root\nRUN make install\n');
    assert.equal(check(ID, 'FROM debian:12\nRUN sudo apt-get update\n')[0].fixes!()[0].safe, true);
  });
  it('offers no fix when another user runs the step, the base image may set one, or sudo has options', () => {
    for (const text of ['FROM debian:12\nUSER app\nRUN sudo make install\n', 'FROM jenkins/jenkins:lts\nRUN sudo apt-get update\n', 'FROM debian:12\nRUN sudo -u app make\n']) {
      const [f] = check(ID, text);
      assert.deepEqual(f.fixes!(), [], text);
      assert.match(f.message, /USER root/);
    }
  });
});
