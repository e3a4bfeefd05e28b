// Random but plausible Dockerfiles: instruction sequences drawn from a small grammar of what
// real files contain (and the odd things editors see half-typed), so the fuzzer reaches deep
// into the rules instead of stopping at the parser.
import fc from 'fast-check';

const IMAGES = [
  'alpine', 'ubuntu', 'debian', 'python', 'node', 'golang', 'scratch', 'nvidia/cuda', 'ghcr.io/acme/app',
  'registry.example.com:5000/team/base', '$BASE', '${BASE_IMAGE}', '${IMG:-python}', 'builder', 'build', '',
];
const TAGS = [
  '', ':latest', ':3.12', ':3.12-slim', ':3.12-alpine', ':22.04', ':20-bookworm', ':12.2.0-devel-ubuntu22.04',
  ':1', ':', ':${TAG}', ':$VERSION-slim', `@sha256:${'a'.repeat(64)}`, '@sha256:bad', ':latest@sha256:',
];
const COMMANDS = [
  'apt-get update', 'apt-get install -y curl ca-certificates', 'apt-get install python3=3.11.2-1',
  'rm -rf /var/lib/apt/lists/*', 'apk add --no-cache git', 'apk add build-base', 'yum install -y gcc', 'dnf install make',
  'pip install -r requirements.txt', 'pip install --no-cache-dir flask==3.0', 'pip3 install .', 'npm ci', 'npm install',
  'yarn install --frozen-lockfile', 'go build -o /out ./...', 'cargo build --release', 'make -j$(nproc)',
  'curl -fsSL https://example.com/install.sh | sh', 'wget http://example.com/x.tar.gz', 'wget -qO- https://x | bash',
  'cd /app', 'cd src', 'echo "$HOME" > /tmp/x', "echo 'single quoted'", 'echo ${VAR:-default}', 'echo ${VAR:?}',
  'sudo make install', 'chmod 777 /app', 'chown -R app:app /app', 'useradd -m app', 'ln -s /a /b',
  'export PATH=/opt/bin:$PATH', 'source venv/bin/activate', 'git clone https://github.com/acme/x', 'ssh-keyscan github.com',
  'python -m venv /venv', 'pip install --user poetry', 'poetry install', 'mkdir -p /data', 'true', 'exit 1', '[ -f x ]',
  'for f in *; do echo $f; done', 'if [ -n "$A" ]; then echo a; fi', 'cat <<EOF > /x', '$(echo sub)', '`echo tick`',
  'echo "unterminated', "echo 'unterminated", 'echo \\$literal', 'a=1 b=2 env', '{ echo a; echo b; }', 'case $x in a) ;; esac',
];
const JOINERS = [' && ', ' ; ', ' || ', ' | ', ' \\\n    && ', ' &&\\\n ', ' \\\n', ' & ', '\n'];
const PATHS = ['/app', '/app/', 'app', '.', '/', '~', '$HOME', '${WORKDIR}', '/usr/src/app', 'C:\\app', '/opt/$NAME', ''];
const SOURCES = [
  '.', './', 'package.json', 'package*.json', 'requirements.txt', 'go.mod go.sum', '*.py', 'src/', '.env', 'id_rsa',
  '.npmrc', 'https://example.com/file.tar.gz', 'git@github.com:acme/repo.git', '--from=build /out', '$SRC', '[', '"quoted path"',
];
const COPY_FLAGS = ['', '--from=builder ', '--from=0 ', '--from=nope ', '--chown=app:app ', '--chmod=755 ', '--link ', '--parents ', '--exclude=*.md ', '--from= ', '--chown=$USER '];
const RUN_FLAGS = [
  '', '--mount=type=cache,target=/root/.cache/pip ', '--mount=type=secret,id=token ', '--mount=type=bind,source=.,target=/src ',
  '--mount=type=ssh ', '--network=none ', '--security=insecure ', '--mount= ', '--mount=type=cache ', '--mount=type=tmpfs,target=/t ',
];
const KEYS = ['PATH', 'HOME', 'APP_ENV', 'DB_PASSWORD', 'API_TOKEN', 'SECRET_KEY', 'AWS_SECRET_ACCESS_KEY', 'PORT', 'VERSION', 'TARGETPLATFORM', 'BUILDPLATFORM', 'x', '', '1BAD', 'A-B'];
const VALUES = [
  '1', 'production', '/usr/local/bin:$PATH', '"quoted value"', "'single'", 'hunter2', 'ghp_' + 'A'.repeat(36),
  'AKIAIOSFODNN7EXAMPLE', '${OTHER}', '$OTHER/suffix', '${A:-${B:-c}}', '', 'a\\ b', '"unterminated',
  'postgres://user:pass@db/x', '${', '$', '}', '"${X}"',
];
const COMMENTS = [
  '# a comment', '# hadolint ignore=DL3008,DL3015', '# layerwise ignore=apt-update-alone', '# layerwise ignore-file=base-image-latest',
  '# check=skip=all', '# check=error=true', '# syntax=docker/dockerfile:1', '# escape=`', '# escape=\\', '#', '#!/bin/sh',
];
const KEYWORDS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER',
  'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'from', 'Run', 'FORM', 'COPPY',
];

