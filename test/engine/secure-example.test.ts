// The Dockerfile the course material holds up as secure must be quiet: with every rule
// on, nothing above `info`. This guards our default severities against noise.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { DiskBuildContext } from '../../server/src/engine/context';
import { ALL_RULES } from '../../server/src/engine/rules';

const dir = path.join(__dirname, '../fixtures/seeds-secure');

it('the secure example shows nothing above info with every rule on', () => {
  const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  const { findings, failures } = analyze(text, { rules: ALL_RULES, buildContext: new DiskBuildContext(dir) });
  assert.deepEqual(failures, []);
  const loud = findings.filter(f => f.severity === 'error' || f.severity === 'warning').map(f => `${f.range.start.line + 1}: ${f.ruleId} ${f.severity}: ${f.message}`);
  assert.deepEqual(loud, []);
});
