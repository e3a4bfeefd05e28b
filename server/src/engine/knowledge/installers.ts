import { commandName, type ShellCommand } from '../shell/commands';
import { PerCommand } from '../shell/per-command';

/**
 * Dependency installs: which simple commands install a project's dependencies, which
 * files they read, and whether they also need the project's source. One detector per
 * ecosystem; each describes itself (tool, commands, manifests, optional lockfiles and
 * config, what makes it read the source) so the rule's docs are generated from here.
 *
 * Detection works on one parsed command. What the manifests themselves say (lifecycle
 * scripts, workspaces, local path dependencies, includes) is read by `inspect`, from
 * the build context, when there is one.
 */

export type Ecosystem = 'python' | 'node' | 'go' | 'rust' | 'ruby' | 'php' | 'jvm';

export interface ManifestRef {
  /** Candidate names, relative to the command's directory (or absolute); every one that exists is copied. */
  names: string[];
  /** At least one of `names` must exist for the command to work. */
  required: boolean;
  /** Named in the command itself (`-r requirements.txt`) rather than implied by the tool. */
  explicit: boolean;
  /** A directory, copied on its own so it keeps its name (`COPY .mvn .mvn/`). */
  dir?: boolean;
}

/** A command split into the words that invoke the tool and the tool's own arguments. */
export interface ToolCommand {
  /** Normalised tool name: `pip`, `uv`, `npm`, `cargo`, `mvn`, … */
  name: string;
  /** Words that run the tool, kept as written: `pip3`, `sudo -E python3 -m pip`, `./mvnw`. */
  head: string[];
  /** The tool's arguments, after `head`. */
  args: string[];
  /** `NAME=value` words before the command. */
  assignments: string[];
}

export interface DependencyInstall {
  detector: InstallerDetector;
  command: ToolCommand;
  /** Files the command reads. */
  manifests: ManifestRef[];
  /** The command also reads the project's source, so it cannot run before the full copy. */
  needsSource: boolean;
  /** Why it needs the source, in words, for messages. */
  sourceReason?: string;
  /** Directory the tool works in, relative to the shell's working directory (`--prefix`, `-C`, `--cwd`). */
  dir: string;
  /**
   * Arguments (after the same `head`) of a command that installs only the dependencies,
   * without the source, when one exists: `uv sync --locked --no-install-project`.
   */
  depsOnlyArgs?: string[];
  /** Why no dependencies-only command can be offered, when the source is needed and none is. */
  noDepsOnlyReason?: string;
  /** Paths (relative to `dir`) the install creates; a copy of them from the context would land on top. */
  outputs: string[];
  /** The command as text, for messages. */
  display: string;
}

/** What `inspect` may read: files as the command sees them (relative to its directory, or absolute). */
export interface ManifestFiles {
  /** Text of a file from the copied context; undefined when absent, unreadable or not part of the copy. */
  read(path: string): string | undefined;
  exists(path: string): boolean;
}

export interface InstallerDetector {
  tool: string;
  ecosystem: Ecosystem;
  /** Commands it recognises, for the docs. */
  commands: string[];
  /** Manifests it always reads. */
  reads: string[];
  /** Lockfiles and configuration it reads when they exist. */
  optional: string[];
  /** When the command needs the source, and what is offered instead. */
  source: string;
  /** What to do when no dependencies-only command exists (shown in the message). */
  advice?: string;
  detect(cmd: ToolCommand): DependencyInstall | undefined;
  /** Refines a detection with what the manifests say. Mutates and returns it; undefined drops it. */
  inspect?(install: DependencyInstall, files: ManifestFiles): DependencyInstall | undefined;
}

// ---------------------------------------------------------------------------
// Command normalisation

const SKIP_ONE_ARG_WRAPPERS = new Set(['su-exec', 'gosu', 'chpst']);
const WRAPPERS = new Set(['sudo', 'doas', 'env', 'time', 'nice', 'nohup', 'exec', 'command', 'stdbuf', 'ionice', ...SKIP_ONE_ARG_WRAPPERS]);
/** Options of wrappers that take a separate value. */
const WRAPPER_VALUE_OPTIONS = new Set(['-u', '-g', '-n', '-C', '-c', '-p', '-o', '-e', '-i', '-U']);
const PYTHON = /^(python(\d+(\.\d+)?)?|py)$/;
const PYTHON_MODULES: Record<string, string> = { pip: 'pip', pip3: 'pip', uv: 'uv', poetry: 'poetry', pipenv: 'pipenv', pdm: 'pdm', conda: 'conda' };
const ALIASES: Record<string, string> = {
  'xx-cargo': 'cargo', cross: 'cargo', mvnw: 'mvn', 'mvnw.cmd': 'mvn', 'mvn.cmd': 'mvn', gradlew: 'gradle', 'gradlew.bat': 'gradle',
  mamba: 'conda', micromamba: 'conda', 'pip-sync': 'pip-sync', bundler: 'bundle', 'composer.phar': 'composer',
};

/** The tool a simple command runs, looking through `sudo`, `env`, `python -m`, `corepack` and similar wrappers. */
export function toolCommand(cmd: ShellCommand): ToolCommand | undefined {
  let tool = toolCache.get(cmd);
  if (tool === undefined) {
    tool = findTool(cmd) ?? null;
    toolCache.set(cmd, tool);
  }
  return tool ?? undefined;
}

/** `toolCommand` results, once per command: shared, callers must not change them. */
const toolCache = new PerCommand<ToolCommand | null>();

function findTool(cmd: ShellCommand): ToolCommand | undefined {
  const argv = cmd.argv;
  let i = 0;
  const assignments = cmd.assignments;
  for (; i < argv.length; i++) {
    const w = argv[i];
    const name = w.slice(w.lastIndexOf('/') + 1);
    // `${FLAG:+env X=1}` and similar: an expansion in command position (words split inside the braces).
    if (w.startsWith('$') && !w.includes('/')) {
      let depth = braceDepth(w);
      while (depth > 0 && i + 1 < argv.length) depth += braceDepth(argv[++i]);
      continue;
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) && i > 0) continue; // `env NAME=value cmd`: stays in head
    if (!WRAPPERS.has(name)) break;
    if (SKIP_ONE_ARG_WRAPPERS.has(name)) { i++; continue; }
    while (i + 1 < argv.length && argv[i + 1].startsWith('-')) {
      i++;
      if (WRAPPER_VALUE_OPTIONS.has(argv[i]) && (name === 'sudo' || name === 'nice' || name === 'env' || name === 'ionice' || name === 'stdbuf' || name === 'doas')) i++;
    }
  }
  if (i >= argv.length) return undefined;
  const first = commandName({ argv: [argv[i]], assignments: [] });
  if (PYTHON.test(first) && argv[i + 1] === '-m' && PYTHON_MODULES[argv[i + 2]]) {
    return { name: PYTHON_MODULES[argv[i + 2]], head: argv.slice(0, i + 3), args: argv.slice(i + 3), assignments };
  }
  if ((first === 'corepack' || first === 'npx') && (argv[i + 1] === 'pnpm' || argv[i + 1] === 'yarn')) {
    return { name: argv[i + 1], head: argv.slice(0, i + 2), args: argv.slice(i + 2), assignments };
  }
  let name = ALIASES[first] ?? first;
  if (/^pip\d*(\.\d+)?$/.test(name)) name = 'pip';
  return { name, head: argv.slice(0, i + 1), args: argv.slice(i + 1), assignments };
}

