import { commandName, type ShellCommand } from '../shell/commands';

/**
 * Dependency installs and the manifest files they read. Each detector looks at one
 * simple command of a RUN and says which files in the image it depends on.
 */
export interface DependencyInstall {
  /** Human name of the tool, e.g. `pip`. */
  tool: string;
  /** Paths as written in the command (relative to the command's working directory, or absolute). */
  manifests: string[];
  /** The install also needs the project's source (e.g. `pip install .`). */
  needsSource: boolean;
  /** The command as text, for messages. */
  display: string;
}

const PIP = /^pip(\d+(\.\d+)?)?$/;
const PYTHON = /^python(\d+(\.\d+)?)?$/;

/** The arguments after `pip` for `pip`, `pip3`, `python -m pip` and `uv pip`; undefined if not pip. */
function pipArgs(cmd: ShellCommand): string[] | undefined {
  const name = commandName(cmd);
  const argv = cmd.argv;
  if (PIP.test(name)) return argv.slice(1);
  if (PYTHON.test(name)) {
    const m = argv.indexOf('-m');
    if (m >= 0 && PIP.test(argv[m + 1] ?? '')) return argv.slice(m + 2);
  }
  if (name === 'uv' && argv[1] === 'pip') return argv.slice(2);
  return undefined;
}

export function detectPipInstall(cmd: ShellCommand): DependencyInstall | undefined {
  const args = pipArgs(cmd);
  if (!args || args[0] !== 'install') return undefined;
  const manifests: string[] = [];
  let needsSource = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    const takesFile = (short: string, long: string): string | undefined => {
      if (a === short || a === long) return args[++i];
      if (a.startsWith(long + '=')) return a.slice(long.length + 1);
      if (a.startsWith(short) && a.length > short.length && !a.startsWith('--')) return a.slice(short.length);
      return undefined;
    };
    const file = takesFile('-r', '--requirement') ?? takesFile('-c', '--constraint');
    if (file !== undefined) { manifests.push(file); continue; }
    const editable = takesFile('-e', '--editable');
    if (editable !== undefined) { if (isLocalPath(editable)) needsSource = true; continue; }
    if (!a.startsWith('-') && isLocalPath(a)) needsSource = true;
  }
  if (!manifests.length && !needsSource) return undefined;
  return { tool: 'pip', manifests, needsSource, display: cmd.argv.join(' ') };
}

function isLocalPath(arg: string): boolean {
  return arg === '.' || arg.startsWith('./') || arg.startsWith('../') || arg.startsWith('/') || /^\.\[.*\]$/.test(arg);
}

/** Every detector, in order; the first that recognises a command wins. */
export const INSTALL_DETECTORS: ((cmd: ShellCommand) => DependencyInstall | undefined)[] = [detectPipInstall];

export function detectInstall(cmd: ShellCommand): DependencyInstall | undefined {
  for (const detect of INSTALL_DETECTORS) {
    const found = detect(cmd);
    if (found) return found;
  }
  return undefined;
}

/**
 * Files a requirements file pulls in (`-r other.txt`, `-c constraints.txt`) and whether
 * it installs the local project (`.`, `-e .`), read from the build context.
 */
export function requirementsIncludes(text: string): { files: string[]; needsSource: boolean } {
  const files: string[] = [];
  let needsSource = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const include = /^(?:-r|--requirement|-c|--constraint)(?:\s+|=)?(\S+)/.exec(line);
    if (include) { files.push(include[1]); continue; }
    const editable = /^(?:-e|--editable)(?:\s+|=)?(\S+)/.exec(line);
    if ((editable && isLocalPath(editable[1])) || isLocalPath(line.split(/\s/)[0])) needsSource = true;
  }
  return { files, needsSource };
}
