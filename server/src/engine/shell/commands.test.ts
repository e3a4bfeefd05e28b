import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commandName, parseShell, parseShellCommands } from './commands';
import { SHELL_CASES } from './testdata/cases';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('parseShellCommands: the evaluation corpus', () => {
  for (const c of SHELL_CASES) {
    it(c.name, () => {
      const script = parseShell(c.src);
      // `[[ … ]]` is listed as a command for the rules, but the corpus counts real commands only.
      const commands = script.allCommands.filter(x => x.argv[0] !== '[[');
      assert.deepEqual(commands.map(x => x.execArgv), c.argv);
      assert.deepEqual(commands.map(x => x.assignments), c.assignments ?? c.argv.map(() => []));
      assert.equal(script.errors.length > 0, !!c.invalid, `errors: ${JSON.stringify(script.errors)}`);
      // Every word points at its own text.
      for (const cmd of script.allCommands) {
        for (const w of [...cmd.words, ...cmd.assignmentWords]) {
          if (cmd.argv[0] === '[[') continue;
          assert.equal(c.src.slice(w.start, w.end), w.raw, `${c.name}: ${w.text}`);
        }
      }
    });
  }
});

describe('the vendored parser', () => {
  it('is the unbash version package.json installs (else run vendor/generate.mjs)', () => {
    const vendored = /@unbash-version (\S+)/.exec(fs.readFileSync(path.join(__dirname, 'vendor', 'unbash.cjs'), 'utf8'))?.[1];
    const installed = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../node_modules/unbash/package.json'), 'utf8')).version;
    assert.equal(vendored, installed);
  });
});

