import { contextCopies, copyTakes, describeNotables, dockerignoreFix, excludableNotables, notableIgnoreText, type NotableKind, type NotablePath } from '../context';
import { defineRule } from '../rule';

/** Secrets have their own rule (secret-file-copied); everything else a `.dockerignore` should hold is ours. */
const KINDS: ReadonlySet<NotableKind> = new Set<NotableKind>(['git', 'virtualenv', 'pycache', 'node-modules', 'data', 'model', 'build-output', 'large-file']);

export default defineRule({
  id: 'dockerignore-misses-heavy-paths',
  aliases: [],
  category: 'caching',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'A `.dockerignore` exists, but Git history, virtualenvs, caches, data or other heavy paths in the build context are not excluded, and a COPY takes them.',
    why: [
      'A `.dockerignore` only helps with the paths it actually matches. Anything it misses is sent to the builder,',
      'copied by `COPY . .` (or by a folder copy that contains it) and baked into the layer: the `.git` folder changes',
      'with every commit, `__pycache__` with every run of the code, and both invalidate the copy\'s cache. A local',
      'virtualenv or `node_modules` duplicates what the image installs itself, built for the wrong platform. Data and',
      'model folders and big files make the image, and every build, slower.',
      '',
      'The most common miss comes from writing it like a `.gitignore`. In a `.dockerignore` every pattern is',
      'relative to the context root: `__pycache__` excludes only `./__pycache__`, `*.pyc` only top-level files.',
      'Use `**/__pycache__` and `**/*.pyc` for every depth. A trailing `/` changes nothing, and a later `!pattern`',
      'line brings back what an earlier line excluded.',
    ].join('\n'),
    bad: [
      '# .dockerignore holds `__pycache__`, which only matches at the top level',
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY . .',
      'CMD ["python", "-m", "app"]',
    ].join('\n'),
    good: [
      '# Copy only the application package (or add the missing lines to .dockerignore)',
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY app/main.py app/',
      'CMD ["python", "-m", "app"]',
    ].join('\n'),
    context: {
      '.dockerignore': '__pycache__\n.env\n',
      'requirements.txt': 'flask==3.0.0\n',
      'app/main.py': 'print("hi")\n',
      'app/__pycache__/main.cpython-312.pyc': 'bytecode',
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.venv/pyvenv.cfg': 'home = /usr/bin\n',
    },
    fix: 'Appends the missing lines to the ignore file in effect, `**/__pycache__` style where a path repeats at any depth. Review it: a file the app reads at run time may be among them. (Offered, never applied automatically.)',
    notes: [
      'Needs the build context on disk and stays silent without one, or without a `.dockerignore`',
      '(missing-dockerignore covers that case). Only paths that a `COPY`/`ADD` of this Dockerfile takes from the',
      'context are reported, once each, on the first copy that takes them. Credentials are left to',
      'secret-file-copied. Paths the Dockerfile copies by name are never suggested, and `.git` is kept when a',
      '`RUN` uses `git`. Data or model folders count when they hold data or model files or at least 1 MB; large',
      'files start at 10 MB. A `__pycache__`-only finding is information; anything else is a warning.',
    ].join('\n'),
  },
  check(ctx) {
    const context = ctx.buildContext;
    const ignoreFile = context?.dockerignore();
    if (!context || !ignoreFile) return;
    const copies = contextCopies(ctx.model);
    if (!copies.length) return;
    const scan = context.scanIfReady();
    if (!scan) return;
    const candidates = excludableNotables(ctx.model, scan, KINDS);
    if (!candidates.length) return;
    const reported = new Set<string>();
    for (const copy of copies) {
      const taken = candidates.filter(n => !reported.has(n.path) && copyTakes(copy, n.path));
      if (!taken.length) continue;
      taken.forEach(n => reported.add(n.path));
      const source = copy.sources.find(s => taken.some(n => copyTakes({ ...copy, sources: [s] }, n.path))) ?? copy.sources[0];
      const hint = gitignoreHabit(ignoreFile.patterns, taken);
      ctx.report({
        range: source.range,
        message: `${ignoreFile.path} does not exclude ${describeNotables(taken)}, so \`${copy.display}\` puts ${taken.length > 1 ? 'them' : 'it'} in the image and in this layer's cache key.${hint}`,
        severity: taken.every(n => n.kind === 'pycache') ? 'info' : 'warning',
        fixes: () => {
          const entries = [...new Set(taken.map(n => n.entry))];
          const fix = dockerignoreFix(context, `Add ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''} to ${ignoreFile.path}`, notableIgnoreText(taken));
          return fix ? [fix] : [];
        },
      });
    }
  },
});

/** A pattern such as `__pycache__` written as if it matched at every depth, as in `.gitignore`. */
function gitignoreHabit(patterns: string[], taken: NotablePath[]): string {
  for (const n of taken) {
    if (!n.path.includes('/')) continue;
    const base = n.path.slice(n.path.lastIndexOf('/') + 1);
    const p = patterns.find(p => p.replace(/^\/+|\/+$/g, '') === base);
    if (p) return ` (\`${p}\` only matches at the top of the context; \`**/${base}\` matches at any depth.)`;
  }
  return '';
}
