import { isAbsolute } from 'node:path';
import { contextCopies, describeNotables, dockerignoreFix, escapeIgnoreEntry, excludableNotables, formatBytes, notableIgnoreText } from '../context';
import { defineRule } from '../rule';

export default defineRule({
  id: 'missing-dockerignore',
  aliases: [],
  category: 'caching',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'The whole build context is copied, and there is no `.dockerignore` to keep Git history, virtualenvs, secrets and data out of it.',
    why: [
      '`COPY . .` takes everything in the build context: the folder you build from, minus what `.dockerignore` lists.',
      'Without that file, "everything" includes things the running app never needs: the `.git` folder, a local',
      '`venv/`, `__pycache__` folders, `node_modules`, `.env` files with real credentials, and data or model folders',
      'that can weigh gigabytes.',
      '',
      'That costs three ways. The whole context is sent to the builder before the build starts, so a big `data/`',
      'folder makes every build slow. The layer the copy creates is keyed on all of those files, so a new Git commit',
      'or a rewritten `.pyc` file invalidates it and every layer after it. And whatever was copied ships with the',
      'image: size for everyone who pulls it, and a leak for anything secret.',
      '',
      'A `.dockerignore` next to the Dockerfile fixes all three. Its patterns are relative to the context root,',
      'unlike `.gitignore`: `__pycache__` only matches at the top, `**/__pycache__` matches at any depth.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY . .',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    good: [
      '# Either keep COPY . . and add a .dockerignore (.git, .env, venv, **/__pycache__),',
      '# or copy only what the app needs:',
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY main.py .',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    context: {
      'requirements.txt': 'flask==3.0.0\n',
      'main.py': 'print("hi")\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'venv/pyvenv.cfg': 'home = /usr/bin\n',
      'venv/lib/site.py': '\n',
      '.env': 'API_KEY=not-for-images\n',
    },
    fix: 'Creates `.dockerignore` listing what is actually in the context, grouped with a comment each, plus the Dockerfile and `.dockerignore` themselves, which the builder reads without copying. It leaves out anything this Dockerfile copies by name (`COPY models/ ...`) and keeps `.git` when a `RUN` uses `git`. Review it: a file the app reads at run time may be among them. (Offered, never applied automatically.)',
    notes: [
      'The rule needs the build context on disk (the folder of the Dockerfile) and stays silent without it.',
      'It fires on the first `COPY` or `ADD` whose source is the whole context (`.`, `./`, `*`), in any stage;',
      '`COPY --from` reads another stage, not the context. A `<Dockerfile>.dockerignore` beside the Dockerfile',
      '(which BuildKit prefers) counts as well. The finding is a warning when the context holds something the',
      'image should not (Git history, virtualenvs, caches, `node_modules`, credentials, data, build output, files',
      'of 10 MB or more) and information otherwise.',
    ].join('\n'),
  },
  check(ctx) {
    const context = ctx.buildContext;
    if (!context) return;
    const copy = contextCopies(ctx.model).find(c => c.whole);
    if (!copy || context.dockerignore()) return;
    const source = copy.sources.find(s => s.path === '' || s.path === '*')!;
    const scan = context.scanIfReady();
    if (!scan) return;
    const present = excludableNotables(ctx.model, scan);
    const what = `\`${copy.display}\``;
    const total = `${scan.truncated ? 'at least ' : ''}${scan.files} files, ${formatBytes(scan.bytes)}`;
    const message = present.length
      ? `${what} copies the whole build context (${total}) and there is no .dockerignore: ${describeNotables(present)} go into the image and into this layer's cache key. Add a .dockerignore.`
      : `${what} copies the whole build context (${total}) and there is no .dockerignore, so the next \`.git\`, virtualenv or \`.env\` that appears here goes into the image. Add a .dockerignore.`;
    ctx.report({
      range: source.range,
      message,
      severity: present.length ? 'warning' : 'info',
      fixes: () => {
        // The Dockerfile itself, when it lives in the context: editing it then no longer changes this layer.
        const own: string[] = [];
        if (context.dockerfile && !isAbsolute(context.dockerfile)) own.push(escapeIgnoreEntry(context.dockerfile));
        own.push('.dockerignore');
        const text = notableIgnoreText(present, [{ comment: 'Read by the builder, not needed in the image', entries: own }]);
        const fix = dockerignoreFix(context, 'Create .dockerignore for this build context', text);
        return fix ? [fix] : [];
      },
    });
  },
});
