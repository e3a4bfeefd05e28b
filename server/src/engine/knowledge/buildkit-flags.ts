/**
 * The flags each instruction accepts, the options of `RUN --mount`, and the parser
 * directives, with short explanations in our own words. Completion offers them, hovers
 * explain them, signature help names them. Flags follow the stable `docker/dockerfile:1`
 * frontend; `labs` marks the ones that need `# syntax=docker/dockerfile:1-labs` (or a
 * recent 1.x) to be accepted.
 */

export interface ValueChoice {
  value: string;
  doc: string;
}

export interface FlagSpec {
  /** Without the leading `--`. */
  name: string;
  /** How the value is written, for display: `<duration>`, `type=<type>,...`; absent for switches. */
  value?: string;
  doc: string;
  /** Well-known values offered after `--name=`. */
  choices?: ValueChoice[];
  /** May be given more than once (`--mount`, `--exclude`). */
  repeatable?: boolean;
  /** A switch: `--link` alone means true (`--link=false` turns it off). */
  boolean?: boolean;
  /** The value names a build stage (or an image, or a named context). */
  stageValue?: boolean;
  /** Newer than the first BuildKit releases: worth knowing for older builders. */
  since?: string;
}

const PLATFORMS: ValueChoice[] = [
  { value: '$BUILDPLATFORM', doc: 'The platform of the machine running the build: use it for build stages that cross-compile, so they run natively instead of under emulation.' },
  { value: '$TARGETPLATFORM', doc: 'The platform the image is being built for (the default when `--platform` is absent).' },
  { value: 'linux/amd64', doc: '64-bit x86 Linux.' },
  { value: 'linux/arm64', doc: '64-bit ARM Linux (Apple silicon, Graviton, Raspberry Pi 4 with a 64-bit OS).' },
  { value: 'linux/arm/v7', doc: '32-bit ARMv7 Linux.' },
];

const CHOWN: FlagSpec = {
  name: 'chown', value: '<user>[:<group>]',
  doc: 'Owner of the copied files inside the image. Without it they belong to root (uid 0). Names are looked up in the image\'s `/etc/passwd` and `/etc/group`; numeric ids need no lookup. Setting ownership here avoids a later `RUN chown -R`, which would copy every file into a second layer.',
};
const CHMOD: FlagSpec = {
  name: 'chmod', value: '<mode>', since: 'BuildKit 1.2 (octal); 1.14 (symbolic)',
  doc: 'Permissions of the copied files, octal (`755`, `0644`) or symbolic (`u+x`). Saves a separate `RUN chmod`, which would duplicate the files in a new layer.',
  choices: [
    { value: '755', doc: 'rwxr-xr-x: executables and folders.' },
    { value: '644', doc: 'rw-r--r--: ordinary files.' },
    { value: '600', doc: 'rw-------: readable by the owner only.' },
  ],
};
const LINK: FlagSpec = {
  name: 'link', boolean: true, since: 'BuildKit 1.4',
  doc: 'Puts the copied files in a layer of their own that does not depend on the layers below. The layer is then reused even when the base image changes, and a rebased image can keep it without re-copying. Files at the destination are not merged with what was there: avoid it when the destination path crosses a symlink in the image.',
};
const EXCLUDE: FlagSpec = {
  name: 'exclude', value: '<pattern>', repeatable: true, since: 'BuildKit 1.19 (labs before)',
  doc: 'Leaves out source files that match the pattern (same syntax as `.dockerignore`, with `**` and `!`). Repeat the flag for several patterns. Unlike `.dockerignore` it applies to this copy only.',
};

