import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findStage, imageRequirements, parsePort, targetRequirements } from './image-requirements';
import { DockerfileModel } from './model';

const req = (text: string, target?: number) => {
  const model = new DockerfileModel(text);
  return targetRequirements(model, target ?? model.stages.length - 1);
};

describe('image requirements: stages', () => {
  it('lists stages with labels and defaults to the last', () => {
    const r = imageRequirements(new DockerfileModel('FROM busybox AS Build\nRUN true\nFROM busybox\nFROM build AS test\n'));
    assert.deepEqual(r.stages.map(s => [s.index, s.name, s.label, s.base, s.line]), [
      [0, 'build', 'build', 'busybox', 0], [1, undefined, 'stage-1', 'busybox', 2], [2, 'test', 'test', 'build', 3],
    ]);
    assert.equal(r.defaultTarget, 2);
    assert.equal(r.targets.length, 3);
  });
  it('finds a stage by index, name in any case, or stage-N', () => {
    const model = new DockerfileModel('FROM a AS one\nFROM b\n');
    assert.equal(findStage(model, 'ONE')?.index, 0);
    assert.equal(findStage(model, 'stage-1')?.index, 1);
    assert.equal(findStage(model, 1)?.index, 1);
    assert.equal(findStage(model, undefined)?.index, 1);
    assert.equal(findStage(model, 'nope'), undefined);
  });
  it('a target depends on its FROM chain and on stages it copies or mounts from', () => {
    const text = 'FROM a AS deps\nFROM a AS tools\nFROM a AS unused\nFROM deps AS app\nCOPY --from=tools /t /t\nRUN --mount=type=bind,from=0,target=/d true\n';
    assert.deepEqual(req(text).stages, [0, 1, 3]);
  });
});

describe('image requirements: build args', () => {
  it('uses global ARGs only when a FROM of the target uses them', () => {
    const text = 'ARG BASE=python:3.12\nARG OTHER=x\nARG TAG\nFROM ${BASE} AS a\nFROM busybox:$TAG AS b\n';
    assert.deepEqual(req(text, 0).args.map(a => [a.name, a.default, a.required, a.global]), [['BASE', 'python:3.12', false, true]]);
    assert.deepEqual(req(text, 1).args.map(a => [a.name, a.default, a.required]), [['TAG', undefined, true]]);
  });
  it('includes ARGs declared in the stages the target needs, with their defaults and requiredness', () => {
    const text = 'FROM a AS build\nARG VERSION=1.0\nARG COMMIT\nFROM a AS skipped\nARG NOT_USED\nFROM a\nCOPY --from=build /x /x\nARG EMPTY=\n';
    const args = req(text).args;
    assert.deepEqual(args.map(a => [a.name, a.default, a.required]), [['VERSION', '1.0', false], ['COMMIT', undefined, true], ['EMPTY', '', false]]);
    assert.deepEqual(args.map(a => a.lines), [[1], [2], [7]]);
  });
  it('a stage ARG without a value inherits the global default', () => {
    const args = req('ARG V=3\nFROM busybox\nARG V\n').args;
    assert.deepEqual(args.map(a => [a.name, a.default, a.required, a.global]), [['V', '3', false, false]]);
  });
  it('marks secret-looking names and never asks for builder-provided ARGs', () => {
    const args = req('FROM a\nARG NPM_TOKEN\nARG TARGETARCH\nARG HTTP_PROXY\nARG TOKENIZER_PATH\n').args;
    assert.deepEqual(args.map(a => [a.name, a.secret, a.automatic, a.required]), [
      ['NPM_TOKEN', true, false, true], ['TARGETARCH', false, true, false], ['HTTP_PROXY', false, true, false], ['TOKENIZER_PATH', false, false, true],
    ]);
  });
  it('lists RUN --mount=type=secret ids, defaulting the id to the target file name', () => {
    const s = req('FROM a\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN,required=true npm ci\nRUN --mount=type=secret,target=/run/secrets/pip_conf pip install .\nRUN --mount=type=cache,target=/c true\n').buildSecrets;
    assert.deepEqual(s, [{ id: 'npm', env: 'NPM_TOKEN', required: true, lines: [1] }, { id: 'pip_conf', env: undefined, required: false, lines: [2] }]);
  });
});

