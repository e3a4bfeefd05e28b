import {
  contextCopies, copyTakes, describeNotables, dockerignoreFix, inFinalImage, namedByCopy, notableIgnoreText,
  secretFileLabel, sourceNames, type ContextSource, type NotablePath,
} from '../context';
import { defineRule } from '../rule';

export default defineRule({
  id: 'secret-file-copied',
  aliases: [],
  category: 'secrets',
  severity: 'error',
  fixable: true,
  docs: {
    summary: 'COPY or ADD puts a credential file (`.env`, an SSH or TLS private key, `.npmrc`, `.pypirc`, cloud credentials, `.git-credentials`) into the image.',
    why: [
      'Every file a `COPY` writes is stored in a layer, and every layer ships with the image. Anyone who can pull',
      'it can read the file with `docker save` or `docker cp`, and deleting it in a later `RUN rm` does not help:',
      'the earlier layer still holds it. A `.env` with production keys, an `id_rsa` used to clone a private',
      'repository or an `.npmrc` with a registry token are then as public as the image.',
      '',
      'Credentials reach images in two ways: copied by name (`COPY .npmrc .`), or swept in by `COPY . .` because',
      '`.dockerignore` does not exclude them. For the second, list them in `.dockerignore`. For the first, give',
      'the step that needs the credential a secret mount, which exists only while that `RUN` executes:',
      '',
      '```dockerfile',
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
      '```',
      '',
      'and build with `docker build --secret id=npmrc,src=$HOME/.npmrc .`. For Git over SSH use',
      '`RUN --mount=type=ssh` with `docker build --ssh default`. Settings the app needs when it runs belong in',
      'the environment of the container (`docker run --env-file .env`, or the orchestrator\'s secrets), not in',
      'the image.',
    ].join('\n'),
    bad: [
      '# No .dockerignore: the .npmrc with its token and the .env go in with everything else',
      'FROM node:20-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN npm ci',
      'CMD ["node", "src/index.js"]',
    ].join('\n'),
    good: [
      '# syntax=docker/dockerfile:1',
      'FROM node:20-slim',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
      'COPY src/ ./src/',
      'CMD ["node", "src/index.js"]',
    ].join('\n'),
    context: {
      'package.json': '{"name": "app"}\n',
      'package-lock.json': '{}\n',
      '.npmrc': '//registry.npmjs.org/:_authToken=npm_notARealToken\n',
      '.env': 'DATABASE_URL=postgres://app:pw@db/app\n',
      'src/index.js': 'console.log("hi")\n',
    },
    fix: 'Adds them to `.dockerignore`, creating it if needed. A file copied by name has no automatic fix: move it to a secret mount as shown above. (Offered for files swept in by a folder or whole-context copy, never applied automatically.)',
    notes: [
      'Needs the build context on disk and stays silent without one. Recognised files: `.env` and `.env.*`',
      '(not `.env.example`, `.sample`, `.template`), `id_rsa`/`id_ed25519`/`id_ecdsa`/`id_dsa` (not `.pub`),',
      '`*.pem` and `*.key` holding a private key (certificates are fine), `*.p12`/`*.pfx`/keystores, `.npmrc` and',
      '`.pypirc` holding a token or password (an `.npmrc` that reads `${NPM_TOKEN}` is fine), `.git-credentials`,',
      '`.netrc`, `.aws/credentials`, `.docker/config.json`, Google Cloud credential files and service-account',
      'JSON keys. `COPY --from` reads another stage, not the context, and is not checked.',
      '',
      'The finding is an error when the copy is in the stage that becomes the image (or one it is built',
      'FROM), and a warning in other stages, where the file still sits in that stage\'s layers and build cache.',
    ].join('\n'),
  },
  check(ctx) {
    const context = ctx.buildContext;
    if (!context) return;
    const copies = contextCopies(ctx.model);
    if (!copies.length) return;
    // While the context is being scanned, only copies that name a file are judged (by name and content).
    const scan = context.scanIfReady();
    const found = scan?.notable.filter(n => n.kind === 'secret') ?? [];
    const seen = new Set<string>();
    for (const copy of copies) {
      const severity = inFinalImage(ctx.model, copy.info.stage) ? 'error' as const : 'warning' as const;
      const where = severity === 'error' ? 'the image' : 'this stage\'s layers';
      // Named: `COPY .env .`, `COPY *.pem /certs/`.
      for (const source of copy.sources) {
        if (source.path === '' || source.path === '*') continue;
        const named = namedSecrets(source, found, p => context.readText(p), p => context.isIgnored(p));
        if (!named.length) continue;
        named.forEach(n => seen.add(n.path));
        ctx.report({
          range: source.range,
          severity,
          message: `\`${copy.display}\` puts ${describeNotables(named)} into ${where}, readable by anyone who can pull it. Give the step that needs it \`RUN --mount=type=secret\`, or pass it when the container runs.`,
        });
      }
      // Swept in by a folder or whole-context copy.
      if (!scan) continue;
      const swept = found.filter(n => !seen.has(n.path) && copyTakes(copy, n.path) && !namedByCopy(ctx.model, n.path));
      if (!swept.length) continue;
      swept.forEach(n => seen.add(n.path));
      const source = copy.sources.find(s => swept.some(n => copyTakes({ ...copy, sources: [s] }, n.path))) ?? copy.sources[0];
      const ignoreFile = context.dockerignore();
      ctx.report({
        range: source.range,
        severity,
        message: `\`${copy.display}\` takes ${describeNotables(swept)} from the build context into ${where}${ignoreFile ? `: ${ignoreFile.path} does not exclude ${swept.length > 1 ? 'them' : 'it'}` : ', and there is no .dockerignore'}. Exclude ${swept.length > 1 ? 'them' : 'it'} there; build steps that need a credential get it with \`RUN --mount=type=secret\`.`,
        fixes: () => {
          const names = swept.map(n => n.entry);
          const fix = dockerignoreFix(context, `Exclude ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''} in ${ignoreFile?.path ?? 'a new .dockerignore'}`, notableIgnoreText(swept));
          return fix ? [fix] : [];
        },
      });
    }
  },
});

/** Secrets a source names itself: a literal path, or a wildcard matching files the scan found. */
function namedSecrets(source: ContextSource, found: NotablePath[], read: (p: string) => string | undefined, ignored: (p: string) => boolean): NotablePath[] {
  if (!/[*?[\\]/.test(source.path)) {
    if (ignored(source.path)) return [];
    const hit = found.find(n => n.path === source.path);
    if (hit) return [hit];
    // Not seen by the scan (bounded, or the file is missing): judge by name and content.
    const label = secretFileLabel(source.path, () => read(source.path));
    return label ? [{ kind: 'secret', path: source.path, isDir: false, bytes: 0, files: 1, label, entry: source.path }] : [];
  }
  return found.filter(n => sourceNames(source.path, n.path));
}
