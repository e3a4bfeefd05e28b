import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'apt-without-yes';
const run = (cmd: string, pre = '') => check(ID, `FROM debian:12\n${pre}RUN ${cmd}\n`);

describe(ID, () => {
  it('reports apt-get and apt subcommands that prompt, pointing at the subcommand', () => {
    const [f] = run('apt-get update && apt-get install python');
    assert.deepEqual(f.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 37 } });
    for (const cmd of ['apt-get install -q python', 'apt-get install --quiet python', 'apt install python', 'apt-get remove x', 'apt-get dist-upgrade', 'sudo apt-get install x']) assert.equal(run(cmd).length, 1, cmd);
  });
  it('accepts -y, --yes, --assume-yes, -qq, -q -q, -q=2, Assume-Yes options, `yes |` and apt configuration', () => {
    for (const cmd of ['apt-get install -yq python', 'apt-get -y install x', 'apt-get --yes install x', 'apt-get --assume-yes install x', 'apt-get install -qq x', 'apt-get install -q -q x',
      'apt-get install -q=2 x', 'apt-get install --quiet --quiet x', 'apt-get -o APT::Get::Assume-Yes=true install x', 'yes | apt-get install x', 'apt-get update', 'apt-get clean']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
    assert.equal(run('apt-get install x', 'RUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\n').length, 0);
  });
  it('adds -y after the subcommand, safely, in shell and exec form', () => {
    assert.equal(fixOnce(ID, 'FROM d\nRUN apt-get update && \\\n    apt-get install --no-install-recommends curl\n'), 'FROM d\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl\n');
    assert.equal(fixOnce(ID, 'FROM d\nRUN ["apt-get", "install", "curl"]\n'), 'FROM d\nRUN ["apt-get", "install", "-y", "curl"]\n');
    assert.equal(run('apt-get install x')[0].fixes!()[0].safe, true);
  });
  it('checks ONBUILD RUN too', () => {
    assert.deepEqual(lines(check(ID, 'FROM d\nONBUILD RUN apt-get install python\n')), [2]);
  });
});
