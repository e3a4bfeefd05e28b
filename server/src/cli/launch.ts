/**
 * The `layerwise` command (dist/cli.js). It runs the CLI bundle (dist/cli-main.js) through a V8
 * code cache: compiling the ~900 KB bundle and the functions one check needs was most of the
 * CLI's own start-up time (docs/performance.md, Benchmarks). The cache is per user
 * ($XDG_CACHE_HOME or ~/.cache, folder `layerwise`), keyed by the bundle's size and modification
 * time, the version and Node's; V8 rejects data from another V8 or flag set. Any problem with the
 * cache only means compiling as before. LAYERWISE_NO_COMPILE_CACHE=1 turns it off.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

declare const __LAYERWISE_VERSION__: string | undefined;

const bundle = path.join(__dirname, 'cli-main.js');
const source = fs.readFileSync(bundle, 'utf8');
const cacheFile = process.env.LAYERWISE_NO_COMPILE_CACHE ? undefined : cacheFileFor(bundle);
let cachedData: Buffer | undefined;
try { if (cacheFile) cachedData = fs.readFileSync(cacheFile); } catch { /* first run */ }

const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
if (cacheFile && (!cachedData || script.cachedDataRejected)) {
  // After the run, so the data holds the functions this run compiled too.
  process.once('exit', () => writeCache(cacheFile, script));
}
// The bundle runs as the main module, as if node had started it directly.
const mainModule = new Module(bundle, module);
mainModule.filename = bundle;
mainModule.paths = module.paths;
const mainRequire = Module.createRequire(bundle);
mainRequire.main = mainModule;
script.runInThisContext()(mainModule.exports, mainRequire, mainModule, bundle, __dirname);

function cacheFileFor(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'layerwise');
    const version = typeof __LAYERWISE_VERSION__ === 'string' ? __LAYERWISE_VERSION__ : 'dev';
    const build = [version, stat.size, Math.round(stat.mtimeMs), process.version, process.arch].join('-');
    // One cache per command: the first run writes it, with the functions that command needed.
    const command = ['check', 'rules', 'explain'].includes(process.argv[2]) ? process.argv[2] : 'other';
    return path.join(dir, `cli-${build}-${command}.v8cache`);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, compiled: vm.Script): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written aside and renamed, so a concurrent run never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, compiled.createCachedData(), { mode: 0o600 });
    fs.renameSync(partial, file);
    // Caches of earlier builds are never read again.
    const build = path.basename(file).replace(/[^-]+\.v8cache$/, '');
    for (const name of fs.readdirSync(path.dirname(file))) {
      if (/^cli-.*\.v8cache$/.test(name) && !name.startsWith(build)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
  } catch { /* a read-only home: no cache, nothing else changes */ }
}
