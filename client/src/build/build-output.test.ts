import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InstructionSummary } from '../../../server/src/lsp/requests';
import { findBuildFailure, parseStep, unfinishedBuildContainers, type OutputLine } from './build-output';
import { classifyOutput, containerFailed, daemonStopped, howToStartDaemon, type ProblemContext } from './problems';

// Output below was recorded from Docker 20.10 (classic builder and its built-in BuildKit)
// and, for the newest format, Docker 27 with buildx; test/docker checks the live engine.

const out = (text: string, stream: OutputLine['stream'] = 'stdout'): OutputLine[] => text.split('\n').map(t => ({ text: t, stream }));

/** The Dockerfile the samples were built from, as the language server summarises it. */
const MULTI: InstructionSummary[] = [
  { keyword: 'ARG', line: 0, endLine: 0, text: 'ARG BASE=busybox:local' },
  { keyword: 'FROM', line: 1, endLine: 1, stage: 0, text: 'FROM ${BASE} AS builder' },
  { keyword: 'ARG', line: 2, endLine: 2, stage: 0, text: 'ARG FOO=1' },
  { keyword: 'ENV', line: 3, endLine: 3, stage: 0, text: 'ENV A=b' },
  { keyword: 'RUN', line: 4, endLine: 4, stage: 0, text: 'RUN echo building' },
  { keyword: 'WORKDIR', line: 5, endLine: 5, stage: 0, text: 'WORKDIR /x' },
  { keyword: 'FROM', line: 7, endLine: 7, stage: 1, text: 'FROM busybox:local' },
  { keyword: 'COPY', line: 8, endLine: 8, stage: 1, text: 'COPY --from=builder /x /x' },
  { keyword: 'RUN', line: 9, endLine: 10, stage: 1, text: 'RUN echo one &&     exit 3' },
  { keyword: 'CMD', line: 11, endLine: 11, stage: 1, text: 'CMD ["true"]' },
];

describe('build steps for the progress notification', () => {
  it('reads the classic builder’s Step N/M and BuildKit’s [stage N/M]', () => {
    assert.deepEqual(parseStep('Step 3/10 : ARG FOO=1'), { step: 3, total: 10, text: 'ARG FOO=1' });
    assert.deepEqual(parseStep('#7 [stage-1 2/3] COPY --from=builder /x /x'), { step: 2, total: 3, stage: 'stage-1', text: 'COPY --from=builder /x /x' });
    assert.deepEqual(parseStep('#5 [2/2] RUN echo hi'), { step: 2, total: 2, stage: undefined, text: 'RUN echo hi' });
    assert.equal(parseStep('#2 [internal] load .dockerignore'), undefined);
    assert.equal(parseStep(' ---> Running in 5b546fbe4739'), undefined);
  });
});