const pick = <T>(list: readonly T[]) => fc.constantFrom(...list);
const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_.-]{0,7}$/);

const shellScript = fc.array(pick(COMMANDS), { minLength: 1, maxLength: 5 })
  .chain(cmds => fc.array(pick(JOINERS), { minLength: cmds.length - 1, maxLength: cmds.length - 1 })
    .map(joins => cmds.map((c, i) => (i ? joins[i - 1] : '') + c).join('')));

const execForm = fc.array(fc.oneof(pick(['sh', '-c', 'python', 'app.py', '--port', '8080', '$PORT', '/bin/bash', '']), name), { maxLength: 4 })
  .chain(parts => pick(['"', "'", '']).map(q => `[${parts.map(p => `${q}${p}${q}`).join(', ')}]`));

const heredoc = fc.tuple(pick(['EOF', 'EOT', '"EOF"', "'EOF'", '-EOF', 'END']), shellScript, fc.boolean())
  .map(([marker, body, closed]) => {
    const bare = marker.replace(/^-/, '').replace(/["']/g, '');
    return `<<${marker}\n${body}\n${closed ? bare : ''}`;
  });

const from = fc.tuple(pick(['', '--platform=linux/amd64 ', '--platform=$BUILDPLATFORM ', '--platform=$TARGETPLATFORM ', '--platform= ']), pick(IMAGES), pick(TAGS), fc.option(fc.oneof(name, pick(['builder', 'build', 'Final', 'base'])), { nil: undefined }))
  .map(([flag, image, tag, as]) => `FROM ${flag}${image}${tag}${as === undefined ? '' : ` AS ${as}`}`);

const run = fc.tuple(pick(RUN_FLAGS), fc.oneof({ weight: 4, arbitrary: shellScript }, { weight: 1, arbitrary: execForm }, { weight: 2, arbitrary: heredoc }))
  .map(([flag, body]) => `RUN ${flag}${body}`);

const copy = fc.tuple(pick(['COPY', 'ADD']), pick(COPY_FLAGS), fc.array(pick(SOURCES), { minLength: 0, maxLength: 3 }), pick(PATHS), fc.boolean())
  .map(([kw, flag, sources, dest, json]) => json
    ? `${kw} ${flag}[${[...sources, dest].map(s => JSON.stringify(s)).join(', ')}]`
    : `${kw} ${flag}${[...sources, dest].join(' ')}`);

const pair = fc.tuple(pick(KEYS), pick(VALUES), pick(['=', ' ', '=', '']));
const keyValue = fc.tuple(pick(['ENV', 'ARG', 'LABEL']), fc.array(pair, { minLength: 0, maxLength: 3 }))
  .map(([kw, pairs]) => `${kw} ${pairs.map(([k, v, sep]) => (kw === 'ARG' && sep === ' ' ? k : `${k}${sep}${v}`)).join(' ')}`);

const simple = fc.oneof(
  pick(PATHS).map(p => `WORKDIR ${p}`),
  pick(['root', '1000', 'app', 'app:app', '0:0', '$USER', '']).map(u => `USER ${u}`),
  fc.array(pick(['80', '8080/tcp', '53/udp', '$PORT', '70000', 'abc', '3000-3005', '80:80']), { maxLength: 3 }).map(p => `EXPOSE ${p.join(' ')}`),
  fc.tuple(pick(['CMD', 'ENTRYPOINT']), fc.oneof(execForm, shellScript)).map(([kw, body]) => `${kw} ${body}`),
  fc.tuple(pick(['', '--interval=30s ', '--timeout=abc ', '--retries=3 ', '--start-period=0s ']), pick(['CMD curl -f http://localhost/', 'NONE', 'CMD', 'CMD ["true"]'])).map(([f, c]) => `HEALTHCHECK ${f}${c}`),
  pick(['["/bin/bash", "-o", "pipefail", "-c"]', '["pwsh", "-c"]', '/bin/sh -c', '[]', '["sh"']).map(s => `SHELL ${s}`),
  pick(['SIGTERM', '9', 'SIGKILL', 'bogus', '']).map(s => `STOPSIGNAL ${s}`),
  pick(['/data', '["/data", "/logs"]', '']).map(v => `VOLUME ${v}`),
  pick(['me@example.com', '']).map(m => `MAINTAINER ${m}`),
  pick(COMMENTS),
  pick(['', ' ', '\t']),
  fc.tuple(pick(KEYWORDS), fc.oneof(shellScript, pick(VALUES))).map(([kw, rest]) => `${kw} ${rest}`),
);

const instruction: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: from },
  { weight: 4, arbitrary: run },
  { weight: 3, arbitrary: copy },
  { weight: 2, arbitrary: keyValue },
  { weight: 3, arbitrary: simple },
  { weight: 1, arbitrary: fc.oneof(run, copy, simple).map(i => `ONBUILD ${i}`) },
);

