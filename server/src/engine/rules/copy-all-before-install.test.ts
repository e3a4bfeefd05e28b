import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from 'dockerfile-utils';
import { DockerfileModel } from '../model';
import { applyEdits } from '../text';
import { toolCommand, detectInstall } from '../knowledge/installers';
import { parseShellCommands } from '../shell/commands';
import { check, fixOnce, lines } from '../testing';

const ID = 'copy-all-before-install';
const REQ = { 'requirements.txt': 'flask\n' };

/** The first fix of the only finding; asserts the fixed text, that it parses alike, that the rule is then quiet, and that fixing again changes nothing. */
function assertFix(before: string, files: Record<string, string> | undefined, expected: string, opts: { safe?: boolean } = {}): void {
  const found = check(ID, before, files);
  assert.equal(found.length, 1, `expected one finding for:\n${before}`);
  const fixes = found[0].fixes?.() ?? [];
  assert.ok(fixes.length, `no fix offered: ${found[0].message}`);
  if (opts.safe !== undefined) assert.equal(fixes[0].safe, opts.safe, `safe: ${fixes[0].title}`);
  const after = applyEdits(before, fixes[0].edits);
  assert.equal(after, expected);
  assert.equal(new DockerfileModel(after).stages.length, new DockerfileModel(before).stages.length, 'the fixed file parses into the same stages');
  const problems = (text: string) => validate(text).map(d => d.message);
  assert.deepEqual(problems(after).filter(m => !problems(before).includes(m)), [], 'the fixed file is as valid as the original');
  const again = check(ID, after, files);
  assert.deepEqual(again.map(f => f.message), [], 'the rule is quiet after its fix');
}

/** The only finding, asserting it offers no fix; returns its message. */
function noFix(text: string, files?: Record<string, string>): string {
  const found = check(ID, text, files);
  assert.equal(found.length, 1, `expected one finding for:\n${text}`);
  assert.deepEqual(found[0].fixes?.() ?? [], [], `expected no fix: ${found[0].message}`);
  return found[0].message;
}

