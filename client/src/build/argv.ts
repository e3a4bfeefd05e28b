/**
 * Turns a build or run plan into the Docker CLI's argument vector and the extra
 * environment of its process. Pure (no vscode, no I/O) so every quoting edge case is
 * unit-tested. The rules that keep values safe:
 *  - every option is one `--name=value` element, so a value starting with `-` can never
 *    be read as another option, and nothing ever passes through a shell;
 *  - values of build args, build secrets and container variables travel in the child
 *    process's environment (`--build-arg=NAME`, `--secret=id=X,env=Y`, `--env=NAME`),
 *    never on the command line that process listings and logs show.
 */

export type Builder = 'buildkit' | 'classic';

export interface BuildPlan {
  dockerfile: string;
  contextDir: string;
  tag: string;
  /** Stage label for `--target`; undefined builds the last stage. */
  target?: string;
  buildArgs: { name: string; value: string }[];
  /** BuildKit secrets (`--secret`), read by `RUN --mount=type=secret,id=...`. */
  buildSecrets: { id: string; value: string }[];
  builder: Builder;
  noCache?: boolean;
}

export interface Hardening {
  readOnly: boolean;
  capDropAll: boolean;
  noNewPrivileges: boolean;
  /** `--memory` value (`512m`); undefined: no limit. */
  memory?: string;
  /** `--cpus` value (`1`, `0.5`); undefined: no limit. */
  cpus?: string;
}

export interface RunPlan {
  image: string;
  containerName: string;
  env: { name: string; value: string; secret: boolean }[];
  envFiles: string[];
  /** `-p` specs: `8000:8000`, `127.0.0.1:8080:80/tcp`. */
  ports: string[];
  hardening?: Hardening;
  /** `--rm`: remove the container when it exits. */
  remove: boolean;
}

export interface DockerInvocation {
  args: string[];
  /** Added to the inherited environment of the docker process. */
  env: Record<string, string>;
  /**
   * Variables that cannot travel as `--env=NAME` because the name would also change how
   * the docker CLI itself behaves (PATH, HOME, DOCKER_HOST, ...) and whose value is
   * secret: the runner writes them to a private file passed as `--env-file`.
   */
  privateEnvFile?: { name: string; value: string }[];
  /** A file the runner feeds to the process's standard input (`--file=-`). */
  stdinFile?: string;
}

export class PlanError extends Error {}

/** The prefix of the private variables that carry BuildKit secrets to `--secret ...,env=`. */
export const SECRET_ENV_PREFIX = 'LAYERWISE_BUILD_SECRET_';

/**
 * Names whose value in the docker process's own environment changes what the CLI does
 * (which daemon, which config, which libraries), so they must not be set there.
 * Compared case-insensitively because Windows environments are.
 */
