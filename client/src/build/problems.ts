/**
 * Turns Docker's failures into messages that say what is wrong and what to do about it.
 * Pure; the caller passes the platform so the advice fits the machine.
 */

export type ProblemKind =
  | 'cli-missing'
  | 'daemon-unreachable'
  | 'daemon-stopped'
  | 'daemon-permission'
  | 'buildx-missing'
  | 'buildkit-required'
  | 'image-not-found'
  | 'registry-unreachable'
  | 'port-in-use'
  | 'container-failed'
  | 'build-failed'
  | 'docker-error';

export interface DockerProblem {
  kind: ProblemKind;
  /** One or two sentences: what happened and what to do. */
  message: string;
  port?: number;
  exitCode?: number;
}

export interface ProblemContext {
  phase: 'detect' | 'build' | 'run';
  dockerPath: string;
  platform: NodeJS.Platform;
  /** DOCKER_HOST or the context in use, when known, to say which daemon was tried. */
  dockerHost?: string;
  image?: string;
}

export function cliMissing(ctx: ProblemContext): DockerProblem {
  return {
    kind: 'cli-missing',
    message: `The Docker CLI was not found at "${ctx.dockerPath}". Install Docker (https://docs.docker.com/get-docker/) or set "layerwise.docker.path" in your user settings to the full path of the docker program.`,
  };
}

export function howToStartDaemon(platform: NodeJS.Platform): string {
  if (platform === 'darwin' || platform === 'win32') return 'Start Docker Desktop and wait until it says the engine is running, then try again.';
  return 'Start it with "sudo systemctl start docker" (or "sudo service docker start"; for rootless Docker "systemctl --user start docker"), then try again.';
}

/**
 * The daemon went away while a build ran. Its output then blames a step (a RUN "returned
 * a non-zero code: 137" when the daemon stopped it, "unexpected EOF" when it died), so the
 * caller asks the daemon first and says this instead of pointing at a Dockerfile line.
 */
export function daemonStopped(ctx: ProblemContext, unfinishedContainers: string[] = []): DockerProblem {
  const where = ctx.dockerHost ? ` at ${ctx.dockerHost}` : '';
  const left = unfinishedContainers.length
    ? ` It may have left the unfinished build container${unfinishedContainers.length > 1 ? 's' : ''} ${unfinishedContainers.join(', ')} behind; once the daemon is back, remove ${unfinishedContainers.length > 1 ? 'them' : 'it'} with "docker rm ${unfinishedContainers.join(' ')}".`
    : '';
  return {
    kind: 'daemon-stopped',
    message: `The Docker daemon${where} stopped during the build, so the build did not finish and no image was tagged.${left} ${howToStartDaemon(ctx.platform)}`,
  };
}

/** Recognises a problem in the output of a failed docker command; undefined when nothing specific matches. */
export function classifyOutput(output: string, ctx: ProblemContext): DockerProblem | undefined {
  const where = ctx.dockerHost ? ` at ${ctx.dockerHost}` : '';
  if (/permission denied while trying to connect to the docker (daemon|API)/i.test(output)) {
    return {
      kind: 'daemon-permission',
      message: `You are not allowed to talk to the Docker daemon${where}. Add your user to the "docker" group ("sudo usermod -aG docker $USER", then log out and in again), or use rootless Docker.`,
    };
  }
  if (/Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|docker_engine.*(cannot find|no such)|dial unix \S*docker\.sock: connect/i.test(output)) {
    return { kind: 'daemon-unreachable', message: `The Docker daemon is not running or cannot be reached${where}. ${howToStartDaemon(ctx.platform)}` };
  }
  if (/BuildKit is enabled but the buildx component is missing or broken/i.test(output)) {
    return {
      kind: 'buildx-missing',
      message: 'BuildKit is enabled but this Docker CLI has no buildx component. Install buildx (https://docs.docker.com/go/buildx/), set "layerwise.docker.buildkit" to "off", or retry with the classic builder.',
    };
  }
  if (/the --mount option requires BuildKit|requires BuildKit/i.test(output)) {
    return {
      kind: 'buildkit-required',
      message: 'This Dockerfile uses BuildKit features (RUN --mount, heredocs, ...) but was built with the classic builder. Install buildx or set "layerwise.docker.buildkit" to "on".',
    };
  }
  const port = /(?:Bind for|listen tcp[46]?) [^\s]*?:(\d+)(?: failed|:)[^\n]*(?:port is already allocated|address already in use)/i.exec(output)
    ?? /(?:port is already allocated|address already in use)/i.exec(output);
  if (port) {
    const n = port[1] ? Number(port[1]) : undefined;
    return {
      kind: 'port-in-use', port: n,
      message: `Host port ${n ?? ''} is already in use by another program or container. Choose another host port (for example ${n ? `${n + 1}:<container port>` : '8001:<container port>'}), or stop what uses it.`.replace(/ {2,}/g, ' '),
    };
  }
  if (/pull access denied|repository does not exist|manifest unknown|manifest for \S+ not found|not found: manifest|No such image|failed to resolve source metadata for \S+: \S*not found/i.test(output)) {
    const image = /(?:Unable to find image|pull access denied for|No such image:?|manifest for|metadata for) '?([^\s',]+)/i.exec(output)?.[1] ?? ctx.image;
    return {
      kind: 'image-not-found',
      message: ctx.phase === 'run'
        ? `The image ${image ?? ''} does not exist locally and could not be pulled. Build it first (Layerwise: Build Image) or check the tag.`.replace(/ {2,}/g, ' ')
        : `The base image ${image ?? ''} was not found: it is not available locally and the registry does not have it. Check the FROM line's name and tag, or log in with "docker login" if it is private.`.replace(/ {2,}/g, ' '),
    };
  }
  if (/(dial tcp|lookup) [^\n]*(no such host|i\/o timeout|connection refused|network is unreachable|server misbehaving)|TLS handshake timeout|request canceled while waiting for connection|Client\.Timeout exceeded/i.test(output)) {
    const image = /(?:metadata for|manifests\/|Unable to find image ')(\S+?)'?(?::|\s|$)/.exec(output)?.[1];
    return {
      kind: 'registry-unreachable',
      message: `${ctx.phase === 'run' ? 'The image' : 'A base image'} is not available locally and its registry cannot be reached (${firstMatchingLine(output, /no such host|timeout|refused|unreachable|misbehaving/i)}). Check the network or proxy settings, or pull / load the image${image ? ` (${image})` : ''} first.`,
    };
  }
  return undefined;
}

/** The message for a container that ended with a non-zero exit code. */
export function containerFailed(exitCode: number, lastLines: string[]): DockerProblem {
  const meaning = exitCode === 137 ? ' (killed: out of memory or stopped with SIGKILL)' : exitCode === 143 ? ' (stopped with SIGTERM)' : exitCode === 126 ? ' (the command could not be run)' : exitCode === 127 ? ' (the command was not found in the image)' : '';
  const tail = lastLines.filter(l => l.trim()).slice(-5);
  return {
    kind: 'container-failed', exitCode,
    message: `The container exited with code ${exitCode}${meaning}.${tail.length ? ` Last output:\n${tail.join('\n')}` : ''}`,
  };
}

function firstMatchingLine(output: string, re: RegExp): string {
  const line = output.split('\n').find(l => re.test(l)) ?? '';
  return line.replace(/^#\d+ /, '').replace(/^(ERROR|error): /, '').trim().slice(0, 200);
}
