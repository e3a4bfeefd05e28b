import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'remote-script-piped-to-shell';
const run = (cmd: string) => check(ID, `FROM debian:12\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports downloads piped into a shell or an interpreter reading its program from stdin', () => {
    for (const cmd of ['curl -fsSL https://x/install.sh | sh', 'curl https://sh.rustup.rs -sSf | bash -s -- -y', 'wget -qO- https://x | sudo -E bash -', 'wget -O - https://x | sh',
      'curl -sSL https://x | python3 -', 'curl -sSL https://x | python3', 'curl -fsSL https://x | tee /tmp/log | bash', 'apt-get update && curl -fsSL https://x | bash - && apt-get install -y nodejs']) {
      assert.equal(run(cmd).length, 1, cmd);
    }
  });
  it('reports downloads run through substitution', () => {
    for (const cmd of ['bash -c "$(curl -fsSL https://x)"', 'sh -c "$(wget -qO- https://x)"', 'eval "$(curl -fsSL https://x)"', 'bash <(curl -s https://x)', 'source <(curl -s https://x)']) {
      assert.equal(run(cmd).length, 1, cmd);
    }
  });
  it('leaves downloads to a file, data pipes and non-downloads alone', () => {
    for (const cmd of ['curl -fsSLo /tmp/i.sh https://x && sh /tmp/i.sh', 'wget https://x | sh', 'curl -fsSL https://x | tar xz', 'curl -s https://x | python3 -c "import sys, json; print(json.load(sys.stdin))"',
      'curl -s https://x | sh -c "cat > /tmp/f"', 'echo hi | sh', 'curl -fsSL https://x | gpg --dearmor -o /k.gpg', 'curl -O https://x | sh']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('spans the download and the shell, across continuation lines', () => {
    const [f] = check(ID, 'FROM d\nRUN curl -fsSL https://x \\\n    | bash -\n');
    assert.deepEqual(f.range, { start: { line: 1, character: 4 }, end: { line: 2, character: 12 } });
  });
});
