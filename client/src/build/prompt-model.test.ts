import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { imageRequirementsFor, type ImageRequirementsResult } from '../../../server/src/lsp/requests';
import { ScriptedPrompter, collectAnswers, type AskResult, type Prompter, type StepInfo } from './flow';
import { questions, toPlans, type Answers, type Mode, type PromptContext, type Question, type Remembered, type TextQuestion } from './prompt-model';

const SEED = path.resolve(__dirname, '../../../test/fixtures/build/seed-app');
const temps: string[] = [];
after(() => temps.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

/** A context folder with these files; the requirements come from the real server code. */
async function requirementsFor(files: Record<string, string>, dockerfile = 'Dockerfile'): Promise<ImageRequirementsResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lw-prompt-'));
  temps.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return imageRequirementsFor({ uri: pathToFileURL(path.join(dir, dockerfile)).href });
}

function context(requirements: ImageRequirementsResult, mode: Mode, over: Partial<PromptContext> = {}): PromptContext {
  return {
    mode, requirements, remembered: {}, storedSecrets: {}, builder: 'buildkit',
    hardening: { enabled: false, memory: '512m', cpus: '1' }, folderName: path.basename(path.dirname(requirements.dockerfile)), ...over,
  };
}

const ids = (qs: Question[]) => qs.map(q => q.id);
const byId = <T extends Question = Question>(qs: Question[], id: string) => qs.find(q => q.id === id) as T;