describe('command structure', () => {
  it('connectors, including across blocks', () => {
    const cmds = parseShellCommands('(a && b) | c; d || e &\nf');
    assert.deepEqual(cmds.map(c => [c.argv[0], c.connector ?? '']), [['a', '&&'], ['b', '|'], ['c', ';'], ['d', '||'], ['e', '&'], ['f', '']]);
  });
  it('substitutions belong to their command, not to the list', () => {
    const script = parseShell('VERSION=$(curl -s x | cut -d" " -f1) && echo "$VERSION $(date)"');
    assert.deepEqual(script.commands.map(c => c.argv[0] ?? c.assignments[0]), ['VERSION=$(curl -s x | cut -d" " -f1)', 'echo']);
    assert.deepEqual(script.commands[0].substitutions.map(c => c.argv[0]), ['curl', 'cut']);
    assert.deepEqual(script.commands[1].substitutions.map(c => c.argv[0]), ['date']);
    assert.deepEqual(script.allCommands.map(c => c.argv[0] ?? ''), ['', 'curl', 'cut', 'echo', 'date']);
    assert.equal(script.commands[0].connector, '&&');
  });
  it('pipelines, subshells and substitutions', () => {
    const [curl, sh, echo, date] = parseShell('curl -fsSL x | (sh -s); echo "$(date)"').allCommands;
    assert.deepEqual(curl.pipeline, { index: 0, length: 2 });
    assert.deepEqual(sh.pipeline, { index: 1, length: 2 });
    assert.equal(sh.subshell, true);
    assert.equal(echo.pipeline, undefined);
    assert.equal(date.substitution, true);
    assert.equal(echo.substitution, false);
  });
  it('conditions and conditional commands', () => {
    const cmds = parseShellCommands('if id app; then useradd app; fi; true && adduser b; for x in 1; do mkdir $x; done');
    assert.deepEqual(cmds.map(c => [c.argv[0], c.condition, c.conditional]), [
      ['id', true, false], ['useradd', false, true], ['true', false, false], ['adduser', false, true], ['mkdir', false, true]]);
  });
  it('set -e and pipefail, from options and from set', () => {
    const cmds = parseShell('a; set -euo pipefail; b | c; (set +e; d); e', {}).commands;
    assert.deepEqual(cmds.map(c => [c.argv[0], c.errexit, c.pipefail]), [
      ['a', false, false], ['set', false, false], ['b', true, true], ['c', true, true], ['set', true, true], ['d', false, true], ['e', true, true]]);
    const s = parseShell('x | y', { pipefail: true, errexit: true });
    assert.equal(s.commands[0].pipefail, true);
    assert.equal(s.pipefail, true);
    assert.equal(parseShell('set -o pipefail && curl x | sh').commands[1].pipefail, true);
  });
  it('a here-document fed to a shell is a script; one fed to anything else is data', () => {
    assert.deepEqual(parseShellCommands('bash -e <<EOF\napt-get update\nEOF').map(c => c.argv[0]), ['bash', 'apt-get']);
    assert.equal(parseShellCommands('bash <<EOF\napt-get update\nEOF')[1].heredocScript, true);
    assert.deepEqual(parseShellCommands('python3 <<EOF\nimport os\nEOF').map(c => c.argv[0]), ['python3']);
    assert.deepEqual(parseShell('cat <<EOF >/x\n$(date)\nEOF').allCommands.map(c => c.argv[0]), ['cat', 'date']);
    assert.deepEqual(parseShellCommands("cat <<'EOF' >/x\n$(date)\nEOF").map(c => c.argv[0]), ['cat']);
  });
  it('redirections: structured, left out of execArgv, and in argv as written (as rules have always read them)', () => {
    const [echo] = parseShellCommands('echo hi > /tmp/x 2>&1');
    assert.deepEqual(echo.execArgv, ['echo', 'hi']);
    assert.deepEqual(echo.argv, ['echo', 'hi', '>', '/tmp/x', '2>&1']);
    assert.deepEqual(echo.words.map(w => w.raw), ['echo', 'hi', '>', '/tmp/x', '2>&1']);
    assert.deepEqual(parseShellCommands('2>/dev/null chpasswd <<< "app:pw" >>"$F"')[0].argv, ['chpasswd', '2>/dev/null', '<<<', 'app:pw', '>>$F']);
    const [cat] = parseShellCommands("cat <<'EOF' >/x\ngpgcheck=0\nEOF");
    assert.deepEqual(cat.argv, ['cat', '<<EOF', 'gpgcheck=0\n', '>/x']);
    assert.deepEqual(cat.execArgv, ['cat']);
    assert.deepEqual(cat.redirects[0].body, { text: 'gpgcheck=0\n', start: 16, end: 27 });
    assert.deepEqual(echo.redirects.map(r => [r.operator, r.descriptor, r.target]), [['>', undefined, '/tmp/x'], ['>&', 2, '1']]);
  });
  it('comments at the end of the script', () => {
    assert.equal(parseShell('apt-get update # refresh').endsInComment, true);
    assert.equal(parseShell('apt-get update # refresh\napt-get clean').endsInComment, false);
    assert.equal(parseShell('echo a#b').endsInComment, false);
  });
  it('operators', () => {
    assert.deepEqual([...parseShell('a && b; (c | d)\ne').operators].sort(), ['&&', '(', ';', 'newline', '|'].sort());
  });
  it('mapped offsets', () => {
    const [cmd] = parseShell('ab cd', { mapOffset: o => o + 100 }).commands;
    assert.deepEqual(cmd.words.map(w => [w.start, w.end]), [[100, 102], [103, 105]]);
  });
  it('escaped backticks point at the whole substitution', () => {
    const cmds = parseShell('echo "`echo \\"x\\"`"').allCommands;
    assert.deepEqual(cmds.map(c => c.argv[0]), ['echo', 'echo']);
    assert.ok(cmds[1].start >= 6 && cmds[1].end <= 19);
  });
  it('[[ … ]] is listed with its operands', () => {
    assert.deepEqual(parseShellCommands('[[ -n "$X" && $Y == a* ]] && echo yes').map(c => c.argv), [['[[', '-n', '$X', '&&', '$Y', '==', 'a*', ']]'], ['echo', 'yes']]);
  });
  it('commandName strips the path', () => {
    assert.equal(commandName({ argv: ['/usr/bin/pip3', 'install'], assignments: [] }), 'pip3');
  });
});
