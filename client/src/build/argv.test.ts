import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PlanError, SECRET_ENV_PREFIX, affectsDockerCli, buildInvocation, containerNameFor, defaultTag, displayCommand, invalidPortSpec, invalidTag,
  runInvocation, type BuildPlan, type RunPlan,
} from './argv';

const build = (over: Partial<BuildPlan> = {}): BuildPlan => ({
  dockerfile: '/w/app/Dockerfile', contextDir: '/w/app', tag: 'app:dev', buildArgs: [], buildSecrets: [], builder: 'classic', ...over,
});
const run = (over: Partial<RunPlan> = {}): RunPlan => ({
  image: 'app:dev', containerName: 'layerwise-app-abc123', env: [], envFiles: [], ports: [], remove: true, ...over,
});

/** Names and values no shell-free argv should ever mangle. */
const NASTY = ['two words', `it's "quoted"`, '$HOME and ${PATH} and $(rm -rf /)', 'line one\nline two', '--privileged', '-e', '`id`;|&<>*?', ''];

describe('docker build argument vector', () => {
  it('is one element per option, with the context last after --', () => {
    const inv = buildInvocation(build({ target: 'builder' }));
    assert.deepEqual(inv.args, ['build', '--file=/w/app/Dockerfile', '--tag=app:dev', '--target=builder', '--force-rm', '--', '/w/app']);
    assert.deepEqual(inv.env, { DOCKER_BUILDKIT: '0' });
  });
  it('BuildKit adds plain progress and sets DOCKER_BUILDKIT=1', () => {
    const inv = buildInvocation(build({ builder: 'buildkit', noCache: true }));
    assert.deepEqual(inv.args.slice(3, 5), ['--progress=plain', '--no-cache']);
    assert.equal(inv.env.DOCKER_BUILDKIT, '1');
  });
  it('build-arg values travel in the environment, never in argv, whatever they contain', () => {
    const buildArgs = NASTY.map((value, i) => ({ name: `ARG_${i}`, value }));
    const inv = buildInvocation(build({ buildArgs }));
    for (const [i, value] of NASTY.entries()) {
      assert.ok(inv.args.includes(`--build-arg=ARG_${i}`));
      assert.equal(inv.env[`ARG_${i}`], value);
      if (value.length > 2) assert.ok(!inv.args.some(a => a.includes(value)), `value ${JSON.stringify(value)} leaked into argv`);
    }
  });
  it('paths with spaces, quotes, $ and a leading dash stay single elements', () => {
    const weird = `/tmp/-my "ctx" $X's dir`;
    const inv = buildInvocation(build({ dockerfile: `${weird}/Docker file`, contextDir: weird }));
    assert.equal(inv.args[1], `--file=${weird}/Docker file`);
    assert.deepEqual(inv.args.slice(-2), ['--', weird]);
    assert.equal(inv.stdinFile, undefined);
  });
  it('a Dockerfile whose name has a line break is read from standard input (BuildKit cannot carry the name)', () => {
    const dir = '/tmp/ctx\nwith a line break';
    const inv = buildInvocation(build({ dockerfile: `${dir}/Docker\r\nfile`, contextDir: dir }));
    assert.equal(inv.args[1], '--file=-');
    assert.equal(inv.stdinFile, `${dir}/Docker\r\nfile`);
    assert.deepEqual(inv.args.slice(-2), ['--', dir]);
    // A break in a folder name is fine: only the file's name travels.
    assert.equal(buildInvocation(build({ dockerfile: `${dir}/Dockerfile.ü\tx`, contextDir: dir })).stdinFile, undefined);
  });
  it('BuildKit secrets go through private carrier variables, never under their own name', () => {
    const inv = buildInvocation(build({ builder: 'buildkit', buildSecrets: [{ id: 'npm_token', value: 's3cr$t\nx' }, { id: 'pip.conf', value: 'y' }] }));
    assert.ok(inv.args.includes(`--secret=id=npm_token,env=${SECRET_ENV_PREFIX}0`));
    assert.ok(inv.args.includes(`--secret=id=pip.conf,env=${SECRET_ENV_PREFIX}1`));
    assert.equal(inv.env[`${SECRET_ENV_PREFIX}0`], 's3cr$t\nx');
    assert.ok(!inv.args.join(' ').includes('s3cr$t'));
  });
  it('refuses secrets with the classic builder, bad secret ids, NUL bytes and invalid tags', () => {
    assert.throws(() => buildInvocation(build({ buildSecrets: [{ id: 'x', value: 'v' }] })), PlanError);
    assert.throws(() => buildInvocation(build({ builder: 'buildkit', buildSecrets: [{ id: 'a,src=/etc/shadow', value: 'v' }] })), /not a valid build secret id/);
    assert.throws(() => buildInvocation(build({ buildArgs: [{ name: 'A', value: 'x\0y' }] })), /NUL/);
    assert.throws(() => buildInvocation(build({ buildArgs: [{ name: 'A=B', value: 'x' }] })), /"="/);
    assert.throws(() => buildInvocation(build({ tag: '--privileged' })), /not a valid image tag/);
  });
  it('a build arg named like a variable the CLI reads itself is passed inline instead', () => {
    const inv = buildInvocation(build({ buildArgs: [{ name: 'DOCKER_HOST', value: 'tcp://x' }, { name: 'HTTP_PROXY', value: 'http://p' }] }));
    assert.ok(inv.args.includes('--build-arg=DOCKER_HOST=tcp://x'));
    assert.equal(inv.env.DOCKER_HOST, undefined);
    assert.equal(inv.env.HTTP_PROXY, undefined);
  });
});

