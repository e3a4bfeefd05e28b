import { defineRule } from '../rule';
import { commandSites, listForMessage, unpinnedArguments, wordsRange, unwrapped } from '../knowledge/command-sites';
import { pipInstall, pipRequirementPinned, pipRequirements, pipxInstall } from '../knowledge/pip';

/** Packaging tools people upgrade before installing the real dependencies. */
const TOOLING = /^(pip|setuptools|wheel|pipx)(\[.*\])?$/i;

/** How to pin one requirement: `name==<version>`, or `url@<tag>` for a VCS URL. */
function suggestion(req: string): string {
  if (/^(git|hg|svn|bzr)(\+[a-z-]+)?:/.test(req)) return `\`${req.replace(/#.*$/, '')}@<tag or commit>\``;
  return `\`${req.replace(/\[.*\]$/, '')}==<version>\``;
}

export default defineRule({
  id: 'pip-version-unpinned',
  aliases: ['DL3013'],
  category: 'correctness',
  severity: 'info',
  fixable: false,
  docs: {
    summary: '`pip install` names a package without a version, so each build may install a different release.',
    why: [
      '`pip install flask` installs the newest Flask on PyPI at build time. A new major release can break the',
      'application the next time the image is built (or a teammate builds it), with no change in the repository to',
      'explain it. Naming the version (`flask==3.0.3`) or a range you have tested (`flask>=3,<4`) keeps builds',
      'repeatable.',
      '',
      'The usual way is a requirements file (`pip install -r requirements.txt`), ideally generated with its whole',
      'dependency tree pinned (`pip-compile`, `pip freeze`, `uv pip compile`); a constraints file (`-c`) does the same',
      'for the packages it lists. Both are accepted here.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'RUN pip install --no-cache-dir flask gunicorn',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'RUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0',
    ].join('\n'),
    notes: [
      'Counts as pinned, as in hadolint: a version operator (`==`, `===`, `~=`, `>=`, `<=`, `>`, `<`, `!=`), a VCS URL',
      'with `@ref`, a wheel or sdist file, and local paths and URLs (`.`, `./pkg`, `https://…/x.zip`). A command with a',
      'constraints file (`-c`) is not checked. Also checked: `pipx install`, and `python -m pip`. Upgrading only pip,',
      'setuptools or wheel (`pip install --upgrade pip`) is reported as a hint: it is common and rarely breaks a build.',
      'A team that pins everything can raise the rule in `.layerwise.yaml` (`rules: {DL3013: warning}`).',
      'Deviations from hadolint: with `-r requirements.txt` hadolint skips the whole command, we still check packages',
      'named beside it (`pip install -r requirements.txt gunicorn`); `git+ssh://git@host/repo` is not pinned by its',
      '`user@` part; a package in a variable the Dockerfile never sets, or in `$(…)`, is not reported.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const pip = pipInstall(c.cmd);
      let loose: string[];
      let installIndex: number;
      let tool: string;
      if (pip) {
        const req = pipRequirements(pip);
        if (req.constrained) continue;
        loose = unpinnedArguments(model, c, req.packages, pipRequirementPinned);
        installIndex = pip.installIndex;
        tool = 'pip install';
      } else {
        const pipx = pipxInstall(c.cmd);
        if (!pipx) continue;
        loose = unpinnedArguments(model, c, pipx.packages, pipRequirementPinned);
        installIndex = pipx.installIndex;
        tool = 'pipx install';
      }
      if (!loose.length) continue;
      const tooling = loose.every(p => TOOLING.test(p));
      ctx.report({
        range: wordsRange(model, c, unwrapped(c.cmd).offset, installIndex),
        severity: tooling ? 'hint' : undefined,
        message: tooling
          ? `\`${tool}\` upgrades ${listForMessage(loose)} to whatever is newest; pin ${loose.length > 1 ? 'them' : 'it'} (\`${loose[0]}==<version>\`) if builds must be repeatable.`
          : `\`${tool}\` does not pin ${listForMessage(loose)}; write ${suggestion(loose[0])} or install from a pinned requirements file.`,
      });
    }
  },
});