describe('image requirements: run time', () => {
  it('finds ENV without a useful value and secret-looking ENV names', () => {
    const text = [
      'FROM python:3.11-slim',
      'ENV PYTHONUNBUFFERED=1 DATABASE_URL= MODE=""',
      'ENV API_TOKEN=abc123',
      'ENV REGION=changeme OWNER=<your-name>',
      'ENV FROM_NOWHERE=$NOT_DEFINED',
      'ARG BUILD_URL',
      'ENV SERVICE_URL=$BUILD_URL',
    ].join('\n');
    assert.deepEqual(req(text).env.map(e => [e.name, e.reason, e.secret, e.required, e.line]), [
      ['DATABASE_URL', 'empty', false, true, 1], ['MODE', 'empty', false, true, 1], ['API_TOKEN', 'secret', true, false, 2],
      ['REGION', 'placeholder', false, true, 3], ['OWNER', 'placeholder', false, true, 3], ['FROM_NOWHERE', 'unresolved', false, true, 4],
    ]);
    assert.equal(req(text).env.find(e => e.name === 'API_TOKEN')?.imageValue, 'abc123');
    assert.equal(req('FROM a\nENV API_TOKEN=changeme\n').env[0].required, true, 'a placeholder secret must be provided');
  });
  it('follows the FROM chain for ENV, USER and EXPOSE, and a later ENV overrides an earlier one', () => {
    const text = 'FROM a AS base\nENV KEY_ID=\nEXPOSE 80\nUSER app\nFROM base\nENV KEY_ID=k1\nEXPOSE 53/udp 8000-8002/tcp\n';
    const r = req(text);
    assert.deepEqual(r.env, []);
    assert.deepEqual(r.ports.map(p => [p.port, p.endPort, p.protocol, p.line]), [[80, undefined, 'tcp', 2], [53, undefined, 'udp', 6], [8000, 8002, 'tcp', 6]]);
    assert.equal(r.user, 'app');
  });
  it('does not inherit run-time settings from stages it only copies from', () => {
    const r = req('FROM a AS build\nENV SECRET_KEY=\nEXPOSE 9000\nUSER builder\nFROM b\nCOPY --from=build /x /x\n');
    assert.deepEqual([r.env, r.ports, r.user], [[], [], undefined]);
  });
  it('substitutes ARG and ENV values in EXPOSE and USER', () => {
    const r = req('FROM a\nARG PORT=8080\nENV UID=1000\nEXPOSE $PORT ${METRICS:-9090}/tcp\nUSER ${UID}\n');
    assert.deepEqual(r.ports.map(p => p.port), [8080, 9090]);
    assert.equal(r.user, '1000');
  });
  it('parses port specs and rejects nonsense', () => {
    assert.deepEqual(parsePort('443/TCP', 0), { port: 443, endPort: undefined, protocol: 'tcp', line: 0 });
    assert.equal(parsePort('0', 0), undefined);
    assert.equal(parsePort('70000', 0), undefined);
    assert.equal(parsePort('9000-8000', 0), undefined);
    assert.equal(parsePort('$X', 0), undefined);
  });
  it('lists the context paths the target and the stages it copies from copy, ignoring other stages, URLs and heredocs', () => {
    const text = 'FROM a AS b\nCOPY tools/ /t\nFROM a AS unused\nCOPY docs /d\nFROM a\nCOPY requirements.txt ./\nCOPY ["src/app", "/app"]\nADD https://example.com/x.tgz /x\nCOPY --from=b /t /t\nCOPY . .\n';
    assert.deepEqual(req(text).contextSources, ['tools', 'requirements.txt', 'src/app', '.']);
  });
  it('the seeds’ secure Dockerfile asks for nothing at build time and has no ENV gaps', () => {
    const text = [
      'FROM python:3.11-slim',
      'ENV PYTHONUNBUFFERED=1 \\', '    PYTHONDONTWRITEBYTECODE=1 \\', '    PIP_NO_CACHE_DIR=1',
      'RUN useradd --create-home --shell /bin/bash appuser',
      'WORKDIR /home/appuser/app',
      'COPY requirements.txt .',
      'RUN pip install -r requirements.txt',
      'COPY . .',
      'USER appuser',
      'CMD ["python", "main.py"]',
    ].join('\n');
    const r = req(text);
    assert.deepEqual([r.args, r.env, r.ports, r.user, r.contextSources], [[], [], [], 'appuser', ['requirements.txt', '.']]);
  });
});
