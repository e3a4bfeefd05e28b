import type { Property } from 'dockerfile-ast';
import { defineRule } from '../rule';
import { isFlagValue, isSecretName, isVariableReference } from '../knowledge/secrets';
import { wholeLines } from '../text';
import type { Fix, Range } from '../types';

export default defineRule({
  id: 'secret-in-env-or-arg',
  aliases: ['DL3064', 'SecretsUsedInArgOrEnv'],
  category: 'secrets',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'A credential is passed through ENV or ARG, where it is stored in the image for anyone who can pull it.',
    why: [
      'An `ENV` value is written into the image configuration: `docker inspect` or `docker history` shows it to anyone who',
      'can pull the image, and every container started from it inherits it. An `ARG` is not kept in the final',
      'environment, but the value given with `--build-arg` is recorded in the history of every layer whose RUN used it.',
      'Deleting the variable in a later instruction does not help: the earlier layers keep it.',
      '',
      'Keep secrets out of the image and hand them over when they are needed:',
      '- at run time: `docker run -e API_TOKEN` (the value comes from your shell) or `docker run --env-file .env`;',
      '- during the build: `RUN --mount=type=secret,id=api_token,env=API_TOKEN ...` with',
      '  `docker build --secret id=api_token,env=API_TOKEN`; the secret exists only while that RUN executes.',
    ].join('\n'),
    bad: 'FROM python:3.12-slim\nENV API_TOKEN=abc123\nCMD ["python", "main.py"]',
    good: 'FROM python:3.12-slim\n# API_TOKEN is provided at run time: docker run -e API_TOKEN ...\nCMD ["python", "main.py"]',
    fix: 'Removes the baked-in value so the secret can be provided at run time (offered, not applied automatically: the container will then need the variable from `docker run -e`).',
    notes: [
      'Names are split into words and judged on them: `API_TOKEN`, `DB_PASSWORD`, `AWS_SECRET_ACCESS_KEY`, `SSH_KEY`,',
      '`BASIC_AUTH` match; `PUBLIC_KEY_PATH`, `TOKENIZERS_PARALLELISM`, `PASSWORD_FILE`, `AUTH_PROVIDER` and the `GPG_KEY`',
      'fingerprints of official images do not. A literal value is an error; an ARG without a default, or an ENV that',
      'forwards another variable, is a warning. A literal that only switches something on or off (`true`, `0`, `off`) is',
      'not reported.',
      '',
      'Compared with BuildKit\'s `SecretsUsedInArgOrEnv` (which matches the words `apikey`, `auth`, `credential(s)`,',
      '`key`, `password`, `pword`, `passwd`, `secret`, `token` unless `public`, `file` or `version` also appears), it agrees',
      'on BuildKit\'s own test cases, and deliberately differs here:',
      '- `KEY` preceded by a word that makes it public or not a secret is not reported: `GPG_KEY`, `PGP_KEY_ID`,',
      '  `OPENSSL_PGP_KEY_IDS` (signing-key fingerprints in official images), reCAPTCHA\'s `SITE_KEY`, `CACHE_KEY`, `SORT_KEY`.',
      '  A bare `KEY` is not reported either.',
      '- `AUTH` counts only as the last word (`BASIC_AUTH`, `NPM_AUTH`); `AUTH_PROVIDER`, `AUTH_MODE` are settings.',
      '- More words mark a name as a reference or a setting: `path`, `dir`, `url`, `host`, `port`, `user`, `id`, `ids`,',
      '  `name`, `type`, `mode`, `disable`, `enable`, `skip`, `ttl`, `timeout`, … (so `TS_DISABLE_TOKEN_AUTHORIZATION=true`',
      '  is quiet).',
      '- camelCase and `-`/`.` separators split words too (`githubToken`); BuildKit splits on `_` only.',
      '- Flag values (`true`, `false`, `0`, `1`, `on`, `off`) are not reported.',
      '',
      'A value that has the format of a real credential (a GitHub token, an AWS key, a private key) is reported',
      'by `secret-value-literal` wherever it appears, whatever the variable is called.',
    ].join('\n'),
  },
  check(ctx) {
    for (const info of ctx.model.instructions) {
      if (info.keyword !== 'ENV' && info.keyword !== 'ARG') continue;
      const properties = (info.node as unknown as { getProperties(): Property[] }).getProperties();
      for (const prop of properties) {
        const name = prop.getName();
        if (!isSecretName(name)) continue;
        const value = prop.getValue() ?? '';
        if (isFlagValue(value)) continue;
        const literal = value !== '' && !isVariableReference(value);
        const forwarded = value !== '' && !literal;
        const message = literal
          ? `${info.keyword} ${name} bakes a credential into the image${info.keyword === 'ENV' ? ' configuration' : ' history'}; pass it at run time (\`docker run -e ${name}\`) or as a build secret.`
          : info.keyword === 'ENV' && forwarded
            ? `ENV ${name} copies a build argument into the image configuration, where anyone who pulls the image can read it; pass it at run time (\`docker run -e ${name}\`).`
            : `${info.keyword} ${name} looks like a credential; values given to it are kept in the image ${info.keyword === 'ARG' ? 'history' : 'configuration'}. Use a build secret (\`RUN --mount=type=secret\`) or \`docker run -e ${name}\`.`;
        ctx.report({
          range: prop.getRange(),
          message,
          severity: literal || (info.keyword === 'ENV' && forwarded) ? 'error' : 'warning',
          fixes: () => removeValueFix(ctx.model.lines, info.range, properties, prop, info.keyword, literal),
        });
      }
    }
  },
});

function removeValueFix(lines: import('../text').LineIndex, instrRange: Range, all: Property[], prop: Property, keyword: string, literal: boolean): Fix[] {
  if (!literal) return [];
  const name = prop.getName();
  if (keyword === 'ARG') {
    // Keep the declaration so builds that pass --build-arg still work; drop only the baked default.
    return [{ title: `Remove the default value of ARG ${name}`, edits: [{ range: prop.getRange(), newText: name }], safe: false }];
  }
  if (all.length === 1) {
    const indent = /^\s*/.exec(lines.lineText(instrRange.start.line))![0];
    return [{
      title: `Remove ENV ${name} (provide it at run time with docker run -e ${name})`,
      edits: [{ range: wholeLines(lines, instrRange.start.line, instrRange.end.line), newText: `${indent}# ${name} is provided at run time: docker run -e ${name}${lines.eol}` }],
      safe: false,
    }];
  }
  // Several variables in one ENV: remove just this one, together with the separator
  // (spaces or a line continuation) between it and its neighbour.
  const i = all.indexOf(prop);
  const range = i > 0
    ? { start: all[i - 1].getRange().end, end: prop.getRange().end }
    : { start: prop.getRange().start, end: all[1].getRange().start };
  return [{
    title: `Remove ${name} from ENV (provide it at run time with docker run -e ${name})`,
    edits: [{ range, newText: '' }],
    safe: false,
  }];
}