function braceDepth(w: string): number {
  return (w.match(/\{/g)?.length ?? 0) - (w.match(/\}/g)?.length ?? 0);
}

/**
 * Splits arguments into options and positionals. `valueOptions` take the next word
 * unless written `--opt=value`; short options glued to their value (`-rfile`) are
 * handled by callers that care.
 */
function splitArgs(args: string[], valueOptions: ReadonlySet<string>): { options: { name: string; value?: string }[]; positionals: string[] } {
  const options: { name: string; value?: string }[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { positionals.push(...args.slice(i + 1)); break; }
    if (a.startsWith('-') && a.length > 1) {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) { options.push({ name: a.slice(0, eq), value: a.slice(eq + 1) }); continue; }
      if (valueOptions.has(a)) { options.push({ name: a, value: args[++i] }); continue; }
      options.push({ name: a });
      continue;
    }
    positionals.push(a);
  }
  return { options, positionals };
}

function optionValue(options: { name: string; value?: string }[], ...names: string[]): string | undefined {
  for (let i = options.length - 1; i >= 0; i--) if (names.includes(options[i].name)) return options[i].value;
  return undefined;
}

function hasOption(options: { name: string }[], ...names: string[]): boolean {
  return options.some(o => names.includes(o.name));
}

export function isLocalPath(arg: string): boolean {
  return arg === '.' || arg === '..' || arg.startsWith('./') || arg.startsWith('../') || arg.startsWith('/') || /^\.\[.*\]$/.test(arg) || /^file:/.test(arg);
}

function display(cmd: ToolCommand): string {
  return [...cmd.head, ...cmd.args].join(' ');
}

/** The project turns out not to be installed itself, so only the manifests are read. */
function readsOnlyManifests(install: DependencyInstall): void {
  if (!install.needsSource) return;
  install.needsSource = false;
  install.depsOnlyArgs = undefined;
}

/** Local files the install reads besides the manifests: no dependencies-only step can run before the copy. */
function readsLocalSources(install: DependencyInstall, reason: string, noDepsOnlyReason: string): void {
  install.needsSource = true;
  install.sourceReason = reason;
  install.depsOnlyArgs = undefined;
  install.noDepsOnlyReason = noDepsOnlyReason;
}

function make(detector: InstallerDetector, cmd: ToolCommand, fields: Partial<DependencyInstall> & { manifests: ManifestRef[] }): DependencyInstall {
  return { detector, command: cmd, needsSource: false, dir: '.', outputs: [], display: display(cmd), ...fields };
}

const req = (names: string[] | string, explicit = false): ManifestRef => ({ names: typeof names === 'string' ? [names] : names, required: true, explicit });
const opt = (...names: string[]): ManifestRef => ({ names, required: false, explicit: false });
const optDir = (name: string): ManifestRef => ({ names: [name], required: false, explicit: false, dir: true });

/** Directory of a relative manifest path, with a trailing slash ('' for the top). */
function dirOf(p: string): string {
  return p.includes('/') ? p.slice(0, p.lastIndexOf('/') + 1) : '';
}

// ---------------------------------------------------------------------------
// Tiny readers for manifest formats: enough to answer yes/no questions, not parsers.

interface TomlTable { name: string; keys: Map<string, string> }

/** Tables of a TOML file with their simple `key = value` lines (values raw, multi-line arrays start only). */
export function tomlTables(text: string): TomlTable[] {
  const tables: TomlTable[] = [{ name: '', keys: new Map() }];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header) { tables.push({ name: header[1].replace(/\s+/g, ''), keys: new Map() }); continue; }
    const kv = /^("?[A-Za-z0-9_.-]+"?)\s*=\s*(.*)$/.exec(line);
    if (kv) tables[tables.length - 1].keys.set(kv[1].replace(/"/g, ''), kv[2]);
  }
  return tables;
}

function table(tables: TomlTable[], name: string): TomlTable | undefined {
  return tables.find(t => t.name === name);
}

/** Dependency tables of a TOML manifest that point at a local directory (`{ path = "../lib" }`). */
function tomlHasPathDependency(tables: TomlTable[], sections: RegExp): boolean {
  for (const t of tables) {
    if (!sections.test(t.name)) continue;
    if (t.keys.has('path')) return true;
    for (const v of t.keys.values()) if (/[{,]\s*path\s*=/.test(v)) return true;
  }
  return false;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? v as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Python

const PIP_VALUE_OPTIONS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '-t', '--target', '--prefix', '--root', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi',
  '--only-binary', '--no-binary', '--progress-bar', '--cache-dir', '--src', '--upgrade-strategy', '-C', '--config-settings',
  '--global-option', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--cert', '--client-cert', '--python',
  '-p', '--index-strategy', '--extra', '--index', '--default-index', '--keyring-provider', '--resolution', '--prerelease',
  '--exclude-newer', '--link-mode', '--compile-bytecode', '--group', '-o', '--overrides', '--build-constraint', '-b',
]);

/** Arguments glued to a short option (`-rrequirements.txt`) are split for the option table. */
function unglue(args: string[]): string[] {
  return args.flatMap(a => (/^-[rce][^-]/.test(a) && !a.startsWith('--') ? [a.slice(0, 2), a.slice(2)] : [a]));
}

/** pip's arguments after `install`/`sync`, and where they start in `cmd.args`. */
function pipRest(cmd: ToolCommand): { sub: string; prefix: string[]; rest: string[] } | undefined {
  if (cmd.name === 'pip-sync') return { sub: 'sync', prefix: [], rest: unglue(cmd.args) };
  const args = cmd.name === 'uv' && cmd.args[0] === 'pip' ? cmd.args.slice(1) : cmd.name === 'pip' ? cmd.args : undefined;
  if (!args || (args[0] !== 'install' && args[0] !== 'sync')) return undefined;
  return { sub: args[0], prefix: cmd.name === 'uv' ? ['pip', args[0]] : [args[0]], rest: unglue(args.slice(1)) };
}

/** The same pip arguments without local project paths (`.`, `-e .`, `./pkg`). */
function withoutLocalPaths(rest: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < rest.length; k++) {
    const a = rest[k];
    if ((a === '-e' || a === '--editable') && isLocalPath(rest[k + 1] ?? '')) { k++; continue; }
    if (a.startsWith('--editable=') && isLocalPath(a.slice(11))) continue;
    if (PIP_VALUE_OPTIONS.has(a)) { out.push(a, rest[++k]); continue; }
    if (!a.startsWith('-') && isLocalPath(a)) continue;
    out.push(a);
  }
  return out.filter(a => a !== undefined);
}