/** Flags by instruction keyword (upper case). */
export const INSTRUCTION_FLAGS: Readonly<Record<string, readonly FlagSpec[]>> = {
  FROM: [{
    name: 'platform', value: '<os>/<arch>[/<variant>]', choices: PLATFORMS,
    doc: 'Which platform variant of a multi-platform base image to pull. Usually left out (the target platform is used); `--platform=$BUILDPLATFORM` makes a build stage run natively and cross-compile for `$TARGETPLATFORM`.',
  }],
  RUN: [
    {
      name: 'mount', value: 'type=<cache|secret|bind|ssh|tmpfs>,<option>=<value>,...', repeatable: true,
      doc: 'Makes something available to this command only, without putting it in the layer: a persistent cache folder, a secret, files from the context or another stage, the SSH agent, or a scratch tmpfs. Repeat the flag for several mounts.',
    },
    {
      name: 'network', value: '<default|none|host>', since: 'BuildKit 1.1',
      doc: 'The network the command runs with.',
      choices: [
        { value: 'default', doc: 'The normal build network (same as leaving the flag out).' },
        { value: 'none', doc: 'No network at all: proves the step is offline and reproducible, e.g. after dependencies were fetched in an earlier step.' },
        { value: 'host', doc: 'The host\'s network stack. Needs the `network.host` entitlement (`docker buildx build --allow network.host`).' },
      ],
    },
    {
      name: 'security', value: '<sandbox|insecure>', since: 'BuildKit 1.1 (labs before 1.20)',
      doc: 'Runs the command with or without the container sandbox.',
      choices: [
        { value: 'sandbox', doc: 'The default, confined container.' },
        { value: 'insecure', doc: 'Privileged, like `docker run --privileged`. Needs the `security.insecure` entitlement; use only for steps that truly need it (mounting, device access).' },
      ],
    },
  ],
  COPY: [
    {
      name: 'from', value: '<stage|image|context>', stageValue: true,
      doc: 'Copies from an earlier build stage (by `AS` name or index), from an image, or from a named build context, instead of the build context. The copy is then cached on that stage\'s result, not on context files.',
    },
    CHOWN, CHMOD, LINK,
    {
      name: 'parents', boolean: true, since: 'BuildKit 1.19 (labs before)',
      doc: 'Keeps the source paths\' parent folders under the destination (`COPY --parents a/b/c.txt /dst/` creates `/dst/a/b/c.txt`). A `./` in the source marks where the kept part begins.',
    },
    EXCLUDE,
  ],
  ADD: [
    CHOWN, CHMOD, LINK,
    {
      name: 'checksum', value: 'sha256:<hex>', since: 'BuildKit 1.6 (http); 1.10 (git)',
      doc: 'Expected digest of a downloaded file (or the commit of a Git source). The build fails when the download does not match, so a compromised or changed remote file cannot slip in.',
      choices: [{ value: 'sha256:', doc: 'Followed by the 64 hex digits of the file\'s SHA-256.' }],
    },
    {
      name: 'keep-git-dir', value: '<true|false>', boolean: true, since: 'BuildKit 1.5',
      doc: 'For a Git source: keeps the `.git` folder in the copy (it is dropped by default). Needed only when the build runs Git commands on the checkout.',
      choices: [{ value: 'true', doc: 'Keep `.git`.' }, { value: 'false', doc: 'Drop `.git` (the default).' }],
    },
    EXCLUDE,
  ],
  HEALTHCHECK: [
    { name: 'interval', value: '<duration>', doc: 'Time between checks once the container runs (default `30s`).', choices: [{ value: '30s', doc: 'The default.' }, { value: '1m', doc: 'One minute.' }] },
    { name: 'timeout', value: '<duration>', doc: 'A check that takes longer counts as failed (default `30s`).', choices: [{ value: '5s', doc: 'Five seconds.' }, { value: '30s', doc: 'The default.' }] },
    { name: 'start-period', value: '<duration>', doc: 'Grace time after start: failures during it do not count toward `--retries` (default `0s`). Set it to how long the application needs to come up.', choices: [{ value: '10s', doc: 'Ten seconds.' }, { value: '1m', doc: 'One minute.' }] },
    { name: 'start-interval', value: '<duration>', since: 'Docker Engine 25', doc: 'Time between checks during the start period (default `5s`), so a container can be reported healthy soon after it is ready.', choices: [{ value: '5s', doc: 'The default.' }, { value: '1s', doc: 'One second.' }] },
    { name: 'retries', value: '<n>', doc: 'Consecutive failures before the container is reported unhealthy (default `3`).', choices: [{ value: '3', doc: 'The default.' }] },
  ],
};

export interface MountOption {
  name: string;
  /** Other spellings BuildKit accepts (`dst`, `destination`, `ro`). */
  aliases?: string[];
  value?: string;
  doc: string;
  choices?: ValueChoice[];
  /** The value names a stage, image or context. */
  stageValue?: boolean;
}

export interface MountType {
  type: string;
  doc: string;
  options: MountOption[];
}

const TARGET = (what: string): MountOption => ({ name: 'target', aliases: ['dst', 'destination'], value: '<path>', doc: `Where ${what} appears inside the build container.` });
const MODE: MountOption = { name: 'mode', value: '<octal>', doc: 'File mode of the mounted item.' };
const UID: MountOption = { name: 'uid', value: '<id>', doc: 'Numeric owner of the mounted item.' };
const GID: MountOption = { name: 'gid', value: '<id>', doc: 'Numeric group of the mounted item.' };
const FROM: MountOption = { name: 'from', value: '<stage|image|context>', stageValue: true, doc: 'Take the files from a build stage, an image or a named context instead of the build context.' };
const REQUIRED: MountOption = { name: 'required', value: '<true|false>', doc: 'Fail the build when it is not provided (default false: the command runs without it).', choices: [{ value: 'true', doc: 'Fail when missing.' }, { value: 'false', doc: 'Run without it when missing.' }] };

