import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from './server/src/engine/analyze';
import { ALL_RULES } from './server/src/engine/rules';
const dir = '/work/shared/corpus/realworld';
const files = fs.readdirSync(dir).filter(f => f.endsWith('Dockerfile')).map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
for (const t of files) analyze(t); // warm
const per = new Map<string, number>();
for (const r of ALL_RULES) {
  const t0 = performance.now();
  for (const t of files) analyze(t, { rules: [r] });
  per.set(r.id, performance.now() - t0);
}
const base0 = performance.now(); for (const t of files) analyze(t, { rules: [] }); const base = performance.now() - base0;
console.log('no rules', base.toFixed(1));
for (const [id, ms] of [...per].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(id.padEnd(34), ms.toFixed(1));