const pip: InstallerDetector = {
  tool: 'pip',
  ecosystem: 'python',
  commands: ['pip install -r requirements.txt', 'pip install -c constraints.txt', 'pip install .', 'python -m pip …', 'uv pip install -r …', 'uv pip sync …', 'pip-sync …'],
  reads: ['the files named with `-r`/`-c` (and the files they include)'],
  optional: [],
  advice: 'install them from a requirements or lock file before `COPY . .`, and install the project after it',
  source: '`pip install .`, `pip install -e .` and other local paths build the project: the dependencies-only step is the same command without the local paths when it also has `-r`, else the same options with `-r requirements.txt` when that file exists.',
  detect(cmd) {
    const parsed = pipRest(cmd);
    if (!parsed) return undefined;
    const { sub, prefix, rest } = parsed;
    const { options, positionals } = splitArgs(rest, PIP_VALUE_OPTIONS);
    const manifests: ManifestRef[] = [];
    for (const o of options) {
      if ((o.name === '-r' || o.name === '--requirement' || o.name === '-c' || o.name === '--constraint') && o.value) manifests.push(req(o.value, true));
    }
    if (sub === 'sync') for (const p of positionals) manifests.push(req(p, true));
    const local = [
      ...options.filter(o => (o.name === '-e' || o.name === '--editable') && o.value && isLocalPath(o.value)).map(o => o.value!),
      ...(sub === 'sync' ? [] : positionals.filter(isLocalPath)),
    ];
    const localLinks = options.filter(o => (o.name === '-f' || o.name === '--find-links') && o.value && isLocalPath(o.value));
    if (!manifests.length && !local.length) return undefined;
    const install = make(this, cmd, { manifests });
    if (local.length || localLinks.length) {
      install.needsSource = true;
      install.sourceReason = local.length ? `\`${local[0]}\` is the project itself, so pip builds it from the source` : `\`--find-links ${localLinks[0].value}\` reads packages from the copied files`;
      if (localLinks.length) install.noDepsOnlyReason = 'the packages come from a local folder';
      // With requirements files, the same install without the local paths installs just the dependencies.
      else if (manifests.length) install.depsOnlyArgs = [...prefix, ...withoutLocalPaths(rest)];
    }
    return install;
  },
  inspect(install, files) {
    // Requirements files may include others (`-r base.txt`, `-c constraints.txt`) or the project (`-e .`).
    const seen = new Set<string>();
    const queue = install.manifests.flatMap(m => m.names);
    while (queue.length) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = files.read(file);
      if (text === undefined) continue;
      const inc = requirementsIncludes(text);
      if (inc.needsSource) {
        install.needsSource = true;
        install.sourceReason = `\`${file}\` installs a local path (\`${inc.localPath}\`), which needs the source`;
        install.depsOnlyArgs = undefined;
        install.noDepsOnlyReason = `\`${file}\` itself refers to the project`;
      }
      for (const f of inc.files) {
        const path = f.startsWith('/') ? f : dirOf(file) + f;
        if (!install.manifests.some(m => m.names.includes(path))) install.manifests.push(req(path, true));
        queue.push(path);
      }
    }
    // `pip install .` with a requirements.txt beside it: the same options with that file install the dependencies.
    if (install.needsSource && !install.manifests.length && !install.noDepsOnlyReason && files.exists('requirements.txt')) {
      const inc = requirementsIncludes(files.read('requirements.txt') ?? '');
      const parsed = pipRest(install.command);
      if (parsed && !inc.needsSource) {
        install.depsOnlyArgs = [...parsed.prefix, ...withoutLocalPaths(parsed.rest), '-r', 'requirements.txt'];
        install.manifests.push(req('requirements.txt'), ...inc.files.map(f => req(f, true)));
      }
    }
    return install;
  },
};

/**
 * Files a requirements file pulls in (`-r other.txt`, `-c constraints.txt`) and whether
 * it installs a local path (`.`, `-e .`, `pkg @ file:///…`).
 */
export function requirementsIncludes(text: string): { files: string[]; needsSource: boolean; localPath?: string } {
  const files: string[] = [];
  let localPath: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const include = /^(?:-r|--requirement|-c|--constraint)(?:\s+|=)?(\S+)/.exec(line);
    if (include) { files.push(include[1]); continue; }
    const editable = /^(?:-e|--editable)(?:\s+|=)?(\S+)/.exec(line);
    const links = /^(?:-f|--find-links)(?:\s+|=)?(\S+)/.exec(line);
    const first = line.split(/\s/)[0];
    const candidate = editable?.[1] ?? links?.[1] ?? first;
    if (!localPath && (isLocalPath(candidate) || /@\s*file:/.test(line))) localPath = candidate;
  }
  return { files, needsSource: localPath !== undefined, localPath };
}

/** A pyproject.toml read for the questions the Python installers ask. */
function pyproject(files: ManifestFiles) {
  const text = files.read('pyproject.toml');
  const tables = text === undefined ? [] : tomlTables(text);
  return {
    text,
    tables,
    isPackage(flagTable: string, flag: string, off: string): boolean {
      const t = table(tables, flagTable);
      const v = t?.keys.get(flag)?.trim();
      if (v === off) return false;
      return true;
    },
    hasBuildSystem: !!table(tables, 'build-system'),
    dynamic: !!table(tables, 'project')?.keys.has('dynamic'),
  };
}

const UV_VALUE_OPTIONS = new Set(['--directory', '--project', '--python', '-p', '--extra', '--group', '--only-group', '--no-group', '--package', '--index', '--default-index', '--index-url', '--extra-index-url', '--find-links', '-f', '--index-strategy', '--keyring-provider', '--resolution', '--prerelease', '--exclude-newer', '--link-mode', '--cache-dir', '--config-file', '--no-install-package', '--reinstall-package', '--refresh-package', '--upgrade-package', '-P', '--python-platform', '--script', '--color', '--allow-insecure-host', '--no-binary-package', '--no-build-package', '--output-format']);

const uvSync: InstallerDetector = {
  tool: 'uv',
  ecosystem: 'python',
  commands: ['uv sync'],
  reads: ['pyproject.toml'],
  optional: ['uv.lock', '.python-version', 'uv.toml'],
  source: 'installs the project too unless `--no-install-project` (or the project has no build system): the dependencies-only step adds `--no-install-project`. Workspaces and path sources get no fix.',
  detect(cmd) {
    if (cmd.name !== 'uv' || cmd.args[0] !== 'sync') return undefined;
    const { options } = splitArgs(cmd.args.slice(1), UV_VALUE_OPTIONS);
    const locked = hasOption(options, '--locked', '--frozen');
    const install = make(this, cmd, {
      manifests: [req('pyproject.toml'), locked ? req('uv.lock') : opt('uv.lock'), opt('.python-version'), opt('uv.toml')],
      dir: optionValue(options, '--directory', '--project') ?? '.',
      outputs: ['.venv'],
    });
    if (!hasOption(options, '--no-install-project', '--no-install-workspace', '--only-group', '--no-install-local')) {
      install.needsSource = true;
      install.sourceReason = '`uv sync` also builds and installs the project itself';
      install.depsOnlyArgs = [...cmd.args, '--no-install-project'];
    }
    return install;
  },
  inspect(install, files) {
    const py = pyproject(files);
    if (py.text === undefined) return install;
    const uv = table(py.tables, 'tool.uv');
    const packaged = uv?.keys.get('package')?.trim() === 'true' || (py.hasBuildSystem && uv?.keys.get('package')?.trim() !== 'false');
    // A project without a build system is not installed, so `uv sync` reads only the manifests.
    if (!packaged) readsOnlyManifests(install);
    if (table(py.tables, 'tool.uv.workspace') || tomlHasPathDependency(py.tables, /^tool\.uv\.sources/) || /workspace\s*=\s*true/.test(py.text)) {
      readsLocalSources(install, 'the project is a uv workspace or has path sources, whose own files uv reads', 'workspace members and path sources must be copied too');
    } else if (install.depsOnlyArgs && py.dynamic) {
      // Dynamic metadata needs a build to check the lock; a frozen sync trusts uv.lock instead.
      if (!files.exists('uv.lock')) { install.depsOnlyArgs = undefined; install.noDepsOnlyReason = 'the project has dynamic metadata and no uv.lock'; }
      else install.depsOnlyArgs = [...install.depsOnlyArgs.filter(a => a !== '--locked'), ...(install.depsOnlyArgs.includes('--frozen') ? [] : ['--frozen'])];
    }
    return install;
  },
};