/** Well-known cache folders for `--mount=type=cache,target=`. */
export const CACHE_TARGETS: ValueChoice[] = [
  { value: '/root/.cache/pip', doc: 'pip\'s download and wheel cache (as root).' },
  { value: '/root/.cache/uv', doc: 'uv\'s cache (as root).' },
  { value: '/root/.npm', doc: 'npm\'s cache (as root).' },
  { value: '/usr/local/share/.cache/yarn', doc: 'Yarn classic\'s cache in the node images.' },
  { value: '/root/.local/share/pnpm/store', doc: 'pnpm\'s content-addressed store (as root).' },
  { value: '/root/.cache/go-build', doc: 'Go\'s build cache (as root).' },
  { value: '/go/pkg/mod', doc: 'Go\'s module cache in the golang images.' },
  { value: '/usr/local/cargo/registry', doc: 'Cargo\'s registry cache in the rust images.' },
  { value: '/root/.m2', doc: 'Maven\'s local repository (as root).' },
  { value: '/root/.gradle', doc: 'Gradle\'s caches (as root).' },
  { value: '/var/cache/apt', doc: 'Downloaded .deb files; pair it with `sharing=locked` and keep apt from deleting them (`rm -f /etc/apt/apt.conf.d/docker-clean`).' },
  { value: '/var/lib/apt/lists', doc: 'apt\'s package lists; pair it with `sharing=locked`.' },
  { value: '/var/cache/apk', doc: 'apk\'s cache on Alpine.' },
];

export const MOUNT_TYPES: readonly MountType[] = [
  {
    type: 'cache',
    doc: 'A folder that survives between builds on the same builder, for package-manager and compiler caches. Its content is never part of the image, so downloads are reused without bloating layers; the command must still work when the cache is empty.',
    options: [
      { ...TARGET('the cache folder'), choices: CACHE_TARGETS },
      { name: 'id', value: '<name>', doc: 'Names the cache; mounts with the same id share it (default: the target path).' },
      { name: 'sharing', value: '<shared|private|locked>', doc: 'What happens when parallel builds use the same cache.', choices: [
        { value: 'shared', doc: 'All writers use it at once (the default): fine for caches that tolerate concurrent writers.' },
        { value: 'private', doc: 'Each concurrent writer gets a fresh copy.' },
        { value: 'locked', doc: 'One writer at a time, others wait: needed for apt and other tools that lock their cache.' },
      ] },
      FROM,
      { name: 'source', value: '<path>', doc: 'Subfolder of `from` to seed the cache with.' },
      { name: 'readonly', aliases: ['ro'], doc: 'Mount read-only.' },
      MODE, UID, GID,
    ],
  },
  {
    type: 'secret',
    doc: 'A secret given with `docker build --secret`, readable by this command only. It is not stored in any layer or in the build history, unlike an ARG or ENV.',
    options: [
      { name: 'id', value: '<id>', doc: 'The id given on the command line (`--secret id=<id>,src=...`). Default: the file name of `target`.' },
      { ...TARGET('the secret file'), doc: 'Where the secret file appears (default `/run/secrets/<id>`).' },
      { name: 'env', value: '<NAME>', doc: 'Expose the secret as this environment variable of the command instead of (or besides) a file.' },
      REQUIRED, MODE, UID, GID,
    ],
  },
  {
    type: 'bind',
    doc: 'Files from the build context, a stage or an image, visible to this command only (read-only by default). Use it to run a build tool on sources without copying them into a layer.',
    options: [
      TARGET('the files'),
      { name: 'source', value: '<path>', doc: 'Path within `from` (default: its root).' },
      FROM,
      { name: 'readwrite', aliases: ['rw'], doc: 'Allow writes; they are thrown away after the command.' },
    ],
  },
  {
    type: 'ssh',
    doc: 'The SSH agent socket forwarded with `docker build --ssh`, so the command can clone private repositories without a key ever entering the image.',
    options: [
      { name: 'id', value: '<id>', doc: 'Which `--ssh` entry to forward (default `default`).' },
      { ...TARGET('the agent socket'), doc: 'Socket path (default `/run/buildkit/ssh_agent.${N}`); `SSH_AUTH_SOCK` points there.' },
      REQUIRED, MODE, UID, GID,
    ],
  },
  {
    type: 'tmpfs',
    doc: 'An empty in-memory folder for scratch files that must not end up in the layer.',
    options: [
      TARGET('the tmpfs'),
      { name: 'size', value: '<bytes>', doc: 'Upper bound on its size.' },
    ],
  },
];

