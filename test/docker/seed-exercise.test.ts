/**
 * The seeds' "Failing Container" exercise through the extension's own modules: the
 * requirements the language server finds, the plan the prompts produce, and the real
 * engine building and running it.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildInvocation, runInvocation } from '../../client/src/build/argv';
import { ScriptedPrompter, collectAnswers } from '../../client/src/build/flow';
import { toPlans, type Answer, type PromptContext } from '../../client/src/build/prompt-model';
import { containerFailed } from '../../client/src/build/problems';
import { DOCKER, FIXTURES, docker, removeImages, requireEngine, requirements, runToEnd } from './helpers';

const SEED = path.join(FIXTURES, 'seed-app');
const TAG = 'layerwise-test-secure-ai-app:v1';

before(async () => {
  await requireEngine();
  try { docker(['image', 'inspect', 'python:3.11-slim']); } catch { throw new Error('python:3.11-slim is missing; run scripts/docker-engine.sh --python'); }
});
after(() => removeImages('layerwise-test-secure-ai-app'));

async function plansFor(answers: Record<string, Answer>) {
  const req = await requirements(path.join(SEED, 'Dockerfile'));
  const ctx: PromptContext = {
    mode: 'buildAndRun', requirements: req, remembered: {}, storedSecrets: {}, builder: 'classic',
    hardening: { enabled: true, memory: '512m', cpus: '1' }, folderName: 'seed-app',
  };
  const prompter = new ScriptedPrompter({ tag: TAG, ...answers });
  const result = await collectAnswers(ctx, prompter, 'Layerwise: Build and Run');
  if (result.kind !== 'done') throw new Error(`the flow ended with ${result.kind}`);
  return { plans: toPlans(ctx, result.answers), asked: prompter.asked };
}

describe('the seeds’ Failing Container exercise on the real engine', () => {
  it('builds the secure-style Dockerfile FROM python:3.11-slim', { timeout: 300_000 }, async () => {
    const { plans, asked } = await plansFor({ 'env:MODEL_API_KEY': '' });
    assert.ok(asked.some(a => a.id === 'env:MODEL_API_KEY' && a.secret), 'MODEL_API_KEY, found in main.py, is asked for, masked');
    const r = await runToEnd(buildInvocation(plans.build!));
    assert.equal(r.exitCode, 0, r.text);
    assert.match(docker(['image', 'inspect', '--format', '{{.Config.User}}', TAG]), /appuser/);
  });
  it('Test 1: without MODEL_API_KEY the container refuses to start (exit 1) and says why', { timeout: 60_000 }, async () => {
    const { plans } = await plansFor({ 'env:MODEL_API_KEY': '' });
    const r = await runToEnd(runInvocation({ ...plans.run!, containerName: `layerwise-test-seed-${process.pid}-1` }));
    assert.equal(r.exitCode, 1);
    assert.match(r.text, /CRITICAL ERROR: 'MODEL_API_KEY' environment variable not set\./);
    assert.match(containerFailed(1, r.lines.map(l => l.text)).message, /exited with code 1\. Last output:\nCRITICAL ERROR: 'MODEL_API_KEY' environment variable not set\.\nContainer refuses to start without secure configuration\./);
  });
  it('Test 2: with MODEL_API_KEY it prints its success line, hardened, and the value is not on the command line', { timeout: 60_000 }, async () => {
    const secret = 'secret-123';
    const { plans } = await plansFor({ 'env:MODEL_API_KEY': secret });
    assert.deepEqual(plans.run!.hardening, { readOnly: true, capDropAll: true, noNewPrivileges: true, memory: '512m', cpus: '1' });
    const inv = runInvocation({ ...plans.run!, containerName: `layerwise-test-seed-${process.pid}-2` });
    assert.ok(!inv.args.some(a => a.includes(secret)), inv.args.join(' '));
    assert.ok(inv.args.includes('--env=MODEL_API_KEY'));
    const r = await runToEnd(inv, { dockerPath: DOCKER });
    assert.equal(r.exitCode, 0, r.text);
    assert.match(r.text, /Configuration Loaded\. Environment: Production/);
    assert.match(r.text, /SUCCESS: Model_V1 is running on secure port\./);
  });
});
