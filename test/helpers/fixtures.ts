/** Dockerfiles and build contexts shared by the LSP and CLI tests. */
import { ALL_RULES } from '../../server/src/engine/rules';

/**
 * Triggers base-image-latest (line 0, warning), copy-all-before-install (line 3, warning, safe fix)
 * and secret-in-env-or-arg (line 5, error: literal value). Line 2 is empty.
 */
export const APP_DOCKERFILE = [
  'FROM python:latest',                                   // 0
  'WORKDIR /app',                                         // 1
  '',                                                     // 2
  'COPY . .',                                             // 3
  'RUN pip install --no-cache-dir -r requirements.txt',   // 4
  'ENV API_TOKEN=abc123',                                 // 5
  'CMD ["python", "main.py"]',                            // 6
  '',
].join('\n');

/** Zero-based lines of the findings in APP_DOCKERFILE. */
export const APP_LINES = { latest: 0, workdir: 1, empty: 2, copy: 3, run: 4, secret: 5 } as const;

/** The build context APP_DOCKERFILE expects next to it. */
export const APP_CONTEXT: Record<string, string> = {
  'requirements.txt': 'flask==3.0.0\n',
  'main.py': 'print("hello")\n',
};

/** No finding from the current rules: pinned base, manifest copied first, no secrets. */
export const CLEAN_DOCKERFILE = [
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'COPY . .',
  'CMD ["python", "main.py"]',
  '',
].join('\n');

/** Only warnings (base-image-latest), no errors. */
export const WARNING_ONLY_DOCKERFILE = 'FROM python:latest\nCMD ["python", "--version"]\n';

/** Two stages, each with its own copy-all-before-install that has a safe fix. */
export const TWO_STAGE_DOCKERFILE = [
  'FROM python:3.12-slim AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN pip install -r requirements.txt',
  '',
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY . .',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'CMD ["python", "main.py"]',
  '',
].join('\n');

/**
 * A `.layerwise.yaml` that turns off every registered rule except `keep`, for tests whose point
 * is "a file with no findings" or "nothing to fix": rules added later must not change their meaning.
 * Reads the registry from the sources, which are what dist/ is built from.
 */
export function onlyRulesConfig(keep: readonly string[] = PROVING_SLICE_RULES): string {
  const off = ALL_RULES.map(r => r.id).filter(id => !keep.includes(id));
  return off.length ? `rules:\n${off.map(id => `  ${id}: off`).join('\n')}\n` : 'rules: {}\n';
}

/** The rules these tests were written against. */
export const PROVING_SLICE_RULES = ['copy-all-before-install', 'base-image-latest', 'base-image-untagged', 'secret-in-env-or-arg'] as const;