export function mountType(type: string): MountType | undefined {
  return MOUNT_TYPES.find(t => t.type === type.toLowerCase());
}

/** The mount option spelled `name` (or one of its aliases) for a mount type. */
export function mountOption(type: MountType, name: string): MountOption | undefined {
  const key = name.toLowerCase();
  return type.options.find(o => o.name === key || o.aliases?.includes(key));
}

export function instructionFlag(keyword: string, name: string): FlagSpec | undefined {
  return INSTRUCTION_FLAGS[keyword.toUpperCase()]?.find(f => f.name === name.toLowerCase());
}

export interface DirectiveSpec {
  name: string;
  value: string;
  doc: string;
  choices: ValueChoice[];
}

/** Parser directives: only recognised in the comment lines at the very top of the file. */
export const DIRECTIVES: readonly DirectiveSpec[] = [
  {
    name: 'syntax', value: '<frontend image>',
    doc: 'Which Dockerfile frontend (parser and builder) BuildKit pulls to build this file. Pin the major version (`docker/dockerfile:1`) to get every new stable feature without waiting for a Docker upgrade.',
    choices: [
      { value: 'docker/dockerfile:1', doc: 'The latest stable 1.x frontend (recommended).' },
      { value: 'docker/dockerfile:1-labs', doc: 'Stable plus experimental features.' },
      { value: 'docker/dockerfile:1.10', doc: 'A fixed minor release, for builds that must not change.' },
    ],
  },
  {
    name: 'escape', value: '<\\ or `>',
    doc: 'The character that escapes and continues lines (default backslash). Windows Dockerfiles set it to a backtick so `C:\\path` needs no doubling.',
    choices: [{ value: '\\', doc: 'The default.' }, { value: '`', doc: 'Backtick, for Windows paths.' }],
  },
  {
    name: 'check', value: 'skip=<checks|all>;error=<true|false>',
    doc: 'Configures BuildKit\'s build checks for this file: `skip=` lists checks to turn off (or `all`), `error=true` makes warnings fail the build, `experimental=` enables experimental checks.',
    choices: [
      { value: 'skip=', doc: 'Checks to turn off, comma-separated, or `all`.' },
      { value: 'error=true', doc: 'Fail the build when a check warns.' },
      { value: 'experimental=all', doc: 'Enable experimental checks too.' },
    ],
  },
];

export function directiveSpec(name: string): DirectiveSpec | undefined {
  return DIRECTIVES.find(d => d.name === name.toLowerCase());
}

/** First words of HEALTHCHECK. */
export const HEALTHCHECK_MODES: ValueChoice[] = [
  { value: 'CMD', doc: 'The command that tests the container; exit 0 means healthy, 1 unhealthy.' },
  { value: 'NONE', doc: 'Turns off a health check inherited from the base image.' },
];

export const STOP_SIGNALS: ValueChoice[] = [
  { value: 'SIGTERM', doc: 'The default: asks the process to shut down cleanly.' },
  { value: 'SIGINT', doc: 'What Ctrl-C sends; some servers drain on it.' },
  { value: 'SIGQUIT', doc: 'Graceful shutdown for nginx and php-fpm.' },
  { value: 'SIGWINCH', doc: 'Graceful stop for Apache httpd.' },
  { value: 'SIGHUP', doc: 'Hang-up; often means reload rather than stop.' },
  { value: 'SIGKILL', doc: 'Cannot be caught: no clean shutdown at all.' },
];

export const SHELL_FORMS: ValueChoice[] = [
  { value: '["/bin/bash", "-o", "pipefail", "-c"]', doc: 'bash where a failure anywhere in a pipe fails the RUN.' },
  { value: '["/bin/sh", "-c"]', doc: 'The Linux default.' },
  { value: '["/bin/ash", "-eo", "pipefail", "-c"]', doc: 'Alpine\'s shell with pipefail.' },
  { value: '["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]', doc: 'PowerShell that stops at the first error (Windows).' },
  { value: '["cmd", "/S", "/C"]', doc: 'The Windows default.' },
];

/** Heredoc openers: RUN runs the body as a script, COPY/ADD write it to a file. */
export const HEREDOC_STARTERS: ValueChoice[] = [
  { value: '<<EOF', doc: 'A here-document: the following lines up to `EOF` are the body. Variables in it are expanded.' },
  { value: "<<'EOF'", doc: 'A here-document whose body is taken literally: no `$VAR` expansion.' },
  { value: '<<-EOF', doc: 'A here-document whose lines may be indented with tabs (leading tabs are removed).' },
];