describe('finding the instruction that failed', () => {
  it('classic builder: Step 9/10 is the 9th instruction (global ARGs count); the message is what docker wrote to stderr', () => {
    const lines = [
      ...out('Sending build context to Docker daemon  2.048kB\nStep 1/10 : ARG BASE=busybox:local\nStep 8/10 : COPY --from=builder /x /x\n ---> 23cf66e604e8\nStep 9/10 : RUN echo one &&     exit 3\n ---> Running in 768b351c2205\none'),
      ...out("DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\nThe command '/bin/sh -c echo one &&     exit 3' returned a non-zero code: 3", 'stderr'),
    ];
    assert.deepEqual(findBuildFailure(lines, MULTI, ['builder', 'stage-1'], 'Dockerfile'), {
      message: "The command '/bin/sh -c echo one &&     exit 3' returned a non-zero code: 3",
      instruction: 'RUN echo one &&     exit 3', line: 9, endLine: 10,
    });
  });
  it('BuildKit (Docker 20.10): the failing vertex’s [stage k/n] label, matched by text within the stage', () => {
    const lines = out([
      '#4 [builder 1/3] FROM docker.io/library/busybox:local',
      '#5 [builder 2/3] RUN echo building',
      '#5 0.191 building',
      '#5 DONE 0.2s',
      '#7 [stage-1 2/3] COPY --from=builder /x /x',
      '#8 [stage-1 3/3] RUN echo one &&     exit 3',
      '#8 0.183 one',
      '#8 ERROR: executor failed running [/bin/sh -c echo one &&     exit 3]: exit code: 3',
      '------',
      ' > [stage-1 3/3] RUN echo one &&     exit 3:',
      '------',
      'executor failed running [/bin/sh -c echo one &&     exit 3]: exit code: 3',
    ].join('\n'), 'stderr');
    const f = findBuildFailure(lines, MULTI, ['builder', 'stage-1'], 'Dockerfile');
    assert.deepEqual([f.line, f.endLine, f.instruction], [9, 10, 'RUN echo one &&     exit 3']);
    assert.equal(f.message, 'executor failed running [/bin/sh -c echo one &&     exit 3]: exit code: 3');
  });
  it('BuildKit (buildx): the Dockerfile:LINE excerpt wins, and "failed to solve" is the message', () => {
    const instructions: InstructionSummary[] = [
      { keyword: 'FROM', line: 0, endLine: 0, stage: 0, text: 'FROM busybox' },
      { keyword: 'RUN', line: 1, endLine: 1, stage: 0, text: 'RUN true' },
      { keyword: 'RUN', line: 2, endLine: 2, stage: 0, text: 'RUN exit 1' },
    ];
    const lines = out([
      '#6 [3/3] RUN exit 1',
      '#6 ERROR: process "/bin/sh -c exit 1" did not complete successfully: exit code: 1',
      '------',
      ' > [3/3] RUN exit 1:',
      '------',
      'Dockerfile:3',
      '--------------------',
      '   1 |     FROM busybox',
      '   2 |     RUN true',
      '   3 | >>> RUN exit 1',
      '--------------------',
      'ERROR: failed to solve: process "/bin/sh -c exit 1" did not complete successfully: exit code: 1',
    ].join('\n'), 'stderr');
    const f = findBuildFailure(lines, instructions, ['stage-0'], 'Dockerfile');
    assert.deepEqual([f.line, f.message], [2, 'process "/bin/sh -c exit 1" did not complete successfully: exit code: 1']);
  });
  it('identical instructions in one stage are told apart by BuildKit’s position', () => {
    const instructions: InstructionSummary[] = [
      { keyword: 'FROM', line: 0, endLine: 0, stage: 0, text: 'FROM busybox' },
      { keyword: 'RUN', line: 1, endLine: 1, stage: 0, text: 'RUN ./step.sh' },
      { keyword: 'ENV', line: 2, endLine: 2, stage: 0, text: 'ENV X=1' },
      { keyword: 'RUN', line: 3, endLine: 3, stage: 0, text: 'RUN ./step.sh' },
    ];
    const f = findBuildFailure(out('#7 [3/3] RUN ./step.sh\n#7 ERROR: exit code: 2', 'stderr'), instructions, ['stage-0'], 'Dockerfile');
    assert.equal(f.line, 3);
  });
  it('a base image that cannot be had points at its FROM line', () => {
    const instructions: InstructionSummary[] = [{ keyword: 'FROM', line: 0, endLine: 0, stage: 0, text: 'FROM nosuch/img:1' }];
    const f = findBuildFailure(out([
      '#3 [internal] load metadata for docker.io/nosuch/img:1',
      '#3 ERROR: failed to do request: Head "https://registry-1.docker.io/v2/nosuch/img/manifests/1": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
      'failed to solve with frontend dockerfile.v0: failed to create LLB definition: failed to do request: Head "https://registry-1.docker.io/v2/nosuch/img/manifests/1": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
    ].join('\n'), 'stderr'), instructions, ['stage-0'], 'Dockerfile');
    assert.equal(f.line, 0);
    const classic = findBuildFailure([...out('Step 1/1 : FROM nosuch/img:1'), ...out('Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host', 'stderr')], instructions, ['stage-0'], 'Dockerfile');
    assert.deepEqual([classic.line, classic.message], [0, 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host']);
  });
  it('without any step there is still a message, and no line', () => {
    const f = findBuildFailure(out('unable to prepare context: path "/nope" not found', 'stderr'), MULTI, ['builder', 'stage-1'], 'Dockerfile');
    assert.deepEqual(f, { message: 'unable to prepare context: path "/nope" not found' });
  });
});

describe('problems, in words a person can act on', () => {
  const ctx = (phase: ProblemContext['phase'], platform: NodeJS.Platform = 'linux'): ProblemContext => ({ phase, platform, dockerPath: 'docker' });
  it('daemon not running: says how to start it on this platform', () => {
    const p = classifyOutput('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', { ...ctx('detect'), dockerHost: 'unix:///var/run/docker.sock' });
    assert.equal(p?.kind, 'daemon-unreachable');
    assert.match(p!.message, /not running or cannot be reached at unix:\/\/\/var\/run\/docker\.sock\. Start it with "sudo systemctl start docker"/);
    assert.match(howToStartDaemon('darwin'), /Docker Desktop/);
    assert.equal(classifyOutput('error during connect: Get "http://%2F%2F.%2Fpipe%2Fdocker_engine/v1.24/version": open //./pipe/docker_engine: The system cannot find the file specified.', ctx('detect', 'win32'))?.kind, 'daemon-unreachable');
    assert.equal(classifyOutput('Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock', ctx('detect'))?.kind, 'daemon-permission');
  });
  it('BuildKit without buildx, and BuildKit features on the classic builder', () => {
    assert.equal(classifyOutput('ERROR: BuildKit is enabled but the buildx component is missing or broken.\n       Install the buildx component', ctx('build'))?.kind, 'buildx-missing');
    assert.equal(classifyOutput('the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/', ctx('build'))?.kind, 'buildkit-required');
  });
  it('base image not found versus registry unreachable', () => {
    const missing = classifyOutput('pull access denied for nosuch/img, repository does not exist or may require \'docker login\': denied', ctx('build'));
    assert.equal(missing?.kind, 'image-not-found');
    assert.match(missing!.message, /The base image nosuch\/img was not found/);
    const offline = classifyOutput('Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host', ctx('build'));
    assert.equal(offline?.kind, 'registry-unreachable');
    assert.match(offline!.message, /registry cannot be reached \(Get .*no such host\)/);
    const run = classifyOutput("Unable to find image 'ghost:dev' locally\ndocker: Error response from daemon: pull access denied for ghost, repository does not exist", ctx('run'));
    assert.match(run!.message, /The image ghost:dev does not exist locally .*Layerwise: Build Image/);
  });
  it('port already in use names the port', () => {
    const p = classifyOutput('docker: Error response from daemon: driver failed programming external connectivity on endpoint x: Bind for 0.0.0.0:8000 failed: port is already allocated.', ctx('run'));
    assert.deepEqual([p?.kind, p?.port], ['port-in-use', 8000]);
    assert.match(p!.message, /Host port 8000 is already in use.*8001:<container port>/);
    assert.equal(classifyOutput('Error starting userland proxy: listen tcp4 0.0.0.0:9000: bind: address already in use.', ctx('run'))?.port, 9000);
  });
  it('a container that exits non-zero: its code, what it means, and its last lines', () => {
    const p = containerFailed(1, ['', "CRITICAL ERROR: 'MODEL_API_KEY' environment variable not set.", 'Container refuses to start without secure configuration.']);
    assert.equal(p.message, "The container exited with code 1. Last output:\nCRITICAL ERROR: 'MODEL_API_KEY' environment variable not set.\nContainer refuses to start without secure configuration.");
    assert.match(containerFailed(137, []).message, /code 137 \(killed: out of memory/);
  });
  it('output that matches nothing specific is left to the generic message', () => {
    assert.equal(classifyOutput('some other failure', ctx('build')), undefined);
  });
  it('a daemon that stopped mid-build: says so, names what it may have left, and how to start it', () => {
    const p = daemonStopped({ ...ctx('build'), dockerHost: 'unix:///tmp/d.sock' }, ['f0697db9e730']);
    assert.equal(p.kind, 'daemon-stopped');
    assert.match(p.message, /^The Docker daemon at unix:\/\/\/tmp\/d\.sock stopped during the build, so the build did not finish and no image was tagged\. .*container f0697db9e730 .*"docker rm f0697db9e730"\. Start it with/);
    assert.doesNotMatch(daemonStopped(ctx('build')).message, /container/);
  });
});

describe('containers a classic build leaves when the daemon goes away', () => {
  it('are the steps it started and never removed', () => {
    const lines = out('Step 2/3 : RUN echo a\n ---> Running in 30729f800395\na\nRemoving intermediate container 30729f800395\n ---> efebd0db3ec4\nStep 3/3 : RUN sleep 30\n ---> Running in f0697db9e730\nunexpected EOF');
    assert.deepEqual(unfinishedBuildContainers(lines), ['f0697db9e730']);
    assert.deepEqual(unfinishedBuildContainers(out('#5 [2/2] RUN echo hi\n#5 ERROR: executor failed')), []);
  });
});
