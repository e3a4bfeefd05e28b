import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '/work/main/server/src/engine/analyze';
import { ALL_RULES } from '/work/main/server/src/engine/rules';
const MINE = (process.env.RULES ?? 'inline-ignore-pragma workdir-relative pointless-command-in-run cd-instead-of-workdir copy-then-extract expose-invalid-port multiple-healthcheck copy-dest-not-directory copy-from-unknown-stage copy-from-own-stage duplicate-stage-name from-platform-constant onbuild-invalid-trigger env-self-reference copy-relative-without-workdir useradd-high-uid consecutive-run instruction-before-from reserved-stage-name redundant-target-platform user-not-numeric copy-whole-filesystem maintainer-deprecated multiple-cmd multiple-entrypoint replace-bin-sh pipefail-missing').split(/\s+/);
const rules = ALL_RULES.filter(r => MINE.includes(r.id));
const dir = '/work/shared/corpus/realworld';
const counts = new Map<string, Map<string, number>>();
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('Dockerfile')).sort()) {
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  const t0 = performance.now();
  const { findings, failures } = analyze(text, { rules });
  const ms = performance.now() - t0;
  if (failures.length) console.log('FAIL', f, failures.map(x => x.ruleId + ': ' + x.error.stack));
  for (const x of findings) {
    const m = counts.get(x.ruleId) ?? new Map(); m.set(x.severity, (m.get(x.severity) ?? 0) + 1); counts.set(x.ruleId, m);
    if (!process.env.QUIET) console.log(`${f}:${x.range.start.line + 1} ${x.ruleId} ${x.severity}: ${x.message}\n    | ${text.split('\n')[x.range.start.line].slice(0, 150)}`);
  }
  if (ms > 50) console.log('SLOW', f, ms.toFixed(1));
}
for (const id of MINE) console.log(id.padEnd(32), JSON.stringify(Object.fromEntries(counts.get(id) ?? [])));