describe('prompt model: the seeds’ exercise', () => {
  it('Build and Run asks for the tag, the environment found in main.py, and hardening', async () => {
    const req = await imageRequirementsFor({ uri: pathToFileURL(path.join(SEED, 'Dockerfile')).href });
    const qs = questions(context(req, 'buildAndRun'), {});
    assert.deepEqual(ids(qs), ['tag', 'envSelect', 'env:MODEL_API_KEY', 'hardening']);
    assert.equal(byId<TextQuestion>(qs, 'tag').default, 'seed-app:dev');
    const select = byId(qs, 'envSelect');
    assert.ok(select.kind === 'multi');
    assert.deepEqual(select.defaultIds, ['env:MODEL_API_KEY'], 'required variables are preselected, optional ones are not');
    const key = select.items.find(i => i.id === 'env:MODEL_API_KEY')!;
    assert.equal(key.description, 'required · secret');
    assert.match(key.detail!, /main\.py:12 os\.environ\.get without a default/);
    assert.match(select.items.find(i => i.id === 'env:ENV')!.detail!, /main\.py:18 os\.environ\.get with a default/);
    const value = byId<TextQuestion>(qs, 'env:MODEL_API_KEY');
    assert.equal(value.secret, true, 'a secret-looking name is asked with a masked input');
    assert.match(value.prompt, /MODEL_API_KEY \(required, secret.*main\.py:12/);
    assert.deepEqual(value.validate('', true), { severity: 'warning', message: 'Left empty, MODEL_API_KEY is not passed; main.py:12 os.environ.get without a default, so the container will probably refuse to start.' });
    assert.equal(value.validate('secret-123', true), undefined);
  });
  it('the value goes to secret storage and the run plan, never to the remembered state', async () => {
    const req = await imageRequirementsFor({ uri: pathToFileURL(path.join(SEED, 'Dockerfile')).href });
    const ctx = context(req, 'buildAndRun');
    const answers: Answers = { tag: 'secure-ai-app:v1', envSelect: ['env:MODEL_API_KEY'], 'env:MODEL_API_KEY': { value: 'secret-123', secret: true }, hardening: ['readOnly', 'capDropAll'] };
    const plans = toPlans(ctx, answers);
    assert.deepEqual(plans.build, { dockerfile: req.dockerfile, contextDir: SEED, tag: 'secure-ai-app:v1', target: undefined, buildArgs: [], buildSecrets: [], builder: 'buildkit' });
    assert.deepEqual(plans.run?.env, [{ name: 'MODEL_API_KEY', value: 'secret-123', secret: true }]);
    assert.deepEqual(plans.run?.hardening, { readOnly: true, capDropAll: true, noNewPrivileges: false, memory: undefined, cpus: undefined });
    assert.deepEqual(plans.secrets, { 'env:MODEL_API_KEY': 'secret-123' });
    assert.ok(!JSON.stringify(plans.remember).includes('secret-123'));
    // Left empty: not passed at all, so the app sees it unset.
    const empty = toPlans(ctx, { ...answers, 'env:MODEL_API_KEY': { value: '', secret: true } });
    assert.deepEqual(empty.run?.env, []);
  });
});

describe('prompt model: build questions', () => {
  const MULTI = [
    'ARG BASE=busybox:local',
    'FROM ${BASE} AS deps',
    'ARG NPM_TOKEN',
    'RUN --mount=type=secret,id=pip_index,required=true true',
    'FROM deps AS app',
    'ARG VERSION=1.0',
    'ARG COMMIT',
    'FROM busybox:local AS tools',
    'ARG TOOLS_ONLY=x',
  ].join('\n');

  it('a target pick when there are several stages, defaulting to the last', async () => {
    const req = await requirementsFor({ Dockerfile: MULTI });
    const qs = questions(context(req, 'build'), {});
    const target = byId(qs, 'target');
    assert.ok(target.kind === 'pick');
    assert.deepEqual(target.items.map(i => i.id), ['deps', 'app', 'tools']);
    assert.equal(target.defaultId, 'tools');
    assert.deepEqual(ids(qs), ['target', 'tag', 'arg:TOOLS_ONLY']);
  });
  it('the ARGs asked are those the chosen target uses, with defaults and requiredness', async () => {
    const req = await requirementsFor({ Dockerfile: MULTI });
    const qs = questions(context(req, 'build'), { target: 'app' });
    assert.deepEqual(ids(qs), ['target', 'tag', 'arg:BASE', 'argMode:NPM_TOKEN', 'arg:NPM_TOKEN', 'arg:VERSION', 'arg:COMMIT', 'buildSecret:pip_index']);
    assert.equal(byId<TextQuestion>(qs, 'arg:BASE').default, 'busybox:local');
    assert.equal(byId<TextQuestion>(qs, 'arg:VERSION').validate('', false), undefined);
    assert.deepEqual(byId<TextQuestion>(qs, 'arg:COMMIT').validate('', false), { severity: 'error', message: 'ARG COMMIT has no default in the Dockerfile; enter a value.' });
    assert.equal(byId<TextQuestion>(qs, 'buildSecret:pip_index').secret, true);
    assert.equal(byId<TextQuestion>(qs, 'buildSecret:pip_index').validate('', true)?.severity, 'error');
  });
  it('a secret-looking ARG: told why, offered a BuildKit secret, masked', async () => {
    const req = await requirementsFor({ Dockerfile: MULTI });
    const qs = questions(context(req, 'build'), { target: 'deps' });
    const mode = byId(qs, 'argMode:NPM_TOKEN');
    assert.ok(mode.kind === 'pick');
    assert.match(mode.prompt, /looks like a credential: a value passed with --build-arg is kept in the image history/);
    assert.deepEqual(mode.items.map(i => i.id), ['secret', 'build-arg', 'skip']);
    assert.equal(mode.defaultId, 'secret');
    assert.equal(byId<TextQuestion>(qs, 'arg:NPM_TOKEN').secret, true);
    const plans = toPlans(context(req, 'build'), { target: 'deps', tag: 'x:1', 'argMode:NPM_TOKEN': 'secret', 'arg:NPM_TOKEN': 'tok', 'buildSecret:pip_index': 'idx' });
    assert.deepEqual(plans.build?.buildSecrets, [{ id: 'NPM_TOKEN', value: 'tok' }, { id: 'pip_index', value: 'idx' }]);
    assert.deepEqual(plans.build?.buildArgs, []);
    assert.equal(plans.build?.target, 'deps');
    assert.deepEqual(plans.secrets, { 'arg:NPM_TOKEN': 'tok', 'buildSecret:pip_index': 'idx' });
  });
  it('without BuildKit the secret option is not offered and the reason is given; unset skips the value', async () => {
    const req = await requirementsFor({ Dockerfile: MULTI });
    const ctx = context(req, 'build', { builder: 'classic', buildkitUnavailable: 'Docker CLI 28.2.2 has no buildx component' });
    const qs = questions(ctx, { target: 'deps' });
    const mode = byId(qs, 'argMode:NPM_TOKEN');
    assert.ok(mode.kind === 'pick');
    assert.deepEqual(mode.items.map(i => i.id), ['build-arg', 'skip']);
    assert.equal(mode.defaultId, 'skip');
    assert.match(mode.prompt, /BuildKit is not available \(Docker CLI 28\.2\.2 has no buildx component\)/);
    assert.ok(!ids(qs).includes('arg:NPM_TOKEN'));
    assert.ok(!ids(qs).includes('buildSecret:pip_index'), 'the classic builder cannot take build secrets');
  });
  it('values equal to the Dockerfile default are left to the Dockerfile; others become build args', async () => {
    const req = await requirementsFor({ Dockerfile: MULTI });
    const plans = toPlans(context(req, 'build'), { target: 'app', tag: 'a:b', 'arg:BASE': 'busybox:local', 'argMode:NPM_TOKEN': 'skip', 'arg:VERSION': '2.0', 'arg:COMMIT': 'abc', 'buildSecret:pip_index': 'i' });
    assert.deepEqual(plans.build?.buildArgs, [{ name: 'VERSION', value: '2.0' }, { name: 'COMMIT', value: 'abc' }]);
    assert.deepEqual(plans.remember.args, { BASE: 'busybox:local', VERSION: '2.0', COMMIT: 'abc' });
    assert.equal(plans.remember.target, 'app');
  });
  it('remembered answers and stored secrets are the defaults next time', async () => {
    const req = await requirementsFor({ Dockerfile: MULTI });
    const remembered: Remembered = { tag: 'mine:2', target: 'app', args: { COMMIT: 'abc' }, argModes: { NPM_TOKEN: 'build-arg' } };
    const qs = questions(context(req, 'build', { remembered, storedSecrets: { 'arg:NPM_TOKEN': 'stored' } }), {});
    assert.equal(byId(qs, 'target').kind === 'pick' && (byId(qs, 'target') as { defaultId: string }).defaultId, 'app');
    assert.equal(byId<TextQuestion>(qs, 'tag').default, 'mine:2');
    assert.equal(byId<TextQuestion>(qs, 'arg:COMMIT').default, 'abc');
    assert.equal((byId(qs, 'argMode:NPM_TOKEN') as { defaultId: string }).defaultId, 'build-arg');
    assert.equal(byId<TextQuestion>(qs, 'arg:NPM_TOKEN').default, 'stored');
  });
  it('the tag is validated', async () => {
    const req = await requirementsFor({ Dockerfile: 'FROM busybox:local\n' });
    const tag = byId<TextQuestion>(questions(context(req, 'build'), {}), 'tag');
    assert.equal(tag.validate('Bad Tag', false)?.severity, 'error');
    assert.equal(tag.validate('ok:1', false), undefined);
  });
});

describe('prompt model: run questions', () => {
  const APP = {
    Dockerfile: 'FROM busybox:local\nENV DATABASE_URL= LOG_FORMAT=json\nENV API_TOKEN=changeme\nEXPOSE 8000 53/udp\nCOPY app/ /app/\n',
    'app/server.js': 'const port = process.env.PORT || 8000;\nconst db = process.env.DATABASE_URL;\nconst key = process.env.STRIPE_API_KEY;\n',
    'scripts/tool.py': 'import os\nos.environ["NOT_COPIED"]\n',
    '.env': 'DATABASE_URL=postgres://db\n# comment\nOTHER=1\n',
  };
  it('merges Dockerfile ENV gaps, secret names and code reads, saying where each was found', async () => {
    const req = await requirementsFor(APP);
    const qs = questions(context(req, 'run'), {});
    const select = byId(qs, 'envSelect');
    assert.ok(select.kind === 'multi');
    assert.deepEqual(select.items.map(i => i.id), ['env:API_TOKEN', 'env:DATABASE_URL', 'env:STRIPE_API_KEY', 'env:PORT', `file:${path.join(path.dirname(req.dockerfile), '.env')}`, 'extra']);
    assert.equal(select.items[0].description, 'required · secret');
    assert.match(select.items[0].detail!, /Dockerfile:3 ENV API_TOKEN bakes a credential/);
    assert.match(select.items[1].detail!, /Dockerfile:2 ENV DATABASE_URL has no value; app\/server\.js:2 process\.env without a default/);
    assert.equal(select.items[1].description, 'required · in .env');
    assert.ok(!select.items.some(i => i.id === 'env:NOT_COPIED'), 'code the image does not copy is not asked about');
    // The .env defines a required variable, so it is preselected as --env-file.
    assert.ok(select.defaultIds.includes(`file:${path.join(path.dirname(req.dockerfile), '.env')}`));
    assert.deepEqual(ids(qs).slice(-3), ['port:8000/tcp', 'port:53/udp', 'hardening']);
    assert.equal(byId<TextQuestion>(qs, 'port:8000/tcp').default, '8000:8000');
    assert.equal(byId<TextQuestion>(qs, 'port:53/udp').default, '53:53/udp');
    assert.equal(byId<TextQuestion>(qs, 'port:8000/tcp').validate('80:99999', false)?.severity, 'error');
    assert.equal(byId<TextQuestion>(qs, 'port:8000/tcp').validate('', false), undefined, 'empty means: do not publish');
  });
  it('the hardening step is preselected by the setting and lists the seeds’ flags', async () => {
    const req = await requirementsFor(APP);
    const on = byId(questions(context(req, 'run', { hardening: { enabled: true, memory: '1g', cpus: '2' } }), {}), 'hardening');
    assert.ok(on.kind === 'multi');
    assert.deepEqual(on.defaultIds, ['readOnly', 'capDropAll', 'noNewPrivileges', 'memory', 'cpus']);
    assert.deepEqual(on.items.map(i => i.label), ['--read-only --tmpfs /tmp', '--cap-drop=ALL', '--security-opt=no-new-privileges', '--memory=1g', '--cpus=2']);
    const off = byId(questions(context(req, 'run'), {}), 'hardening');
    assert.deepEqual(off.kind === 'multi' && off.defaultIds, []);
  });
  it('a value the user marks as secret is stored as one, and remembered as such by name', async () => {
    const req = await requirementsFor(APP);
    const ctx = context(req, 'run', { storedSecrets: {} });
    const answers: Answers = {
      tag: 'app:dev', envSelect: ['env:DATABASE_URL', 'env:PORT', 'extra'], envExtra: 'EXTRA_ONE',
      'env:DATABASE_URL': { value: 'postgres://u:p@db/x', secret: true }, 'env:PORT': { value: '9000', secret: false }, 'env:EXTRA_ONE': { value: 'v', secret: false },
      'port:8000/tcp': '8080:8000', 'port:53/udp': '', hardening: [],
    };
    const plans = toPlans(ctx, answers);
    assert.deepEqual(plans.secrets, { 'env:DATABASE_URL': 'postgres://u:p@db/x' });
    assert.deepEqual(plans.remember.secretOverrides, { DATABASE_URL: true });
    assert.deepEqual(plans.remember.env, { PORT: '9000', EXTRA_ONE: 'v' });
    assert.deepEqual(plans.remember.envSkipped, ['API_TOKEN', 'STRIPE_API_KEY']);
    assert.deepEqual(plans.run?.ports, ['8080:8000']);
    assert.deepEqual(plans.remember.ports, { '8000/tcp': '8080:8000', '53/udp': '' });
    assert.deepEqual(plans.run?.envFiles, []);
    // Next time DATABASE_URL is masked and its stored value is the default.
    const next = questions(context(req, 'run', { remembered: plans.remember, storedSecrets: plans.secrets }), {});
    assert.equal(byId<TextQuestion>(next, 'env:DATABASE_URL').secret, true);
    assert.equal(byId<TextQuestion>(next, 'env:DATABASE_URL').default, 'postgres://u:p@db/x');
    assert.ok(ids(next).includes('env:EXTRA_ONE'));
  });
  it('run-only asks for the image, not the target or build arguments', async () => {
    const req = await requirementsFor({ Dockerfile: 'FROM busybox:local AS a\nARG X\nFROM a\n' });
    const qs = questions(context(req, 'run'), {});
    assert.deepEqual(ids(qs), ['tag', 'envSelect', 'hardening']);
    assert.equal(byId<TextQuestion>(qs, 'tag').prompt, 'Image to run');
  });
});

describe('flow: steps, titles, back navigation, scripted answers', () => {
  /** Plays back a list of actions and records what it saw. */
  class Playback implements Prompter {
    seen: string[] = [];
    constructor(private readonly actions: ((q: Question) => AskResult)[]) {}
    async ask(q: Question, step: StepInfo): Promise<AskResult> {
      this.seen.push(`${step.title} ${q.id}`);
      const next = this.actions.shift();
      if (!next) throw new Error(`unexpected question ${q.id}`);
      return next(q);
    }
    async choose(): Promise<string | undefined> { return undefined; }
  }
  const answer = (value: unknown) => () => ({ kind: 'answer', value } as AskResult);

  it('titles count the steps; Back returns with the earlier answer as the default; changing the target changes what follows', async () => {
    const req = await requirementsFor({ Dockerfile: 'FROM busybox:local AS one\nARG ONLY_ONE\nFROM busybox:local AS two\n' });
    const ctx = context(req, 'build');
    let tagDefault = '';
    const p = new Playback([
      answer('one'),
      q => { tagDefault = (q as TextQuestion).default; return { kind: 'answer', value: 'first:1' }; },
      () => ({ kind: 'back' }),
      () => ({ kind: 'back' }),
      answer('two'),
      q => { tagDefault = (q as TextQuestion).default; return { kind: 'answer', value: 'second:1' }; },
    ]);
    const result = await collectAnswers(ctx, p, 'Layerwise: Build');
    assert.deepEqual(p.seen, [
      // Before the target is chosen the default (the last stage, no ARGs) makes two steps.
      'Layerwise: Build (1/2) target', 'Layerwise: Build (2/3) tag', 'Layerwise: Build (3/3) arg:ONLY_ONE',
      'Layerwise: Build (2/3) tag', 'Layerwise: Build (1/3) target', 'Layerwise: Build (2/2) tag',
    ]);
    assert.equal(tagDefault, 'first:1', 'going back keeps the earlier answer as the default');
    assert.deepEqual(result, { kind: 'done', answers: { target: 'two', tag: 'second:1' } });
  });
  it('cancel and change-context end the flow', async () => {
    const req = await requirementsFor({ Dockerfile: 'FROM busybox:local\n' });
    assert.deepEqual(await collectAnswers(context(req, 'build'), new Playback([() => ({ kind: 'cancel' })]), 'T'), { kind: 'cancel' });
    assert.equal((await collectAnswers(context(req, 'build'), new Playback([() => ({ kind: 'changeContext' })]), 'T')).kind, 'changeContext');
  });
  it('a scripted prompter uses given answers, then acceptable defaults, and refuses invalid or missing ones', async () => {
    const req = await requirementsFor({ Dockerfile: 'FROM busybox:local\nARG REQUIRED_ONE\nARG OPTIONAL=x\n' });
    const ok = new ScriptedPrompter({ 'arg:REQUIRED_ONE': 'v' });
    const r = await collectAnswers(context(req, 'build'), ok, 'T');
    assert.deepEqual(r, { kind: 'done', answers: { tag: `${path.basename(path.dirname(req.dockerfile)).toLowerCase()}:dev`, 'arg:REQUIRED_ONE': 'v', 'arg:OPTIONAL': 'x' } });
    assert.deepEqual(ok.asked.map(a => a.id), ['tag', 'arg:REQUIRED_ONE', 'arg:OPTIONAL']);
    await assert.rejects(collectAnswers(context(req, 'build'), new ScriptedPrompter({}), 'T'), /arg:REQUIRED_ONE needs an answer: ARG REQUIRED_ONE has no default/);
    await assert.rejects(collectAnswers(context(req, 'build'), new ScriptedPrompter({ tag: 'NOT VALID', 'arg:REQUIRED_ONE': 'v' }), 'T'), /tag: An image tag cannot contain spaces/);
  });
  it('with a person to fall back on, a required variable left empty is asked rather than defaulted', async () => {
    const req = await imageRequirementsFor({ uri: pathToFileURL(path.join(SEED, 'Dockerfile')).href });
    const person = new Playback([answer({ value: 'typed', secret: true })]);
    const r = await collectAnswers(context(req, 'run'), new ScriptedPrompter({}, {}, person), 'T');
    assert.deepEqual(person.seen, ['T (3/4) env:MODEL_API_KEY']);
    assert.ok(r.kind === 'done');
    assert.deepEqual(r.answers['env:MODEL_API_KEY'], { value: 'typed', secret: true });
  });
  it('the scripted record never contains a secret value', async () => {
    const req = await imageRequirementsFor({ uri: pathToFileURL(path.join(SEED, 'Dockerfile')).href });
    const p = new ScriptedPrompter({ 'env:MODEL_API_KEY': 'top-secret-value' });
    await collectAnswers(context(req, 'buildAndRun', { storedSecrets: { 'env:MODEL_API_KEY': 'stored-secret' } }), p, 'T');
    const record = JSON.stringify(p.asked);
    assert.ok(!record.includes('top-secret-value') && !record.includes('stored-secret'), record);
  });
});