/** Line breaks as editors deliver them: LF, CRLF, or a mixture with the odd lone CR. */
const lineEnding = pick(['\n', '\n', '\r\n', 'mixed']);

/** A Dockerfile of 1–30 instructions from the grammar, usually (not always) starting with FROM. */
export const grammarDockerfile: fc.Arbitrary<string> = fc.tuple(
  fc.option(pick(COMMENTS.filter(c => /=/.test(c))), { nil: undefined }),
  fc.boolean(),
  fc.array(instruction, { minLength: 1, maxLength: 30 }),
  lineEnding,
  fc.array(fc.nat(), { maxLength: 4 }),
).map(([directive, leadingFrom, body, eol, breaks]) => {
  const lines = [...(directive ? [directive] : []), ...(leadingFrom ? ['FROM python:3.12-slim AS base'] : []), ...body];
  let text = lines.join('\n') + '\n';
  // Split a few lines with continuation backslashes, as long commands are written.
  for (const at of breaks) {
    const spaces = [...text.matchAll(/ /g)];
    if (!spaces.length) break;
    const i = spaces[at % spaces.length].index!;
    text = `${text.slice(0, i)} \\\n  ${text.slice(i + 1)}`;
  }
  return withLineEndings(text, eol);
});

export function withLineEndings(text: string, eol: string): string {
  if (eol === '\n') return text;
  if (eol !== 'mixed') return text.replace(/\n/g, eol);
  let i = 0;
  return text.replace(/\n/g, () => ['\n', '\r\n', '\r', '\n'][i++ % 4]);
}

export { COMMANDS, KEYWORDS };