const POETRY_VALUE_OPTIONS = new Set(['-C', '--directory', '-P', '--project', '-E', '--extras', '--with', '--without', '--only', '-v']);

const poetry: InstallerDetector = {
  tool: 'Poetry',
  ecosystem: 'python',
  commands: ['poetry install', 'poetry sync'],
  reads: ['pyproject.toml'],
  optional: ['poetry.lock', 'poetry.toml'],
  source: 'installs the project too unless `--no-root` (or `package-mode = false`): the dependencies-only step adds `--no-root`. Path dependencies get no fix.',
  detect(cmd) {
    if (cmd.name !== 'poetry' || (cmd.args[0] !== 'install' && cmd.args[0] !== 'sync')) return undefined;
    const { options } = splitArgs(cmd.args.slice(1), POETRY_VALUE_OPTIONS);
    const install = make(this, cmd, {
      manifests: [req('pyproject.toml'), opt('poetry.lock'), opt('poetry.toml')],
      dir: optionValue(options, '-C', '--directory', '-P', '--project') ?? '.',
      outputs: ['.venv'],
    });
    if (!hasOption(options, '--no-root')) {
      install.needsSource = true;
      install.sourceReason = `\`poetry ${cmd.args[0]}\` also installs the project itself`;
      install.depsOnlyArgs = hasOption(options, '--only-root') ? undefined : [...cmd.args, '--no-root'];
      if (!install.depsOnlyArgs) install.noDepsOnlyReason = '`--only-root` installs nothing but the project';
    }
    return install;
  },
  inspect(install, files) {
    const py = pyproject(files);
    if (py.text === undefined) return install;
    if (!py.isPackage('tool.poetry', 'package-mode', 'false')) readsOnlyManifests(install);
    if (tomlHasPathDependency(py.tables, /^tool\.poetry(\.group\.[^.]+)?\.(dev-)?dependencies/)) {
      readsLocalSources(install, 'pyproject.toml has path dependencies, which Poetry installs from the copied files', 'path dependencies must be copied too');
    }
    return install;
  },
};

const pdm: InstallerDetector = {
  tool: 'PDM',
  ecosystem: 'python',
  commands: ['pdm install', 'pdm sync'],
  reads: ['pyproject.toml'],
  optional: ['pdm.lock', 'pdm.toml'],
  source: 'installs the project too unless `--no-self` (or `distribution = false`): the dependencies-only step adds `--no-self`.',
  detect(cmd) {
    if (cmd.name !== 'pdm' || (cmd.args[0] !== 'install' && cmd.args[0] !== 'sync')) return undefined;
    const { options } = splitArgs(cmd.args.slice(1), new Set(['-p', '--project', '-G', '--group', '-L', '--lockfile', '-v']));
    const lockfile = optionValue(options, '-L', '--lockfile');
    const install = make(this, cmd, {
      manifests: [req('pyproject.toml'), lockfile ? req(lockfile, true) : opt('pdm.lock'), opt('pdm.toml')],
      dir: optionValue(options, '-p', '--project') ?? '.',
      outputs: ['.venv', '__pypackages__'],
    });
    if (!hasOption(options, '--no-self')) {
      install.needsSource = true;
      install.sourceReason = `\`pdm ${cmd.args[0]}\` also installs the project itself`;
      install.depsOnlyArgs = [...cmd.args, '--no-self'];
    }
    return install;
  },
  inspect(install, files) {
    const py = pyproject(files);
    if (py.text === undefined) return install;
    const pdmTable = table(py.tables, 'tool.pdm');
    if (pdmTable?.keys.get('distribution')?.trim() === 'false' || /"application"/.test(pdmTable?.keys.get('package-type') ?? '')) readsOnlyManifests(install);
    if (/file:\/\/\/?\$\{PROJECT_ROOT\}/.test(py.text) || tomlHasPathDependency(py.tables, /^tool\.pdm\./)) {
      readsLocalSources(install, 'pyproject.toml has path dependencies, which PDM installs from the copied files', 'path dependencies must be copied too');
    }
    return install;
  },
};