describe(ID, () => {
  describe('pip', () => {
    it('fires on the COPY for pip, pip3, python -m pip and uv pip, with -r and --requirement=', () => {
      for (const install of ['pip install -r requirements.txt', 'pip3 install --requirement=requirements.txt', 'python3 -m pip install -rrequirements.txt', 'uv pip install --system -r requirements.txt', 'uv pip sync requirements.txt', 'pip-sync requirements.txt', 'pip install -c constraints.txt flask']) {
        assert.deepEqual(lines(check(ID, `FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN ${install}\n`)), [3], install);
      }
    });
    it('resolves the manifest path through WORKDIR, absolute destinations and cd', () => {
      assert.equal(check(ID, 'FROM p:1\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n').length, 1);
      assert.equal(check(ID, 'FROM p:1\nCOPY . /app\nRUN cd /app && pip install -r requirements.txt\n').length, 1);
      assert.equal(check(ID, 'FROM p:1\nCOPY . /src\nRUN pip install -r /other/requirements.txt\n').length, 0, 'the manifest does not come from this copy');
      assert.equal(check(ID, 'FROM p:1\nCOPY . /src\nRUN pip install --target /opt/lib flask\n').length, 0, 'option values are not local paths');
    });
    it('does not fire when the manifest is installed first, or in another stage', () => {
      assert.equal(check(ID, 'FROM p:1\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n').length, 0);
      assert.equal(check(ID, 'FROM p:1 AS a\nCOPY . .\nFROM p:1\nRUN pip install -r requirements.txt\n').length, 0);
      assert.equal(check(ID, 'FROM p:1\nCOPY --from=build /app .\nRUN pip install -r requirements.txt\n').length, 0, 'COPY --from is not the build context');
    });
    it('handles continuation lines and exec form', () => {
      assert.equal(check(ID, 'FROM p:1\nCOPY . .\nRUN pip install \\\n    --no-cache-dir \\\n    -r requirements.txt\n').length, 1);
      assertFix('FROM p:1\nCOPY . .\nRUN ["pip", "install", "-r", "requirements.txt"]\n', REQ,
        'FROM p:1\nCOPY requirements.txt .\nRUN ["pip", "install", "-r", "requirements.txt"]\nCOPY . .\n', { safe: true });
    });
    it('the fix keeps flags, destination and the install command, and moves comments with the copy', () => {
      assertFix('FROM p:1\nWORKDIR /app\n# the code\nCOPY --chown=app:app --chmod=644 . /app\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python"]\n', REQ,
        'FROM p:1\nWORKDIR /app\nCOPY --chown=app:app --chmod=644 requirements.txt /app/\nRUN pip install --no-cache-dir -r requirements.txt\n# the code\nCOPY --chown=app:app --chmod=644 . /app\nCMD ["python"]\n', { safe: true });
    });
    it('keeps a --chown that uses an ARG exactly as written', () => {
      assertFix('FROM p:1\nARG USER=app\nWORKDIR /home/$USER\nCOPY --chown=$USER:$USER . .\nRUN pip install --user -r requirements.txt\n', REQ,
        'FROM p:1\nARG USER=app\nWORKDIR /home/$USER\nCOPY --chown=$USER:$USER requirements.txt .\nRUN pip install --user -r requirements.txt\nCOPY --chown=$USER:$USER . .\n');
    });
    it('copies requirements files that the manifest includes (relative to it), and keeps CRLF', () => {
      const files = { 'requirements.txt': '-r base.txt\n-c constraints.txt\nflask\n', 'base.txt': 'x\n', 'constraints.txt': 'y\n' };
      const after = fixOnce(ID, 'FROM p:1\r\nCOPY . .\r\nRUN pip install -r requirements.txt', files);
      assert.equal(after, 'FROM p:1\r\nCOPY requirements.txt base.txt constraints.txt ./\r\nRUN pip install -r requirements.txt\r\nCOPY . .');
      assertFix('FROM p:1\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements/prod.txt\n', { 'requirements/prod.txt': '-r base.txt\n', 'requirements/base.txt': 'x\n' },
        'FROM p:1\nWORKDIR /app\nCOPY requirements/prod.txt requirements/base.txt requirements/\nRUN pip install -r requirements/prod.txt\nCOPY . .\n');
    });
    it('moves the copy past inert instructions and system package installs only', () => {
      const ok = fixOnce(ID, 'FROM p:1\nCOPY . .\nENV A=1\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\nRUN pip install -r requirements.txt\n', REQ);
      assert.match(ok, /COPY requirements\.txt \.\nENV A=1\nRUN apt-get.*\nRUN pip install -r requirements\.txt\nCOPY \. \.\n$/);
      const risky = noFix('FROM p:1\nCOPY . .\nRUN python generate.py\nRUN pip install -r requirements.txt\n', REQ);
      assert.match(risky, /line 3 .*may need the copied files/);
      assertFix('FROM p:1\nWORKDIR /app\nCOPY . .\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/\nRUN uv pip install --system -r requirements.txt\n', REQ,
        'FROM p:1\nWORKDIR /app\nCOPY requirements.txt .\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/\nRUN uv pip install --system -r requirements.txt\nCOPY . .\n');
      noFix('FROM p:1\nWORKDIR /app\nCOPY . .\nCOPY --from=build /out/dist ./dist\nRUN pip install -r requirements.txt\n', REQ);
    });
    it('`ADD . /app` gets a `COPY` for the manifests (the same for plain files), and the ADD moves as written', () => {
      assertFix('FROM p:1\nADD . /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n', REQ,
        'FROM p:1\nCOPY requirements.txt /app/\nWORKDIR /app\nRUN pip install -r requirements.txt\nADD . /app\n');
    });
    it('withholds the fix when another command in the same RUN may need the source', () => {
      const msg = noFix('FROM p:1\nCOPY . .\nRUN pip install -r requirements.txt && python manage.py collectstatic\n', REQ);
      assert.match(msg, /python manage\.py collectstatic.* may need the source/);
      assertFix('FROM p:1\nCOPY . .\nRUN pip install --upgrade pip && pip install -r requirements.txt && rm -rf /root/.cache\n', REQ,
        'FROM p:1\nCOPY requirements.txt .\nRUN pip install --upgrade pip && pip install -r requirements.txt && rm -rf /root/.cache\nCOPY . .\n');
    });
    it('keeps cache mounts as written and does not fire when a bind mount provides the manifest', () => {
      assertFix('FROM p:1\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n', REQ,
        'FROM p:1\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\nCOPY . .\n');
      assert.equal(check(ID, 'FROM p:1\nCOPY . .\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt pip install -r /tmp/requirements.txt\n', REQ).length, 0);
      assert.equal(check(ID, 'FROM p:1\nWORKDIR /app\nCOPY . .\nRUN --mount=type=bind,source=requirements.txt,target=requirements.txt pip install -r requirements.txt\n', REQ).length, 0);
    });
    it('splits `pip install -r requirements.txt .` into the requirements, the copy, then the original', () => {
      assertFix('FROM p:1\nCOPY . .\nRUN pip install -r requirements.txt .\n', REQ,
        'FROM p:1\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install -r requirements.txt .\n', { safe: false });
    });
    it('`pip install .` installs requirements.txt first when there is one, and otherwise explains', () => {
      assertFix('FROM p:1\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .\n', { ...REQ, 'pyproject.toml': '' },
        'FROM p:1\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nRUN pip install --no-cache-dir .\n', { safe: false });
      const msg = noFix('FROM p:1\nWORKDIR /app\nCOPY . .\nRUN pip install -e .\n', { 'pyproject.toml': '' });
      assert.match(msg, /`\.` is the project itself/);
      assert.match(msg, /requirements or lock file/);
    });
    it('offers no fix when the requirements refer to the project, or a manifest is missing from the context', () => {
      const editable = noFix('FROM p:1\nCOPY . .\nRUN pip install -r requirements.txt\n', { 'requirements.txt': '-e .\n' });
      assert.match(editable, /installs a local path/);
      noFix('FROM p:1\nCOPY . .\nRUN pip install -r requirements.txt\n', { 'other.txt': '' });
    });
    it('does not copy a manifest twice when it was already copied', () => {
      assertFix('FROM p:1\nCOPY requirements.txt .\nCOPY . .\nRUN pip install -r requirements.txt\n', REQ, 'FROM p:1\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n');
    });
    it('does not fire for the project install after an earlier dependencies-only install', () => {
      assert.equal(check(ID, 'FROM p:1\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install --no-deps .\n', REQ).length, 0);
      assert.equal(check(ID, 'FROM p:1 AS deps\nCOPY environment.yml .\nRUN conda env create -f environment.yml\nFROM deps\nCOPY . .\nRUN pip install -e .\n').length, 0, 'in a parent stage, another Python tool');
    });
    it('a deps-only and a project install in one RUN: the deps part goes first', () => {
      assertFix('FROM p:1\nCOPY . .\nRUN pip install -r requirements.txt && pip install -e .\n', REQ,
        'FROM p:1\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install -r requirements.txt && pip install -e .\n');
    });
  });

  describe('uv, Poetry, PDM, Pipenv, conda', () => {
    const PACKAGED = '[project]\nname = "app"\nversion = "1"\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n';
    it('uv sync of a packaged project: dependencies with --no-install-project first', () => {
      assertFix('FROM p:1\nWORKDIR /app\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n', { 'pyproject.toml': PACKAGED, 'uv.lock': '', '.python-version': '3.12\n' },
        'FROM p:1\nWORKDIR /app\nCOPY pyproject.toml uv.lock .python-version ./\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked --no-install-project\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n', { safe: false });
    });
    it('uv sync of a project without a build system reads only the manifests: plain reorder', () => {
      assertFix('FROM p:1\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen --no-dev\nCMD ["uv", "run", "app"]\n', { 'pyproject.toml': '[project]\nname = "app"\n', 'uv.lock': '' },
        'FROM p:1\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\nCOPY . .\nCMD ["uv", "run", "app"]\n', { safe: true });
    });
    it('uv: dynamic metadata syncs frozen; workspaces get no fix', () => {
      assertFix('FROM p:1\nCOPY . .\nRUN uv sync --locked\n', { 'pyproject.toml': PACKAGED.replace('version = "1"', 'dynamic = ["version"]'), 'uv.lock': '' },
        'FROM p:1\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --no-install-project --frozen\nCOPY . .\nRUN uv sync --locked\n');
      const msg = noFix('FROM p:1\nCOPY . .\nRUN uv sync --locked\n', { 'pyproject.toml': PACKAGED + '\n[tool.uv.workspace]\nmembers = ["packages/*"]\n', 'uv.lock': '' });
      assert.match(msg, /workspace/);
    });
    it('no two-step fix when a word holds an expansion whose quoting cannot be reproduced', () => {
      const msg = noFix('FROM p:1\nCOPY . .\nRUN poetry install --only $GROUPS\n', { 'pyproject.toml': '[tool.poetry]\nname = "x"\n' });
      assert.match(msg, /run `poetry install --only \$GROUPS --no-root`.*No automatic fix: the command has quoting/);
    });
    it('the uv recommended layout (bind-mounted manifests, then the project) is quiet', () => {
      const text = 'FROM p:1\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    --mount=type=bind,source=uv.lock,target=uv.lock \\\n    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    uv sync --locked --no-install-project\nCOPY . /app\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --locked\n';
      assert.equal(check(ID, text, { 'pyproject.toml': PACKAGED, 'uv.lock': '' }).length, 0);
    });
    it('poetry install: --no-root first; package-mode = false and --no-root reorder; path dependencies explain', () => {
      const files = { 'pyproject.toml': '[tool.poetry]\nname = "app"\n\n[tool.poetry.dependencies]\npython = "^3.12"\n', 'poetry.lock': '', 'poetry.toml': '[virtualenvs]\ncreate = false\n' };
      assertFix('FROM p:1\nWORKDIR /app\nCOPY . .\nRUN poetry install --no-interaction --only main\n', files,
        'FROM p:1\nWORKDIR /app\nCOPY pyproject.toml poetry.lock poetry.toml ./\nRUN poetry install --no-interaction --only main --no-root\nCOPY . .\nRUN poetry install --no-interaction --only main\n');
      assertFix('FROM p:1\nCOPY . .\nRUN poetry install --no-root\n', files, 'FROM p:1\nCOPY pyproject.toml poetry.lock poetry.toml ./\nRUN poetry install --no-root\nCOPY . .\n', { safe: true });
      assertFix('FROM p:1\nCOPY . .\nRUN poetry install\n', { ...files, 'pyproject.toml': files['pyproject.toml'].replace('name = "app"', 'name = "app"\npackage-mode = false') },
        'FROM p:1\nCOPY pyproject.toml poetry.lock poetry.toml ./\nRUN poetry install\nCOPY . .\n');
      const msg = noFix('FROM p:1\nCOPY . .\nRUN poetry install\n', { ...files, 'pyproject.toml': files['pyproject.toml'] + 'lib = { path = "../lib", develop = true }\n' });
      assert.match(msg, /path dependencies/);
    });
    it('pdm install: --no-self first', () => {
      assertFix('FROM p:1\nCOPY . .\nRUN pdm install --prod\n', { 'pyproject.toml': PACKAGED, 'pdm.lock': '' },
        'FROM p:1\nCOPY pyproject.toml pdm.lock ./\nRUN pdm install --prod --no-self\nCOPY . .\nRUN pdm install --prod\n');
    });
    it('pipenv install / sync copy the Pipfile and its lock', () => {
      assertFix('FROM p:1\nCOPY . .\nRUN pipenv install --system --deploy\n', { Pipfile: '[packages]\nflask = "*"\n', 'Pipfile.lock': '{}' },
        'FROM p:1\nCOPY Pipfile Pipfile.lock ./\nRUN pipenv install --system --deploy\nCOPY . .\n', { safe: true });
      noFix('FROM p:1\nCOPY . .\nRUN pipenv sync\n', { Pipfile: '[packages]\napp = {path = ".", editable = true}\n', 'Pipfile.lock': '{}' });
      assert.equal(check(ID, 'FROM p:1\nCOPY . .\nRUN pipenv install gunicorn\n').length, 0, 'adding a named package');
    });
    it('conda, mamba and micromamba environment files, with the pip section', () => {
      const env = 'name: app\ndependencies:\n  - python=3.12\n  - pip\n  - pip:\n    - -r requirements.txt\n';
      assertFix('FROM p:1\nWORKDIR /app\nCOPY . .\nRUN conda env create -f environment.yml && conda clean -afy\n', { 'environment.yml': env, ...REQ },
        'FROM p:1\nWORKDIR /app\nCOPY environment.yml requirements.txt ./\nRUN conda env create -f environment.yml && conda clean -afy\nCOPY . .\n');
      for (const cmd of ['mamba env update -n base --file environment.yml', 'micromamba install -y -n base -f environment.yml', 'conda env create']) {
        assert.equal(check(ID, `FROM p:1\nCOPY . .\nRUN ${cmd}\n`, { 'environment.yml': 'name: x\n' }).length, 1, cmd);
      }
      const msg = noFix('FROM p:1\nCOPY . .\nRUN conda env create -f environment.yml\n', { 'environment.yml': 'dependencies:\n  - pip:\n    - -e .\n' });
      assert.match(msg, /local path with pip/);
    });
  });

  describe('npm, Yarn, pnpm', () => {
    const PKG = { 'package.json': '{"name":"app","dependencies":{"express":"4"}}', 'package-lock.json': '{}' };
    it('npm ci and npm install without package names copy package.json, the lockfile and .npmrc when present', () => {
      assertFix('FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "index.js"]\n', { ...PKG, '.npmrc': 'x' },
        'FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json .npmrc ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "index.js"]\n', { safe: true });
      assertFix('FROM node:22\nCOPY . .\nRUN npm install --omit dev\n', { 'package.json': '{}' }, 'FROM node:22\nCOPY package.json .\nRUN npm install --omit dev\nCOPY . .\n');
      assert.equal(check(ID, 'FROM node:22\nCOPY . .\nRUN npm install express\n', PKG).length, 0, 'installing a named package');
      assert.equal(check(ID, 'FROM node:22\nCOPY . .\nRUN npm install -g pnpm\n', PKG).length, 0);
      assert.equal(check(ID, 'FROM node:22\nCOPY . .\nRUN npm run build\n', PKG).length, 0);
    });
    it('install scripts, workspaces, local dependencies and binding.gyp mean the source is needed: no fix', () => {
      assert.match(noFix('FROM node:22\nCOPY . .\nRUN npm ci\n', { ...PKG, 'package.json': '{"scripts":{"prepare":"husky"}}' }), /`prepare` script/);
      assert.match(noFix('FROM node:22\nCOPY . .\nRUN npm ci\n', { ...PKG, 'package.json': '{"workspaces":["packages/*"]}' }), /workspaces/);
      assert.match(noFix('FROM node:22\nCOPY . .\nRUN npm ci\n', { ...PKG, 'package.json': '{"dependencies":{"lib":"file:../lib"}}' }), /local path/);
      assert.match(noFix('FROM node:22\nCOPY . .\nRUN npm ci\n', { ...PKG, 'binding.gyp': '{}' }), /binding\.gyp/);
      assertFix('FROM node:22\nCOPY . .\nRUN npm ci --ignore-scripts\n', { ...PKG, 'package.json': '{"scripts":{"prepare":"husky"}}' },
        'FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm ci --ignore-scripts\nCOPY . .\n');
    });
    it('a node_modules folder in the context would land on top of the install: fix offered, not automatic, unless .dockerignore has it', () => {
      const files = { ...PKG, 'node_modules/x/index.js': '' };
      const found = check(ID, 'FROM node:22\nCOPY . .\nRUN npm ci\n', files);
      const fix = found[0].fixes!()[0];
      assert.equal(fix.safe, false);
      assert.match(fix.title, /node_modules to \.dockerignore/);
      assert.equal(check(ID, 'FROM node:22\nCOPY . .\nRUN npm ci\n', { ...files, '.dockerignore': 'node_modules\n' })[0].fixes!()[0].safe, true);
    });
    it('manifests excluded by .dockerignore are not copied', () => {
      assertFix('FROM node:22\nCOPY . .\nRUN npm ci\n', { ...PKG, '.npmrc': 'x', '.dockerignore': '.npmrc\n' },
        'FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n');
    });
    it('a monorepo subfolder: `cd api && npm ci` copies api/ manifests into api/', () => {
      assertFix('FROM node:22\nWORKDIR /srv\nCOPY . .\nRUN cd api && npm ci\n', { 'api/package.json': '{}', 'api/package-lock.json': '{}', 'web/package.json': '{}' },
        'FROM node:22\nWORKDIR /srv\nCOPY api/package.json api/package-lock.json api/\nRUN cd api && npm ci\nCOPY . .\n');
      assertFix('FROM node:22\nCOPY . /srv\nRUN npm ci --prefix /srv/api\n', { 'api/package.json': '{}', 'api/package-lock.json': '{}' },
        'FROM node:22\nCOPY api/package.json api/package-lock.json /srv/api/\nRUN npm ci --prefix /srv/api\nCOPY . /srv\n');
    });
    it('yarn (v1 and berry), with the release named by yarnPath', () => {
      assertFix('FROM node:22\nCOPY . .\nRUN yarn --frozen-lockfile --network-timeout 100000\n', { 'package.json': '{}', 'yarn.lock': '' },
        'FROM node:22\nCOPY package.json yarn.lock ./\nRUN yarn --frozen-lockfile --network-timeout 100000\nCOPY . .\n');
      assertFix('FROM node:22\nCOPY . .\nRUN yarn install --immutable\n', { 'package.json': '{}', 'yarn.lock': '', '.yarnrc.yml': 'nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-4.5.0.cjs\n', '.yarn/releases/yarn-4.5.0.cjs': '' },
        'FROM node:22\nCOPY package.json yarn.lock .yarnrc.yml ./\nCOPY .yarn/releases/yarn-4.5.0.cjs .yarn/releases/\nRUN yarn install --immutable\nCOPY . .\n');
      assert.equal(check(ID, 'FROM node:22\nCOPY . .\nRUN yarn build\n', { 'package.json': '{}' }).length, 0);
    });
    it('pnpm install and pnpm fetch; workspaces explain', () => {
      assertFix('FROM node:22\nCOPY . .\nRUN corepack enable && pnpm install --frozen-lockfile\n', { 'package.json': '{}', 'pnpm-lock.yaml': '' },
        'FROM node:22\nCOPY package.json pnpm-lock.yaml ./\nRUN corepack enable && pnpm install --frozen-lockfile\nCOPY . .\n');
      assertFix('FROM node:22\nCOPY . .\nRUN pnpm fetch --prod\n', { 'package.json': '{}', 'pnpm-lock.yaml': '', 'pnpm-workspace.yaml': 'packages:\n  - apps/*\n' },
        'FROM node:22\nCOPY pnpm-lock.yaml pnpm-workspace.yaml ./\nRUN pnpm fetch --prod\nCOPY . .\n');
      assert.match(noFix('FROM node:22\nCOPY . .\nRUN pnpm install --frozen-lockfile\n', { 'package.json': '{}', 'pnpm-lock.yaml': '', 'pnpm-workspace.yaml': 'packages:\n  - apps/*\n' }), /pnpm fetch/);
    });
    it('without a build context: fires, names the manifests, offers no fix for implied lockfiles', () => {
      const msg = noFix('FROM node:22\nCOPY . .\nRUN npm ci\n');
      assert.match(msg, /`package\.json`, `package-lock\.json` or `npm-shrinkwrap\.json` \(and `\.npmrc` if you have them\)/);
      assert.match(msg, /build context is not known/);
      const found = check(ID, 'FROM p:1\nCOPY . .\nRUN pip install -r requirements.txt\n');
      assert.equal(found[0].fixes!()[0].safe, false, 'explicit manifests: offered, not automatic');
    });
  });

  describe('Go, Cargo', () => {
    const GO = { 'go.mod': 'module x\n\ngo 1.22\n', 'go.sum': '' };
    it('go mod download: reorder', () => {
      assertFix('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN go build -o /app .\n', GO, 'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n', { safe: true });
    });
    it('go build: `go mod download` first, keeping the environment prefix and mounts', () => {
      assertFix('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n', GO,
        'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN CGO_ENABLED=0 go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n', { safe: false });
      assertFix('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN ["go", "build", "-o", "/app", "."]\n', GO,
        'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN ["go", "mod", "download"]\nCOPY . .\nRUN ["go", "build", "-o", "/app", "."]\n');
    });
    it('go: local replace and go.work explain; vendoring, module cache mounts and the download-first layout are quiet', () => {
      assert.match(noFix('FROM golang:1.22\nCOPY . .\nRUN go build ./...\n', { ...GO, 'go.mod': 'module x\nreplace y => ./y\n' }), /local directory/);
      assert.equal(check(ID, 'FROM golang:1.22\nCOPY . .\nRUN go build ./...\n', { ...GO, 'vendor/modules.txt': '' }).length, 0);
      assert.equal(check(ID, 'FROM golang:1.22\nCOPY . .\nRUN go build -mod=vendor ./...\n').length, 0);
      assert.equal(check(ID, 'FROM golang:1.22\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod go build ./...\n', GO).length, 0);
      assert.equal(check(ID, 'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /bin/app .\n', GO).length, 0);
      assert.equal(check(ID, 'FROM golang:1.22\nCOPY . .\nRUN go install golang.org/x/tools/gopls@latest\n', GO).length, 0, 'a remote module');
      assert.equal(check(ID, 'FROM golang:1.22\nCOPY . .\nRUN go build ./...\n', { 'main.go': '' }).length, 0, 'no go.mod: GOPATH mode, nothing to copy first');
    });
    it('cargo build explains cargo-chef; cargo fetch reorders only when Cargo.toml stands alone', () => {
      const msg = noFix('FROM rust:1\nCOPY . .\nRUN cargo build --release\n', { 'Cargo.toml': '[package]\nname = "x"\n', 'Cargo.lock': '' });
      assert.match(msg, /compiles the crate/);
      assert.match(msg, /cargo-chef/);
      assert.match(noFix('FROM rust:1\nCOPY . .\nRUN cargo fetch\n', { 'Cargo.toml': '[package]\nname = "x"\n' }), /targets/);
      const explicit = '[package]\nname = "x"\n\n[[bin]]\nname = "x"\npath = "src/main.rs"\n';
      assertFix('FROM rust:1\nCOPY . .\nRUN cargo fetch --locked\n', { 'Cargo.toml': explicit, 'Cargo.lock': '', 'rust-toolchain.toml': '' },
        'FROM rust:1\nCOPY Cargo.toml Cargo.lock rust-toolchain.toml ./\nRUN cargo fetch --locked\nCOPY . .\n');
      assertFix('FROM rust:1\nCOPY . .\nRUN cargo build --release\n', { 'Cargo.toml': explicit, 'Cargo.lock': '' },
        'FROM rust:1\nCOPY Cargo.toml Cargo.lock ./\nRUN cargo fetch\nCOPY . .\nRUN cargo build --release\n');
    });
    it('cargo-chef: prepare is a planner, cook reads the recipe, the build after cook is quiet', () => {
      assert.equal(check(ID, 'FROM chef AS planner\nCOPY . .\nRUN cargo chef prepare --recipe-path recipe.json\n').length, 0);
      const builder = 'FROM chef AS builder\nCOPY --from=planner /app/recipe.json recipe.json\nRUN cargo chef cook --release --recipe-path recipe.json\nCOPY . .\nRUN cargo build --release\n';
      assert.equal(check(ID, builder).length, 0);
      const qdrant = 'FROM chef AS builder\nRUN PKG_CONFIG="/usr/bin/$(xx-info)-pkg-config" \\\n    ${JEMALLOC:+env JEMALLOC="${JEMALLOC}"} \\\n    xx-cargo chef cook --profile $PROFILE --recipe-path recipe.json\nCOPY . .\nRUN ${JEMALLOC:+env JEMALLOC="${JEMALLOC}"} xx-cargo build --profile $PROFILE --bin qdrant\n';
      assert.equal(check(ID, qdrant).length, 0);
      assertFix('FROM chef\nCOPY . .\nRUN cargo chef cook --recipe-path recipe.json\n', { 'recipe.json': '{}' }, 'FROM chef\nCOPY recipe.json .\nRUN cargo chef cook --recipe-path recipe.json\nCOPY . .\n');
    });
  });

  describe('Bundler, Composer, Maven, Gradle', () => {
    it('bundle install copies the Gemfile and its lock; gemspec explains', () => {
      assertFix('FROM ruby:3\nWORKDIR /app\nCOPY . .\nRUN bundle install --jobs 4\n', { Gemfile: 'source "https://rubygems.org"\ngem "rails"\n', 'Gemfile.lock': '' },
        'FROM ruby:3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install --jobs 4\nCOPY . .\n');
      assert.match(noFix('FROM ruby:3\nCOPY . .\nRUN bundle install\n', { Gemfile: 'source "https://rubygems.org"\ngemspec\n' }), /gemspec/);
    });
    it('composer install: --no-scripts --no-autoloader first, then the original', () => {
      assertFix('FROM php:8\nCOPY . .\nRUN composer install --no-dev\n', { 'composer.json': '{}', 'composer.lock': '{}' },
        'FROM php:8\nCOPY composer.json composer.lock ./\nRUN composer install --no-dev --no-scripts --no-autoloader\nCOPY . .\nRUN composer install --no-dev\n', { safe: false });
      assertFix('FROM php:8\nCOPY . .\nRUN composer install --no-scripts --no-autoloader\n', { 'composer.json': '{}' }, 'FROM php:8\nCOPY composer.json .\nRUN composer install --no-scripts --no-autoloader\nCOPY . .\n');
      noFix('FROM php:8\nCOPY . .\nRUN composer install\n', { 'composer.json': '{"repositories":[{"type":"path","url":"../lib"}]}' });
    });
    it('Maven: go-offline reorders (the .mvn folder keeps its name); a build gets go-offline first; modules explain', () => {
      assertFix('FROM maven:3\nWORKDIR /app\nCOPY . .\nRUN mvn -B dependency:go-offline\n', { 'pom.xml': '<project/>', '.mvn/maven.config': '' },
        'FROM maven:3\nWORKDIR /app\nCOPY pom.xml .\nCOPY .mvn .mvn/\nRUN mvn -B dependency:go-offline\nCOPY . .\n');
      assertFix('FROM eclipse-temurin:21\nWORKDIR /app\nCOPY . .\nRUN ./mvnw -B -DskipTests package\n', { 'pom.xml': '<project/>', mvnw: '', '.mvn/wrapper/maven-wrapper.properties': '' },
        'FROM eclipse-temurin:21\nWORKDIR /app\nCOPY pom.xml mvnw ./\nCOPY .mvn .mvn/\nRUN ./mvnw -B -DskipTests dependency:go-offline\nCOPY . .\nRUN ./mvnw -B -DskipTests package\n');
      assert.match(noFix('FROM maven:3\nCOPY . .\nRUN mvn package\n', { 'pom.xml': '<project><modules><module>a</module></modules></project>' }), /modules/);
    });
    it('Gradle: dependencies reorders; a build gets dependencies first; multi-project explains', () => {
      assertFix('FROM gradle:8\nWORKDIR /app\nCOPY . .\nRUN gradle dependencies --no-daemon\n', { 'build.gradle.kts': '', 'settings.gradle.kts': 'rootProject.name = "x"\n', 'gradle/libs.versions.toml': '' },
        'FROM gradle:8\nWORKDIR /app\nCOPY build.gradle.kts settings.gradle.kts ./\nCOPY gradle gradle/\nRUN gradle dependencies --no-daemon\nCOPY . .\n');
      assertFix('FROM eclipse-temurin:21\nWORKDIR /app\nCOPY . .\nRUN ./gradlew --no-daemon bootJar\n', { 'build.gradle': '', gradlew: '', 'gradle/wrapper/gradle-wrapper.properties': '' },
        'FROM eclipse-temurin:21\nWORKDIR /app\nCOPY build.gradle gradlew ./\nCOPY gradle gradle/\nRUN ./gradlew --no-daemon dependencies\nCOPY . .\nRUN ./gradlew --no-daemon bootJar\n');
      assert.match(noFix('FROM gradle:8\nCOPY . .\nRUN gradle build\n', { 'build.gradle': '', 'settings.gradle': 'include("app", "lib")\n' }), /includes other projects/);
    });
  });

  describe('Dockerfile shapes', () => {
    it('multi-stage: only the stage with the problem changes', () => {
      assertFix('FROM node:22 AS web\nWORKDIR /web\nCOPY web/package.json web/package-lock.json ./\nRUN npm ci\n\nFROM python:3.12 AS api\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCOPY --from=web /web/dist ./static\n', REQ,
        'FROM node:22 AS web\nWORKDIR /web\nCOPY web/package.json web/package-lock.json ./\nRUN npm ci\n\nFROM python:3.12 AS api\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCOPY --from=web /web/dist ./static\n');
    });
    it('heredoc RUNs: the copy moves after the heredoc body', () => {
      assertFix('FROM p:1\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nset -e\npip install -r requirements.txt\nEOF\nCMD ["python"]\n', REQ,
        'FROM p:1\nWORKDIR /app\nCOPY requirements.txt .\nRUN <<EOF\nset -e\npip install -r requirements.txt\nEOF\nCOPY . .\nCMD ["python"]\n');
    });
    it('a file with `# escape=`` and backtick continuations', () => {
      assertFix('# escape=`\nFROM p:1\nWORKDIR C:/app\nCOPY . .\nRUN pip install `\n    -r requirements.txt\n', REQ,
        '# escape=`\nFROM p:1\nWORKDIR C:/app\nCOPY requirements.txt .\nRUN pip install `\n    -r requirements.txt\nCOPY . .\n');
    });
    it('ONBUILD: fires on ONBUILD pairs, writes ONBUILD lines, and does not trust this folder as the child\'s context', () => {
      assertFix('FROM p:1\nWORKDIR /app\nONBUILD COPY . /app\nONBUILD RUN pip install -r requirements.txt\n', REQ,
        'FROM p:1\nWORKDIR /app\nONBUILD COPY requirements.txt /app/\nONBUILD RUN pip install -r requirements.txt\nONBUILD COPY . /app\n', { safe: false });
      noFix('FROM node:8\nWORKDIR /usr/src/app\nONBUILD COPY . /usr/src/app\nONBUILD RUN npm install\n', { 'package.json': '{}' });
      assert.equal(check(ID, 'FROM node:8\nWORKDIR /usr/src/app\nONBUILD COPY package.json /usr/src/app/\nONBUILD RUN npm install\nONBUILD COPY . /usr/src/app\n').length, 0);
      assert.equal(check(ID, 'FROM p:1\nONBUILD COPY . .\nRUN pip install -r requirements.txt\n').length, 0, 'an ONBUILD copy runs in another build');
    });
    it('writes new instructions in the file\'s keyword case', () => {
      assertFix('from node:22\ncopy . .\nrun npm ci\n', { 'package.json': '{}', 'package-lock.json': '{}' }, 'from node:22\ncopy package.json package-lock.json ./\nrun npm ci\ncopy . .\n');
      assertFix('from p:1\nonbuild copy . /app\nonbuild run pip install -r /app/requirements.txt\n', undefined, 'from p:1\nonbuild copy requirements.txt /app/\nonbuild run pip install -r /app/requirements.txt\nonbuild copy . /app\n');
    });
    it('reports once per install, on the last full copy before it', () => {
      assert.deepEqual(lines(check(ID, 'FROM p:1\nCOPY . .\nCOPY . .\nRUN pip install -r requirements.txt\n', REQ)), [3]);
    });
    it('can be ignored per instruction', () => {
      assert.equal(check(ID, 'FROM p:1\n# layerwise ignore=copy-all-before-install\nCOPY . .\nRUN pip install -r requirements.txt\n').length, 0);
    });
  });

  describe('knowledge', () => {
    it('looks through sudo, env, python -m, corepack and expansions in command position', () => {
      const tool = (s: string) => { const t = toolCommand(parseShellCommands(s)[0]); return t && [t.name, t.args.join(' ')]; };
      assert.deepEqual(tool('sudo -E python3 -m pip install -r r.txt'), ['pip', 'install -r r.txt']);
      assert.deepEqual(tool('env GOOS=linux go build .'), ['go', 'build .']);
      assert.deepEqual(tool('corepack pnpm install'), ['pnpm', 'install']);
      assert.deepEqual(tool('${X:+env X="${X}"} xx-cargo build'), ['cargo', 'build']);
      assert.deepEqual(tool('/opt/conda/bin/mamba env create -f e.yml'), ['conda', 'env create -f e.yml']);
    });
    it('recognises installs, and leaves other commands alone', () => {
      const d = (s: string) => detectInstall(parseShellCommands(s)[0])?.detector.tool;
      assert.equal(d('npm ci'), 'npm');
      assert.equal(d('yarn'), 'Yarn');
      assert.equal(d('bundle'), 'Bundler');
      assert.equal(d('mvn -B -s settings.xml package'), 'Maven');
      for (const s of ['npm test', 'pip install flask', 'go version', 'cargo install ripgrep', 'poetry config virtualenvs.create false', 'bundle exec rake', 'gradle', 'uv run app']) assert.equal(d(s), undefined, s);
    });
  });
});