export function affectsDockerCli(name: string): boolean {
  const u = name.toUpperCase();
  return /^(DOCKER_|BUILDKIT_|BUILDX_|LD_|DYLD_|SSL_CERT_|XDG_)/.test(u)
    || ['PATH', 'PATHEXT', 'HOME', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'SYSTEMROOT', 'COMSPEC', 'TMPDIR', 'TMP', 'TEMP',
      'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'GODEBUG', 'GOMAXPROCS', 'GOGC', 'GOTRACEBACK'].includes(u)
    || u.startsWith(SECRET_ENV_PREFIX);
}

/** Why a variable name cannot be passed at all, or undefined when it can. */
export function invalidEnvName(name: string): string | undefined {
  if (name === '') return 'The name is empty.';
  if (name.includes('=')) return `"${name}" contains "=", which cannot be part of a variable name.`;
  if (name.includes('\0')) return 'The name contains a NUL character.';
  if (/[\r\n]/.test(name)) return 'The name contains a line break.';
  return undefined;
}

export function buildInvocation(plan: BuildPlan): DockerInvocation {
  if (!isValidImageRef(plan.tag)) throw new PlanError(`"${plan.tag}" is not a valid image tag.`);
  // BuildKit sends the Dockerfile's name in a gRPC header, where a line break ends the stream
  // ("RST_STREAM ... PROTOCOL_ERROR"); read from standard input, the name never travels.
  const unsendableName = /[\x00-\x08\x0a-\x1f\x7f]/.test(plan.dockerfile.split(/[\\/]/).pop() ?? '');
  const args = ['build', `--file=${unsendableName ? '-' : plan.dockerfile}`, `--tag=${plan.tag}`];
  const env: Record<string, string> = { DOCKER_BUILDKIT: plan.builder === 'buildkit' ? '1' : '0' };
  if (plan.target) args.push(`--target=${plan.target}`);
  // Plain, line-based progress: the terminal shows it as is and the step parser reads it.
  if (plan.builder === 'buildkit') args.push('--progress=plain');
  // The classic builder keeps the container of a failed step unless told otherwise.
  else args.push('--force-rm');
  if (plan.noCache) args.push('--no-cache');
  for (const { name, value } of plan.buildArgs) {
    const problem = invalidEnvName(name);
    if (problem) throw new PlanError(`Build argument: ${problem}`);
    if (value.includes('\0')) throw new PlanError(`The value of build argument ${name} contains a NUL character.`);
    if (affectsDockerCli(name)) {
      // Setting it in the CLI's environment would redirect the CLI; a non-secret value can go inline.
      args.push(`--build-arg=${name}=${value}`);
    } else {
      args.push(`--build-arg=${name}`);
      env[name] = value;
    }
  }
  if (plan.buildSecrets.length && plan.builder !== 'buildkit') {
    throw new PlanError(`Build secrets (${plan.buildSecrets.map(s => s.id).join(', ')}) need BuildKit; the classic builder cannot pass them.`);
  }
  plan.buildSecrets.forEach(({ id, value }, i) => {
    if (!/^[A-Za-z0-9._-]+$/.test(id)) throw new PlanError(`"${id}" is not a valid build secret id (letters, digits, ".", "_", "-").`);
    if (value.includes('\0')) throw new PlanError(`The value of build secret ${id} contains a NUL character.`);
    const carrier = `${SECRET_ENV_PREFIX}${i}`;
    args.push(`--secret=id=${id},env=${carrier}`);
    env[carrier] = value;
  });
  // `--` ends the options, so a context path is never taken for one.
  args.push('--', plan.contextDir);
  return { args, env, stdinFile: unsendableName ? plan.dockerfile : undefined };
}

export function runInvocation(plan: RunPlan): DockerInvocation {
  if (!isValidImageRef(plan.image) && !/^(sha256:)?[0-9a-f]{12,64}$/.test(plan.image)) throw new PlanError(`"${plan.image}" is not a valid image reference.`);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(plan.containerName)) throw new PlanError(`"${plan.containerName}" is not a valid container name.`);
  const args = ['run', `--name=${plan.containerName}`];
  if (plan.remove) args.push('--rm');
  const env: Record<string, string> = {};
  const privateEnvFile: { name: string; value: string }[] = [];
  for (const { name, value, secret } of plan.env) {
    const problem = invalidEnvName(name);
    if (problem) throw new PlanError(`Environment variable: ${problem}`);
    if (value.includes('\0')) throw new PlanError(`The value of ${name} contains a NUL character.`);
    if (!affectsDockerCli(name)) {
      args.push(`--env=${name}`);
      env[name] = value;
    } else if (!secret) {
      args.push(`--env=${name}=${value}`);
    } else {
      if (/[\r\n]/.test(value)) throw new PlanError(`${name} cannot be passed safely: its name is one the docker CLI reads itself, so it goes through a private env file, and env files cannot hold line breaks.`);
      privateEnvFile.push({ name, value });
    }
  }
  for (const file of plan.envFiles) args.push(`--env-file=${file}`);
  for (const spec of plan.ports) {
    const problem = invalidPortSpec(spec);
    if (problem) throw new PlanError(problem);
    args.push(`--publish=${spec}`);
  }
  const h = plan.hardening;
  if (h) {
    // A read-only root still needs a writable /tmp for most runtimes.
    if (h.readOnly) args.push('--read-only', '--tmpfs=/tmp');
    if (h.capDropAll) args.push('--cap-drop=ALL');
    if (h.noNewPrivileges) args.push('--security-opt=no-new-privileges');
    if (h.memory) {
      if (!/^\d+(\.\d+)?[bkmg]?$/i.test(h.memory)) throw new PlanError(`"${h.memory}" is not a memory limit such as 512m or 1g.`);
      args.push(`--memory=${h.memory}`);
    }
    if (h.cpus) {
      if (!/^\d+(\.\d+)?$/.test(h.cpus) || Number(h.cpus) <= 0) throw new PlanError(`"${h.cpus}" is not a CPU limit such as 1 or 0.5.`);
      args.push(`--cpus=${h.cpus}`);
    }
  }
  args.push('--', plan.image);
  return { args, env, privateEnvFile: privateEnvFile.length ? privateEnvFile : undefined };
}

