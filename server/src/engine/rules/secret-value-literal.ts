import { defineRule } from '../rule';
import { findCredentials, CREDENTIAL_FORMATS } from '../knowledge/credential-formats';
import { rangeOf } from '../text';

/** Where a value sits decides who can read it. */
const EXPOSURE: Record<string, string> = {
  ENV: 'ENV values are stored in the image configuration, readable by anyone who can pull the image',
  ARG: 'a build argument\'s value is recorded in the image history of every RUN that uses it',
  LABEL: 'labels are stored in the image configuration, readable by anyone who can pull the image',
  RUN: 'the command line is kept in the image history (`docker history`), and whatever it writes stays in a layer',
  COPY: 'the content is written into an image layer',
  ADD: 'the source is recorded in the build history and logs, and fetched content stays in a layer',
  FROM: 'the base image reference is recorded in build logs and metadata',
  CMD: 'the command is stored in the image configuration',
  ENTRYPOINT: 'the command is stored in the image configuration',
  HEALTHCHECK: 'the command is stored in the image configuration',
  SHELL: 'the shell is stored in the image configuration',
};

export default defineRule({
  id: 'secret-value-literal',
  aliases: [],
  category: 'secrets',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'A value in the Dockerfile has the format of a real credential (an access token, a private key, a password in a URL).',
    why: [
      'Whatever a Dockerfile contains ends up somewhere people can read it: the image configuration (`ENV`, `LABEL`),',
      'the image history (`RUN` command lines, `ARG` values used by them), image layers (files written or copied), build',
      'logs, and always the source repository with its whole history. A credential written there has leaked, even if a later',
      'commit or instruction removes it.',
      '',
      '**Revoke and rotate the credential first**: removing it from the file does not un-leak it. Then keep the new one out',
      'of the Dockerfile:',
      '- during the build: `RUN --mount=type=secret,id=api_token,env=API_TOKEN …` with `docker build --secret',
      '  id=api_token,env=API_TOKEN`; the secret is only present while that RUN executes;',
      '- for Git or SSH access: `RUN --mount=type=ssh …` with `docker build --ssh default`;',
      '- at run time: `docker run -e API_TOKEN` or an orchestrator\'s secret store.',
    ].join('\n'),
    bad: [
      'FROM alpine:3.20',
      'ADD https://deploy:Tr0ub4dor-3@artifacts.example.com/app.tar.gz /opt/app.tar.gz',
    ].join('\n'),
    good: [
      'FROM alpine:3.20',
      '# docker build --secret id=artifacts_password,env=ARTIFACTS_PASSWORD .',
      'RUN --mount=type=secret,id=artifacts_password,env=ARTIFACTS_PASSWORD \\',
      '    wget -q -O /opt/app.tar.gz --user deploy --password "$ARTIFACTS_PASSWORD" https://artifacts.example.com/app.tar.gz',
    ].join('\n'),
    notes: [
      'Recognised formats: ' + CREDENTIAL_FORMATS.map(f => f.name).join(', ') + '.',
      'An AWS secret access key has no prefix, so it is recognised only next to its name (`aws_secret_access_key`,',
      '`AWS_SECRET_ACCESS_KEY=`); a JWT only when its header decodes to JSON with a signing algorithm (not `none`).',
      '',
      'Not reported: placeholders and documentation values (AWS\'s `AKIAIOSFODNN7EXAMPLE` and anything containing',
      '`EXAMPLE`, `xxxx`, `<token>`, `${TOKEN}`, `$(cat …)`, `changeme`, `dummy`, runs of one character or of the alphabet),',
      'URL passwords that are variables, equal the user name or are stand-ins (`user:pass@`, `postgres:postgres@`),',
      'Stripe test keys (`sk_test_`), and anything that merely looks random (sha256 digests, GPG fingerprints, base64 data).',
      'Comments are checked too: a credential in a comment is not in the image, but it is in the repository.',
      '',
      'There is no quick fix: the credential must be rotated, and only you know where the new one should come from.',
    ].join('\n'),
  },
  check(ctx) {
    const { model } = ctx;
    for (const found of findCredentials(model.text)) {
      const range = rangeOf(model.lines, found.start, found.end);
      const info = model.instructionAtLine(range.start.line);
      const trigger = info?.keyword === 'ONBUILD'
        ? (info.node as unknown as { getTriggerInstruction(): { getKeyword(): string } | null }).getTriggerInstruction()?.getKeyword().toUpperCase()
        : undefined;
      const keyword = trigger ?? info?.keyword;
      const what = found.description.includes('`') ? found.description : `${found.description} (\`${found.masked}\`, ${found.length} characters)`;
      const where = keyword
        ? `in ${info?.keyword === 'ONBUILD' ? `ONBUILD ${keyword}` : keyword}: ${EXPOSURE[keyword] ?? 'it is part of the image definition'}${info?.keyword === 'ONBUILD' ? ' of every image built from this one' : ''}`
        : 'in a comment: it is not in the image, but anyone with the Dockerfile or its repository history can read it';
      ctx.report({
        range,
        message: `${capitalise(article(what))} is written ${where}. Revoke and rotate it, then pass the new one as a build secret (\`RUN --mount=type=secret\`) or at run time.`,
      });
    }
  },
});

function article(s: string): string {
  return `${/^([aeiou]|npm)/i.test(s) ? 'an' : 'a'} ${s}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