const pipenv: InstallerDetector = {
  tool: 'Pipenv',
  ecosystem: 'python',
  commands: ['pipenv install', 'pipenv sync'],
  reads: ['Pipfile'],
  optional: ['Pipfile.lock'],
  source: 'reads only the Pipfile, unless it has local path packages (`path = "."`): then no fix.',
  detect(cmd) {
    if (cmd.name !== 'pipenv' || (cmd.args[0] !== 'install' && cmd.args[0] !== 'sync')) return undefined;
    const { options, positionals } = splitArgs(cmd.args.slice(1), new Set(['--python', '--pypi-mirror', '-r', '--requirements', '--categories', '--extra-pip-args']));
    if (positionals.length) return undefined; // adding packages, not installing the project's
    const lockNeeded = cmd.args[0] === 'sync' || hasOption(options, '--deploy', '--ignore-pipfile');
    const requirements = optionValue(options, '-r', '--requirements');
    return make(this, cmd, {
      manifests: [req('Pipfile'), lockNeeded ? req('Pipfile.lock') : opt('Pipfile.lock'), ...(requirements ? [req(requirements, true)] : [])],
      outputs: ['.venv'],
    });
  },
  inspect(install, files) {
    const text = files.read('Pipfile');
    if (text !== undefined && /(^|[{,\s])path\s*=/m.test(text)) {
      install.needsSource = true;
      install.sourceReason = 'the Pipfile installs a local path package';
      install.noDepsOnlyReason = 'the Pipfile itself refers to the copied files';
    }
    return install;
  },
};

const conda: InstallerDetector = {
  tool: 'conda',
  ecosystem: 'python',
  commands: ['conda env create -f environment.yml', 'conda env update -f …', 'mamba env create -f …', 'micromamba create|install -f …', 'conda install --file …'],
  reads: ['environment.yml (or the file named with `-f`/`--file`)'],
  optional: [],
  source: 'reads only the environment file, unless its `pip:` section installs a local path (`-e .`): then no fix. `-r` files in the `pip:` section are copied too.',
  detect(cmd) {
    if (cmd.name !== 'conda') return undefined;
    let args = cmd.args;
    const envCommand = args[0] === 'env';
    if (envCommand) args = args.slice(1);
    const sub = args[0];
    if (!['create', 'update', 'install'].includes(sub ?? '')) return undefined;
    const { options } = splitArgs(args.slice(1), new Set(['-f', '--file', '-n', '--name', '-p', '--prefix', '-c', '--channel', '--override-channels', '-r', '--root-prefix']));
    const files = options.filter(o => (o.name === '-f' || o.name === '--file') && o.value).map(o => o.value!);
    if (!files.length && !(envCommand && sub !== 'install')) return undefined;
    const manifests = files.length ? files.map(f => req(f, true)) : [req(['environment.yml', 'environment.yaml'])];
    return make(this, cmd, { manifests });
  },
  inspect(install, files) {
    for (const m of [...install.manifests]) {
      for (const name of m.names) {
        const text = files.read(name);
        if (text === undefined || !/^\s*-\s*pip\s*:/m.test(text)) continue;
        // Entries of the `pip:` list: `- -r requirements.txt`, `- -e .`, `- .`
        for (const line of text.split(/\r?\n/)) {
          const entry = /^\s*-\s+(.+?)\s*$/.exec(line.replace(/\s#.*$/, ''));
          if (!entry) continue;
          const inc = requirementsIncludes(entry[1].replace(/^["']|["']$/g, ''));
          for (const f of inc.files) install.manifests.push(req(f.startsWith('/') ? f : dirOf(name) + f, true));
          if (inc.needsSource) {
            install.needsSource = true;
            install.sourceReason = `\`${name}\` installs a local path with pip (\`${inc.localPath}\`)`;
            install.noDepsOnlyReason = 'the environment file itself refers to the copied files';
          }
        }
      }
    }
    return install;
  },
};

// ---------------------------------------------------------------------------
// JavaScript

/** Root lifecycle scripts npm, yarn and pnpm run during an install. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];
const LOCAL_PROTOCOLS = /^(file|link|portal|patch|workspace):/;

/** What a package.json says that makes an install read more than the manifests. */
function packageJsonNeedsSource(files: ManifestFiles, ignoreScripts: boolean): string | undefined {
  const pkg = parseJson(files.read('package.json'));
  if (!pkg) return undefined;
  const scripts = (pkg.scripts ?? {}) as Record<string, unknown>;
  const script = INSTALL_SCRIPTS.find(s => typeof scripts[s] === 'string');
  if (script && !ignoreScripts) return `package.json has a \`${script}\` script, which the install runs (it usually needs the source)`;
  if (pkg.workspaces) return 'package.json declares workspaces, whose own package.json files the install reads';
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const deps = (pkg[field] ?? {}) as Record<string, unknown>;
    for (const [name, spec] of Object.entries(deps)) {
      if (typeof spec === 'string' && (LOCAL_PROTOCOLS.test(spec) || isLocalPath(spec))) return `the dependency \`${name}\` comes from a local path (\`${spec}\`)`;
    }
  }
  if ((pkg.pnpm as Record<string, unknown> | undefined)?.patchedDependencies) return 'pnpm patches dependencies from files in the project';
  if (files.exists('binding.gyp') && !ignoreScripts) return 'binding.gyp makes the install compile the project\'s native addon';
  return undefined;
}

const NPM_VALUE_OPTIONS = new Set(['--omit', '--include', '--registry', '--cache', '--prefix', '--loglevel', '--userconfig', '--workspace', '-w', '--install-strategy', '--fetch-retries', '--fetch-timeout', '--maxsockets', '--before', '--tag', '--os', '--cpu', '--libc', '--only', '--also']);

const npm: InstallerDetector = {
  tool: 'npm',
  ecosystem: 'node',
  commands: ['npm ci', 'npm install (no package names)'],
  reads: ['package.json'],
  optional: ['package-lock.json', 'npm-shrinkwrap.json', '.npmrc'],
  source: 'needs the source when package.json has install lifecycle scripts (`prepare`, `postinstall`, …), workspaces, local `file:` dependencies or a binding.gyp: then no fix.',
  advice: 'copy what those need too, or run the install with `--ignore-scripts` and the scripts after the full copy',
  detect(cmd) {
    if (cmd.name !== 'npm') return undefined;
    const sub = cmd.args[0];
    if (!['ci', 'clean-install', 'install', 'i', 'isntall'].includes(sub ?? '')) return undefined;
    const { options, positionals } = splitArgs(cmd.args.slice(1), NPM_VALUE_OPTIONS);
    if (positionals.length) return undefined; // installing named packages
    const ci = sub === 'ci' || sub === 'clean-install';
    const install = make(this, cmd, {
      manifests: [req('package.json'), ci ? req(['package-lock.json', 'npm-shrinkwrap.json']) : opt('package-lock.json', 'npm-shrinkwrap.json'), opt('.npmrc')],
      dir: optionValue(options, '--prefix') ?? '.',
      outputs: ['node_modules'],
    });
    if (hasOption(options, '-g', '--global')) {
      install.needsSource = true;
      install.sourceReason = '`npm install -g` without names installs the project itself';
    } else if (hasOption(options, '--workspace', '-w', '--workspaces', '--ws')) {
      install.needsSource = true;
      install.sourceReason = 'the install targets workspaces, whose own files npm reads';
    }
    if (install.needsSource) install.noDepsOnlyReason = install.sourceReason;
    return install;
  },
  inspect(install, files) {
    const reason = packageJsonNeedsSource(files, install.command.args.includes('--ignore-scripts'));
    if (reason) { install.needsSource = true; install.sourceReason = reason; install.noDepsOnlyReason = reason; }
    return install;
  },
};

const YARN_VALUE_OPTIONS = new Set(['--network-timeout', '--cache-folder', '--modules-folder', '--mutex', '--cwd', '--registry', '--network-concurrency', '--mode']);

const yarn: InstallerDetector = {
  tool: 'Yarn',
  ecosystem: 'node',
  commands: ['yarn', 'yarn install', 'yarn --frozen-lockfile', 'yarn install --immutable'],
  reads: ['package.json'],
  optional: ['yarn.lock', '.yarnrc', '.yarnrc.yml', '.npmrc', 'the Yarn release and plugins named in .yarnrc.yml'],
  source: 'needs the source for install scripts, workspaces, local or `patch:` dependencies: then no fix.',
  advice: 'copy what those need too, or install with `--ignore-scripts` and run the scripts after the full copy',
  detect(cmd) {
    if (cmd.name !== 'yarn') return undefined;
    const sub = cmd.args[0];
    if (sub !== undefined && sub !== 'install' && !sub.startsWith('-')) return undefined;
    const { options, positionals } = splitArgs(sub === 'install' ? cmd.args.slice(1) : cmd.args, YARN_VALUE_OPTIONS);
    if (positionals.length) return undefined;
    const immutable = hasOption(options, '--frozen-lockfile', '--immutable', '--pure-lockfile');
    return make(this, cmd, {
      manifests: [req('package.json'), immutable ? req('yarn.lock') : opt('yarn.lock'), opt('.yarnrc'), opt('.yarnrc.yml'), opt('.npmrc')],
      dir: optionValue(options, '--cwd') ?? '.',
      outputs: ['node_modules', '.pnp.cjs', '.pnp.loader.mjs'],
    });
  },
  inspect(install, files) {
    const reason = packageJsonNeedsSource(files, install.command.args.includes('--ignore-scripts'));
    if (reason) { install.needsSource = true; install.sourceReason = reason; install.noDepsOnlyReason = reason; }
    // Yarn 2+ runs the release checked in at `yarnPath`, and loads plugins from files.
    const rc = files.read('.yarnrc.yml') ?? '';
    for (const m of rc.matchAll(/^\s*(?:yarnPath|-?\s*path)\s*:\s*["']?([^"'\s#]+)/gm)) install.manifests.push(req(m[1], true));
    const rcV1 = /^\s*yarn-path\s+["']?([^"'\s#]+)/m.exec(files.read('.yarnrc') ?? '');
    if (rcV1) install.manifests.push(req(rcV1[1], true));
    return install;
  },
};

const pnpm: InstallerDetector = {
  tool: 'pnpm',
  ecosystem: 'node',
  commands: ['pnpm install', 'pnpm i', 'pnpm fetch'],
  reads: ['package.json (not for `pnpm fetch`)', 'pnpm-lock.yaml (for `pnpm fetch`)'],
  optional: ['pnpm-lock.yaml', '.npmrc', 'pnpm-workspace.yaml (settings only)', '.pnpmfile.cjs'],
  source: 'needs the source for install scripts, workspaces (a `packages:` list), local or patched dependencies: then no fix. `pnpm fetch` never does.',
  advice: 'use `pnpm fetch` (it reads only the lockfile) before the full copy, then `pnpm install --offline` after it',
  detect(cmd) {
    if (cmd.name !== 'pnpm') return undefined;
    const sub = cmd.args[0];
    const { options, positionals } = splitArgs(cmd.args.slice(1), new Set(['-C', '--dir', '--filter', '-F', '--reporter', '--store-dir', '--virtual-store-dir', '--registry', '--network-concurrency', '--child-concurrency']));
    const dir = optionValue(options, '-C', '--dir') ?? '.';
    if (sub === 'fetch') {
      return make(this, cmd, { manifests: [req('pnpm-lock.yaml'), opt('.npmrc'), opt('pnpm-workspace.yaml'), opt('.pnpmfile.cjs')], dir });
    }
    if (sub !== 'install' && sub !== 'i') return undefined;
    if (positionals.length) return undefined;
    const frozen = hasOption(options, '--frozen-lockfile');
    const install = make(this, cmd, {
      manifests: [req('package.json'), frozen ? req('pnpm-lock.yaml') : opt('pnpm-lock.yaml'), opt('.npmrc'), opt('pnpm-workspace.yaml'), opt('.pnpmfile.cjs')],
      dir,
      outputs: ['node_modules'],
    });
    if (hasOption(options, '--filter', '-F', '-r', '--recursive')) {
      install.needsSource = true;
      install.sourceReason = 'the install targets workspace packages, whose own files pnpm reads';
      install.noDepsOnlyReason = install.sourceReason;
    }
    return install;
  },
  inspect(install, files) {
    if (install.command.args[0] === 'fetch') return install;
    const reason = packageJsonNeedsSource(files, install.command.args.includes('--ignore-scripts'))
      ?? (/^packages\s*:/m.test(files.read('pnpm-workspace.yaml') ?? '') ? 'pnpm-workspace.yaml lists workspace packages, whose own files pnpm reads' : undefined)
      ?? (/^patchedDependencies\s*:/m.test(files.read('pnpm-workspace.yaml') ?? '') ? 'pnpm patches dependencies from files in the project' : undefined);
    if (reason) { install.needsSource = true; install.sourceReason = reason; install.noDepsOnlyReason = reason; }
    return install;
  },
};

// ---------------------------------------------------------------------------
// Go

const GO_COMPILES = new Set(['build', 'install', 'test', 'vet', 'run', 'generate']);

const go: InstallerDetector = {
  tool: 'Go',
  ecosystem: 'go',
  commands: ['go mod download', 'go build / install / test / run / vet / generate'],
  reads: ['go.mod'],
  optional: ['go.sum'],
  source: '`go build` and friends compile the source (and download modules first): the dependencies-only step is `go mod download`. Local `replace` directives and go.work get no fix; vendored modules are not reported.',
  detect(cmd) {
    if (cmd.name !== 'go') return undefined;
    const sub = cmd.args[0];
    const manifests = [req('go.mod'), opt('go.sum')];
    if (sub === 'mod' && cmd.args[1] === 'download') {
      if (cmd.args.slice(2).some(a => !a.startsWith('-'))) return undefined; // named modules only
      return make(this, cmd, { manifests });
    }
    if (!GO_COMPILES.has(sub ?? '')) return undefined;
    const rest = cmd.args.slice(1);
    // `go install tool@v1.2.3` and `go run pkg@version` build a remote module, not this one.
    if ((sub === 'install' || sub === 'run') && rest.some(a => !a.startsWith('-') && a.includes('@'))) return undefined;
    if (rest.some(a => /^-mod=vendor$/.test(a)) || [...cmd.assignments, ...cmd.head].some(a => /^GOFLAGS=.*-mod=vendor/.test(a))) return undefined;
    const c = rest.indexOf('-C');
    const install = make(this, cmd, {
      manifests,
      dir: c >= 0 && rest[c + 1] ? rest[c + 1] : '.',
      needsSource: true,
      sourceReason: `\`go ${sub}\` compiles the source, downloading the modules first`,
      depsOnlyArgs: c >= 0 ? undefined : ['mod', 'download'],
      noDepsOnlyReason: c >= 0 ? '`-C` moves the build to another folder' : undefined,
    });
    return install;
  },
  inspect(install, files) {
    const mod = files.read('go.mod');
    if (install.needsSource && files.exists('vendor/modules.txt')) return undefined; // modules come from the source tree
    if (files.exists('go.work') || (mod !== undefined && /=>\s*\.{1,2}\//.test(mod))) {
      install.needsSource = true;
      install.sourceReason = files.exists('go.work') ? 'go.work makes Go read every workspace module' : 'go.mod replaces a module with a local directory';
      install.depsOnlyArgs = undefined;
      install.noDepsOnlyReason = 'the local modules must be copied too';
    }
    return install;
  },
};

// ---------------------------------------------------------------------------
// Rust

const CARGO_COMPILES = new Set(['build', 'b', 'test', 't', 'run', 'r', 'check', 'c', 'bench', 'doc', 'zigbuild', 'auditable', 'install']);

const cargo: InstallerDetector = {
  tool: 'Cargo',
  ecosystem: 'rust',
  commands: ['cargo fetch', 'cargo chef cook', 'cargo build / test / run / check / install --path'],
  reads: ['Cargo.toml (for `cargo chef cook`: the recipe)'],
  optional: ['Cargo.lock', 'rust-toolchain.toml', 'rust-toolchain', '.cargo/config.toml', '.cargo/config'],
  source: '`cargo build` compiles the source. Even `cargo fetch` reads the crate\'s targets (`src/main.rs`, `src/lib.rs`) unless Cargo.toml gives every target an explicit `path`, and workspaces read every member: those get no fix.',
  advice: 'cache the dependencies with cargo-chef: `cargo chef prepare` in a planner stage, `cargo chef cook` before `COPY . .`',
  detect(cmd) {
    if (cmd.name !== 'cargo') return undefined;
    const sub = cmd.args[0];
    const toolchain = [opt('rust-toolchain.toml', 'rust-toolchain'), opt('.cargo/config.toml', '.cargo/config')];
    if (sub === 'chef') {
      if (cmd.args[1] !== 'cook') return undefined; // `prepare` is the planner: it is meant to read everything
      const { options } = splitArgs(cmd.args.slice(2), new Set(['--recipe-path', '--target', '--profile', '--features', '--target-dir', '-p', '--package', '--manifest-path']));
      return make(this, cmd, { manifests: [req(optionValue(options, '--recipe-path') ?? 'recipe.json', true), ...toolchain] });
    }
    const manifests = [req('Cargo.toml'), opt('Cargo.lock'), ...toolchain];
    if (sub === 'fetch') return make(this, cmd, { manifests, outputs: ['target'] });
    if (!CARGO_COMPILES.has(sub ?? '')) return undefined;
    if (sub === 'install') {
      const { options, positionals } = splitArgs(cmd.args.slice(1), new Set(['--path', '--version', '--vers', '--git', '--branch', '--tag', '--rev', '--root', '--target', '--features', '-F', '--bin', '--example', '--profile', '-j', '--jobs', '--registry', '--index']));
      if (positionals.length || !hasOption(options, '--path')) return undefined; // a crate from a registry or git
    }
    return make(this, cmd, {
      manifests,
      needsSource: true,
      sourceReason: `\`cargo ${sub}\` compiles the crate from its source`,
      noDepsOnlyReason: 'Cargo reads the crate\'s targets even to fetch, so dependencies cannot be fetched from Cargo.toml alone',
    });
  },
  inspect(install, files) {
    if (install.command.args[0] === 'chef') return install;
    const text = files.read('Cargo.toml');
    if (text === undefined) return install;
    const tables = tomlTables(text);
    const targets = tables.filter(t => /^(lib|bin|example|test|bench)$/.test(t.name));
    const fetchable = !table(tables, 'workspace') && targets.some(t => t.name === 'lib' || t.name === 'bin') && targets.every(t => t.keys.has('path'))
      && !tomlHasPathDependency(tables, /(^|\.)(dependencies|dev-dependencies|build-dependencies)(\.|$)/) && !/^\s*build\s*=/m.test(text) && !files.exists('build.rs');
    if (install.command.args[0] === 'fetch') {
      if (!fetchable) {
        install.needsSource = true;
        install.sourceReason = table(tables, 'workspace') ? 'Cargo.toml is a workspace: `cargo fetch` reads every member crate' : '`cargo fetch` reads the crate\'s targets (src/main.rs, src/lib.rs) and path dependencies, not just Cargo.toml';
        install.noDepsOnlyReason = 'Cargo cannot fetch from Cargo.toml alone here';
      }
    } else if (fetchable) {
      install.depsOnlyArgs = ['fetch'];
      install.noDepsOnlyReason = undefined;
    }
    return install;
  },
};

// ---------------------------------------------------------------------------
// Ruby, PHP

const bundler: InstallerDetector = {
  tool: 'Bundler',
  ecosystem: 'ruby',
  commands: ['bundle install', 'bundle'],
  reads: ['Gemfile (or the file named with `--gemfile`)'],
  optional: ['Gemfile.lock', '.ruby-version', '.bundle/config'],
  source: 'a Gemfile with `gemspec`, `path:` gems or `eval_gemfile` reads project files: then no fix.',
  detect(cmd) {
    if (cmd.name !== 'bundle' || (cmd.args[0] !== undefined && cmd.args[0] !== 'install' && !cmd.args[0].startsWith('-'))) return undefined;
    const { options } = splitArgs(cmd.args[0] === 'install' ? cmd.args.slice(1) : cmd.args, new Set(['--without', '--with', '--path', '--jobs', '-j', '--retry', '--gemfile', '--binstubs', '--standalone', '--trust-policy', '--shebang', '--target-rbconfig']));
    const gemfile = optionValue(options, '--gemfile');
    return make(this, cmd, {
      manifests: gemfile ? [req(gemfile, true), opt(`${gemfile}.lock`)] : [req(['Gemfile', 'gems.rb']), opt('Gemfile.lock', 'gems.locked'), opt('.ruby-version'), opt('.bundle/config')],
      outputs: [optionValue(options, '--path') ?? 'vendor/bundle'],
    });
  },
  inspect(install, files) {
    const text = install.manifests[0].names.map(n => files.read(n)).find(t => t !== undefined);
    if (text === undefined) return install;
    const m = /^\s*(gemspec\b|eval_gemfile\b)|(?:\bpath\s*:|:path\s*=>)/m.exec(text);
    if (m) {
      install.needsSource = true;
      install.sourceReason = m[1]?.startsWith('gemspec') ? 'the Gemfile uses `gemspec`, which loads the project\'s .gemspec (and usually its version file)' : 'the Gemfile loads gems or files from local paths';
      install.noDepsOnlyReason = 'the Gemfile itself refers to the copied files';
    }
    return install;
  },
};

const composer: InstallerDetector = {
  tool: 'Composer',
  ecosystem: 'php',
  commands: ['composer install'],
  reads: ['composer.json'],
  optional: ['composer.lock', 'auth.json'],
  source: 'runs scripts and builds the autoloader from the source unless `--no-scripts --no-autoloader`: the dependencies-only step adds those flags, and the original install after the full copy finishes the job. Path repositories get no fix.',
  detect(cmd) {
    if (cmd.name !== 'composer' || cmd.args[0] !== 'install') return undefined;
    const { options } = splitArgs(cmd.args.slice(1), new Set(['-d', '--working-dir', '--prefer-install', '--ignore-platform-req']));
    const install = make(this, cmd, {
      manifests: [req('composer.json'), opt('composer.lock'), opt('auth.json')],
      dir: optionValue(options, '-d', '--working-dir') ?? '.',
      outputs: ['vendor'],
    });
    const missing = ['--no-scripts', '--no-autoloader'].filter(f => !hasOption(options, f));
    if (missing.length) {
      install.needsSource = true;
      install.sourceReason = '`composer install` runs the project\'s scripts and builds the autoloader from the source';
      install.depsOnlyArgs = [...cmd.args, ...missing];
    }
    return install;
  },
  inspect(install, files) {
    const json = parseJson(files.read('composer.json'));
    const repos = json?.repositories;
    const list = Array.isArray(repos) ? repos : repos && typeof repos === 'object' ? Object.values(repos) : [];
    if (list.some(r => (r as Record<string, unknown> | null)?.type === 'path')) {
      install.needsSource = true;
      install.sourceReason = 'composer.json has path repositories, installed from the copied files';
      install.depsOnlyArgs = undefined;
      install.noDepsOnlyReason = 'path repositories must be copied too';
    }
    return install;
  },
};

// ---------------------------------------------------------------------------
// JVM

/** Options of a Maven or Gradle command line, without its goals or tasks. */
function withoutGoals(args: string[], valueOptions: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    if (valueOptions.has(args[k])) { out.push(args[k], args[++k]); continue; }
    if (args[k].startsWith('-')) out.push(args[k]);
  }
  return out.filter(a => a !== undefined);
}

const MAVEN_DEPS_GOALS = /^(dependency:(go-offline|resolve|resolve-plugins|resolve-sources)|[\w.-]+:go-offline-maven-plugin(:[\w.-]+)?:resolve-dependencies)$/;
const MAVEN_VALUE_OPTIONS = new Set(['-s', '--settings', '-gs', '--global-settings', '-P', '--activate-profiles', '-f', '--file', '-pl', '--projects', '-rf', '--resume-from', '-T', '--threads', '-t', '--toolchains', '-l', '--log-file', '-D', '-b', '--builder']);

const maven: InstallerDetector = {
  tool: 'Maven',
  ecosystem: 'jvm',
  commands: ['mvn dependency:go-offline', 'mvn dependency:resolve', 'mvn package / install / verify / …', './mvnw …'],
  reads: ['pom.xml (or the file named with `-f`)', 'mvnw when run through the wrapper'],
  optional: ['.mvn/ (wrapper, maven.config, extensions)', 'settings file named with `-s`'],
  source: 'build phases compile the source: the dependencies-only step is `mvn dependency:go-offline` with the same options. Multi-module projects get no fix.',
  detect(cmd) {
    if (cmd.name !== 'mvn') return undefined;
    const { options, positionals } = splitArgs(cmd.args, MAVEN_VALUE_OPTIONS);
    if (!positionals.length) return undefined;
    const pom = optionValue(options, '-f', '--file');
    const settings = optionValue(options, '-s', '--settings');
    const wrapper = /mvnw(\.cmd)?$/.test(cmd.head[cmd.head.length - 1]);
    const manifests = [
      pom ? req(pom, true) : req('pom.xml'),
      optDir('.mvn'),
      ...(wrapper ? [req(cmd.head[cmd.head.length - 1].replace(/^\.\//, ''), true)] : []),
      ...(settings ? [req(settings, true)] : []),
    ];
    const install = make(this, cmd, { manifests, outputs: ['target'] });
    if (!positionals.every(p => MAVEN_DEPS_GOALS.test(p))) {
      install.needsSource = true;
      install.sourceReason = `\`${positionals.join(' ')}\` compiles the project`;
      install.depsOnlyArgs = [...withoutGoals(cmd.args, MAVEN_VALUE_OPTIONS), 'dependency:go-offline'];
    }
    return install;
  },
  inspect(install, files) {
    const pom = install.manifests[0].names.map(n => files.read(n)).find(t => t !== undefined);
    if (pom !== undefined && /<modules>/.test(pom)) {
      install.needsSource = true;
      install.sourceReason = 'pom.xml has modules, whose own pom.xml files Maven reads';
      install.depsOnlyArgs = undefined;
      install.noDepsOnlyReason = 'every module\'s pom.xml must be copied too';
    }
    return install;
  },
};

const GRADLE_DEPS_TASKS = /^(dependencies|androidDependencies|buildEnvironment|resolveDependencies|downloadDependencies|:?[\w-]*:?dependencies)$/;
const GRADLE_VALUE_OPTIONS = new Set(['-p', '--project-dir', '-x', '--exclude-task', '-D', '-P', '-g', '--gradle-user-home', '-I', '--init-script', '--console', '--warning-mode', '-c', '--settings-file', '-b', '--build-file', '--max-workers', '--priority', '--configuration']);

const gradle: InstallerDetector = {
  tool: 'Gradle',
  ecosystem: 'jvm',
  commands: ['gradle dependencies', 'gradle build / assemble / bootJar / …', './gradlew …'],
  reads: ['build.gradle or build.gradle.kts', 'gradlew when run through the wrapper'],
  optional: ['settings.gradle(.kts)', 'gradle.properties', 'gradle/ (wrapper, version catalog)', 'buildSrc/'],
  source: 'build tasks compile the source: the dependencies-only step is `gradle dependencies` with the same options (it resolves the dependency graph; some artifacts may still download later). Multi-project builds get no fix.',
  detect(cmd) {
    if (cmd.name !== 'gradle') return undefined;
    const { options, positionals } = splitArgs(cmd.args, GRADLE_VALUE_OPTIONS);
    if (!positionals.length) return undefined;
    const wrapper = /gradlew(\.bat)?$/.test(cmd.head[cmd.head.length - 1]);
    const manifests = [
      req(['build.gradle', 'build.gradle.kts']),
      opt('settings.gradle', 'settings.gradle.kts'),
      opt('gradle.properties'),
      optDir('gradle'),
      optDir('buildSrc'),
      ...(wrapper ? [req(cmd.head[cmd.head.length - 1].replace(/^\.\//, ''), true)] : []),
    ];
    const install = make(this, cmd, { manifests, dir: optionValue(options, '-p', '--project-dir') ?? '.', outputs: ['build', '.gradle'] });
    if (!positionals.every(p => GRADLE_DEPS_TASKS.test(p))) {
      install.needsSource = true;
      install.sourceReason = `\`${positionals.join(' ')}\` compiles the project`;
      install.depsOnlyArgs = [...withoutGoals(cmd.args, GRADLE_VALUE_OPTIONS), 'dependencies'];
    }
    return install;
  },
  inspect(install, files) {
    const settings = ['settings.gradle', 'settings.gradle.kts'].map(n => files.read(n)).find(t => t !== undefined);
    if (settings !== undefined && /^\s*(include|includeBuild)\b/m.test(settings)) {
      install.needsSource = true;
      install.sourceReason = 'settings.gradle includes other projects or builds, whose build files Gradle reads';
      install.depsOnlyArgs = undefined;
      install.noDepsOnlyReason = 'every included project must be copied too';
    }
    return install;
  },
};

/** Every detector, in order; the first that recognises a command wins. */
export const INSTALLERS: readonly InstallerDetector[] = [pip, uvSync, poetry, pdm, pipenv, conda, npm, yarn, pnpm, go, cargo, bundler, composer, maven, gradle];

export function detectInstall(shell: ShellCommand): DependencyInstall | undefined {
  // Installs are built afresh on each call (`inspect` changes them); only "not an install" is remembered.
  if (notInstalls.has(shell)) return undefined;
  const cmd = toolCommand(shell);
  if (cmd) {
    for (const detector of INSTALLERS) {
      const found = detector.detect(cmd);
      if (found) return found;
    }
  }
  notInstalls.add(shell);
  return undefined;
}

const notInstalls = new WeakSet<ShellCommand>();

/** One line per ecosystem, for the rule's documentation. */
export function describeInstallers(): string {
  return INSTALLERS.map(d => `- **${d.tool}** (${d.commands.map(c => `\`${c}\``).join(', ')}): reads ${d.reads.join(', ')}${d.optional.length ? `; also ${d.optional.join(', ')} when present` : ''}. Source: ${d.source}`).join('\n');
}

/**
 * Installs that may rewrite the lockfile they read when it is out of date (`npm install`,
 * `uv sync` without `--locked`…). Moving the full copy after such an install would put the
 * stale lockfile from the context back over the rewritten one, so the reorder is not safe.
 * Returns the locked command to suggest, or undefined when the install keeps the lockfile.
 */
export function lockfileRewriteAdvice(command: ToolCommand): string | undefined {
  const [sub = '', ...rest] = command.args;
  const has = (...flags: string[]) => command.args.some(a => flags.some(f => a === f || a.startsWith(f + '=')));
  switch (command.name) {
    case 'npm': return ['install', 'i', 'in', 'isntall', 'add'].includes(sub) && !rest.some(a => !a.startsWith('-')) ? '`npm ci`' : undefined;
    case 'yarn': return (sub === '' || sub === 'install' || sub.startsWith('-')) && !has('--frozen-lockfile', '--immutable', '--pure-lockfile') ? '`yarn install --frozen-lockfile` (`--immutable` on Yarn 2+)' : undefined;
    case 'pnpm': return ['install', 'i'].includes(sub) && !has('--frozen-lockfile') ? '`pnpm install --frozen-lockfile`' : undefined;
    case 'uv': return sub === 'sync' && !has('--locked', '--frozen') ? '`uv sync --locked`' : undefined;
    case 'pipenv': return sub === 'install' && !has('--deploy', '--ignore-pipfile') ? '`pipenv install --deploy` (or `pipenv sync`)' : undefined;
    case 'bundle': case 'bundler': return (sub === '' || sub === 'install') && !has('--frozen', '--deployment') ? '`bundle install --frozen`' : undefined;
    case 'cargo': return ['fetch', 'build'].includes(sub) && !has('--locked', '--frozen') ? `\`cargo ${sub} --locked\`` : undefined;
    default: return undefined;
  }
}