/** `docker stop` / `docker rm -f` of the container a run started. */
export function stopInvocation(containerName: string): DockerInvocation {
  return { args: ['stop', '--time=3', containerName], env: {} };
}

export function removeInvocation(containerName: string): DockerInvocation {
  return { args: ['rm', '--force', containerName], env: {} };
}

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\\d+)?|\\[[0-9a-fA-F:]+\\](?::\\d+)?)';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$`);

/** Docker's image reference grammar (name[:tag][@digest]); never starts with `-`. */
export function isValidImageRef(ref: string): boolean {
  return ref.length <= 255 && REFERENCE.test(ref);
}

/** Why a tag is not usable, in words a person can act on; undefined when it is fine. */
export function invalidTag(tag: string): string | undefined {
  if (!tag.trim()) return 'Enter an image tag, for example my-app:dev.';
  if (/\s/.test(tag)) return 'An image tag cannot contain spaces.';
  if (tag.startsWith('-')) return 'An image tag cannot start with "-".';
  // Tags may use capitals, repository names may not: if lower-casing fixes it, that was the problem.
  if (!isValidImageRef(tag) && isValidImageRef(tag.toLowerCase())) return 'Repository names must be lower-case (the tag after ":" may use capitals).';
  if (!isValidImageRef(tag)) return 'Use name[:tag]: lower-case letters, digits and . _ - separators; the tag after ":" is at most 128 of letters, digits, "_", "." and "-".';
  return undefined;
}

/** `-p` syntax: [ip:][hostPort:]containerPort[/proto], ports or ranges; undefined when valid. */
export function invalidPortSpec(spec: string): string | undefined {
  const m = /^(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(?:(\d+(?:-\d+)?)?:)?(\d+(?:-\d+)?)(?:\/(tcp|udp|sctp))?$/.exec(spec.trim());
  if (!m) return `"${spec}" is not a port mapping; use host:container, for example 8000:8000 or 127.0.0.1:8080:80/tcp.`;
  for (const part of [m[2], m[3]]) {
    if (!part) continue;
    const [a, b] = part.split('-').map(Number);
    if (a < 1 || a > 65535 || (b !== undefined && (b < a || b > 65535))) return `"${part}" is not a port between 1 and 65535.`;
  }
  return undefined;
}

/** The invocation as text for the terminal and the log, quoted like a POSIX shell would need. Contains no secret values. */
export function displayCommand(program: string, args: string[]): string {
  return [program, ...args].map(quoteForDisplay).join(' ');
}

function quoteForDisplay(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`).replace(/\n/g, '\\n')}'`;
}

/** `<folder-name>:dev`, made into a valid repository name. */
export function defaultTag(folderName: string): string {
  const repo = folderName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').replace(/[._-]{2,}/g, '-');
  return `${repo || 'image'}:dev`;
}

/** A container name that says where it came from and never collides. */
export function containerNameFor(image: string, suffix: string): string {
  const base = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '').split('/').pop()!.replace(/[^a-zA-Z0-9_.-]/g, '-');
  return `layerwise-${base.replace(/^layerwise-/, '') || 'run'}-${suffix}`.slice(0, 63);
}
