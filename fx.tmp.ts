import * as fs from 'node:fs';
import { analyze } from './server/src/engine/analyze';
import { ALL_RULES } from './server/src/engine/rules';
const MINE = 'inline-ignore-pragma workdir-relative pointless-command-in-run cd-instead-of-workdir copy-then-extract expose-invalid-port multiple-healthcheck copy-dest-not-directory copy-from-unknown-stage copy-from-own-stage duplicate-stage-name from-platform-constant onbuild-invalid-trigger env-self-reference copy-relative-without-workdir useradd-high-uid consecutive-run instruction-before-from reserved-stage-name redundant-target-platform user-not-numeric copy-whole-filesystem maintainer-deprecated multiple-cmd multiple-entrypoint replace-bin-sh pipefail-missing'.split(' ');
const rules = ALL_RULES.filter(r => MINE.includes(r.id));
for (const f of process.argv.slice(2)) {
  const text = fs.readFileSync(f, 'utf8');
  for (const x of analyze(text, { rules }).findings) console.log(`${f.replace('/work/main/test/fixtures/','')}:${x.range.start.line + 1} ${x.ruleId} ${x.severity}: ${x.message.slice(0, 140)}`);
}