describe('docker run argument vector', () => {
  it('names the container, removes it after, and ends with -- image', () => {
    assert.deepEqual(runInvocation(run()).args, ['run', '--name=layerwise-app-abc123', '--rm', '--', 'app:dev']);
  });
  it('variables are --env=NAME with the value in the environment, for any value and odd names', () => {
    const env = NASTY.map((value, i) => ({ name: i === 0 ? '-LEADING_DASH' : i === 1 ? 'with space' : `V${i}`, value, secret: i % 2 === 0 }));
    const inv = runInvocation(run({ env }));
    for (const e of env) {
      assert.ok(inv.args.includes(`--env=${e.name}`), e.name);
      assert.equal(inv.env[e.name], e.value);
    }
    const argv = inv.args.join('\u0000');
    for (const v of NASTY.filter(v => v.length > 2)) assert.ok(!argv.includes(v), `value ${JSON.stringify(v)} leaked into argv`);
    // The leading-dash name is the value of --env, not an option of its own.
    assert.ok(!inv.args.includes('-LEADING_DASH'));
  });
  it('names the CLI reads itself: plain values inline, secret values via a private env file', () => {
    const inv = runInvocation(run({ env: [{ name: 'PATH', value: '/opt/bin', secret: false }, { name: 'DOCKER_PASSWORD', value: 'hunter2', secret: true }] }));
    assert.ok(inv.args.includes('--env=PATH=/opt/bin'));
    assert.equal(inv.env.PATH, undefined);
    assert.equal(inv.env.DOCKER_PASSWORD, undefined);
    assert.deepEqual(inv.privateEnvFile, [{ name: 'DOCKER_PASSWORD', value: 'hunter2' }]);
    assert.ok(!inv.args.join(' ').includes('hunter2'));
    assert.throws(() => runInvocation(run({ env: [{ name: 'DOCKER_PASSWORD', value: 'a\nb', secret: true }] })), /line breaks/);
  });
  it('env files, ports and the seeds’ hardening flags', () => {
    const inv = runInvocation(run({
      envFiles: ['/w/my app/.env'], ports: ['8000:8000', '127.0.0.1:5353:53/udp'],
      hardening: { readOnly: true, capDropAll: true, noNewPrivileges: true, memory: '512m', cpus: '1.5' },
    }));
    assert.deepEqual(inv.args, [
      'run', '--name=layerwise-app-abc123', '--rm', '--env-file=/w/my app/.env', '--publish=8000:8000', '--publish=127.0.0.1:5353:53/udp',
      '--read-only', '--tmpfs=/tmp', '--cap-drop=ALL', '--security-opt=no-new-privileges', '--memory=512m', '--cpus=1.5', '--', 'app:dev',
    ]);
  });
  it('rejects bad ports, limits, image names and container names', () => {
    assert.throws(() => runInvocation(run({ ports: ['8000:-1'] })), PlanError);
    assert.throws(() => runInvocation(run({ hardening: { readOnly: false, capDropAll: false, noNewPrivileges: false, memory: '1 GB' } })), /memory limit/);
    assert.throws(() => runInvocation(run({ hardening: { readOnly: false, capDropAll: false, noNewPrivileges: false, cpus: '-1' } })), /CPU limit/);
    assert.throws(() => runInvocation(run({ image: '-it' })), /not a valid image reference/);
    assert.throws(() => runInvocation(run({ containerName: '--rm' })), /not a valid container name/);
  });
});

describe('validation and naming helpers', () => {
  it('tags: the reference grammar, with messages a person can act on', () => {
    for (const ok of ['app', 'app:dev', 'my-app:1.0', 'registry.local:5000/team/app:v1', 'localhost/app:Latest_1']) assert.equal(invalidTag(ok), undefined, ok);
    assert.match(invalidTag('')!, /Enter an image tag/);
    assert.match(invalidTag('My-App:dev')!, /lower-case/);
    assert.match(invalidTag('app dev')!, /spaces/);
    assert.match(invalidTag('-app')!, /start with "-"/);
    assert.match(invalidTag('app:')!, /name\[:tag\]/);
  });
  it('ports: host:container, ip:host:container, ranges, protocols', () => {
    for (const ok of ['8000', '8000:8000', '127.0.0.1:80:8080/tcp', '53:53/udp', '8000-8002:8000-8002', '[::1]:80:80']) assert.equal(invalidPortSpec(ok), undefined, ok);
    for (const bad of ['abc', '0:80', '80:70000', '80:80/http', '9000-8000:80']) assert.ok(invalidPortSpec(bad), bad);
  });
  it('default tag and container names are valid whatever the folder is called', () => {
    assert.equal(defaultTag('seed-app'), 'seed-app:dev');
    assert.equal(defaultTag('My App (copy)'), 'my-app-copy:dev');
    assert.equal(defaultTag('---'), 'image:dev');
    assert.equal(invalidTag(defaultTag('Ünïcode Proj')), undefined);
    assert.equal(containerNameFor('registry:5000/team/app:dev', 'abc123'), 'layerwise-app-abc123');
  });
  it('which names the docker CLI reads itself', () => {
    assert.deepEqual(['DOCKER_HOST', 'path', 'LD_PRELOAD', 'HTTPS_PROXY', 'GODEBUG', 'MODEL_API_KEY', 'GOOGLE_API_KEY', 'DOCKERFILE_NAME'].map(affectsDockerCli),
      [true, true, true, true, true, false, false, false]);
  });
  it('displays a command with shell-style quoting for reading only', () => {
    assert.equal(displayCommand('docker', ['build', '--file=/a b/Dockerfile', `--tag=it's`]), `docker build '--file=/a b/Dockerfile' '--tag=it'\\''s'`);
  });
});
