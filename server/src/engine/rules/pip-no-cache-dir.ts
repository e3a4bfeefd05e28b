import { defineRule } from '../rule';
import { flagInsertion } from '../knowledge/command-sites';
import { runScript } from '../run';
import { commandName } from '../shell/commands';
import { disablesPipCache, installsSomething, mountHoldsPipCache, pipInstall, pipNoCacheValue } from '../knowledge/pip';
import { baseStages, lintStages, runSites, variablesAt } from '../knowledge/stages';
import type { Fix } from '../types';

export default defineRule({
  id: 'pip-no-cache-dir',
  aliases: ['DL3042'],
  category: 'size',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: '`pip install` keeps a copy of every downloaded package in its cache, which is saved in the layer.',
    why: [
      'pip keeps each wheel it downloads or builds in `~/.cache/pip` (for root, `/root/.cache/pip`) so the next install on',
      'the same machine can skip the download. In an image there is no next install: the RUN ends, the cache is frozen',
      'into the layer, and the image carries a second copy of your dependencies. For data-science stacks (NumPy,',
      'PyTorch, pandas) that can be hundreds of megabytes.',
      '',
      'Turn the cache off for image builds with `pip install --no-cache-dir ...`, or once for the whole stage with',
      '`ENV PIP_NO_CACHE_DIR=1`. If you want the speed of a cache across builds, use a BuildKit cache mount instead:',
      '`RUN --mount=type=cache,target=/root/.cache/pip pip install ...` keeps the cache in the builder, outside the image',
      '(and then leave `--no-cache-dir` off, or the mount is never used).',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install -r requirements.txt',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
    ].join('\n'),
    fix: 'Adds `--no-cache-dir` right after `install`. Applied by fix-all: the cache only speeds up repeated installs, so the installed packages are the same.',
    context: { 'requirements.txt': 'flask==3.0.0\n' },
    notes: [
      'Quiet when `PIP_NO_CACHE_DIR` is set by ENV in the stage (or a stage it is built `FROM`), on the command',
      '(`PIP_NO_CACHE_DIR=1 pip install`), or by `export` earlier in the RUN; when a cache or tmpfs mount covers pip\'s',
      'cache (`~/.cache/pip`, `~/.cache`, or `$PIP_CACHE_DIR`); and for `pip install` commands that install nothing',
      '(`pip install --help`). `pip install --upgrade pip` does download a wheel into the cache, so it is reported.',
      'Deviation from hadolint: pip turns its cache off for *any* boolean value of `PIP_NO_CACHE_DIR`, `0`, `false`',
      'and `off` included (a compatibility quirk documented in pip\'s source), so those values count as set here;',
      'hadolint still reports them. `uv pip`, `pipx` and `pipenv` are not pip and are not checked.',
      'In a stage that does not end up in the final image the finding is a hint.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    const bases = baseStages(model);
    for (const stage of lintStages(model)) {
      const shipped = stage.isFinal || bases.has(stage);
      for (const site of runSites(stage)) {
        const script = runScript(site.node);
        const vars = variablesAt(model, stage, site.info.index);
        if (pipNoCacheValue(vars.get('PIP_NO_CACHE_DIR'))) continue;
        if (mountHoldsPipCache(script.mounts, vars.get('PIP_CACHE_DIR') ?? undefined)) continue;
        let exported = false;
        script.commands.forEach((cmd, i) => {
          // `export PIP_NO_CACHE_DIR=1` earlier in the same RUN (a bare assignment is not exported, so pip would not see it).
          if (commandName(cmd) === 'export') {
            const own = cmd.argv.slice(1).find(a => a.startsWith('PIP_NO_CACHE_DIR='));
            if (own && pipNoCacheValue(own.slice('PIP_NO_CACHE_DIR='.length))) exported = true;
            return;
          }
          const install = pipInstall(cmd);
          if (!install || exported || disablesPipCache(install) || !installsSomething(install)) return;
          if (install.assignments.some(a => a.startsWith('PIP_NO_CACHE_DIR=') && pipNoCacheValue(a.slice('PIP_NO_CACHE_DIR='.length)))) return;
          const { range, insertAt, insertText } = flagInsertion(model, { node: site.node, range: site.info.range }, script, i, cmd, install.installIndex, '--no-cache-dir');
          ctx.report({
            range,
            severity: shipped || site.onbuild ? undefined : 'hint',
            message: shipped || site.onbuild
              ? '`pip install` saves the downloaded packages in its cache, inside this layer; add `--no-cache-dir` (or set `ENV PIP_NO_CACHE_DIR=1`, or use a cache mount).'
              : '`pip install` keeps its download cache in this layer; the stage is not shipped, so it only costs builder disk space. Add `--no-cache-dir` or use a cache mount.',
            fixes: (): Fix[] => {
              if (insertAt === undefined) return [];
              const at = model.lines.positionAt(insertAt);
              return [{ title: 'Add `--no-cache-dir`', edits: [{ range: { start: at, end: at }, newText: insertText }], safe: true }];
            },
          });
        });
      }
    }
  },
});
