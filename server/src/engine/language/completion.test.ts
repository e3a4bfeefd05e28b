import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileModel } from '../model';
import { completionsAt, type CompletionEntry, type CompletionOptions, type ContextLister } from './completion';
import { tagCompletions, tagQueryAt } from './completion-images';

/** Completes at the `|` in `text` (the marker is removed). */
function complete(text: string, options: CompletionOptions = {}): CompletionEntry[] {
  const offset = text.indexOf('|');
  assert.ok(offset >= 0, 'test text needs a | cursor');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const model = new DockerfileModel(clean);
  return completionsAt(model, model.lines.positionAt(offset), options);
}
const labels = (entries: CompletionEntry[]) => entries.map(e => e.label);

describe('completion: instruction keywords', () => {
  it('offers keywords at the start of a line, filtered by the typed prefix, replacing it', () => {
    const entries = complete('FROM alpine\nCO|');
    assert.deepEqual(labels(entries), ['COPY']);
    assert.deepEqual(entries[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
    assert.equal(entries[0].insertText, 'COPY ');
    assert.equal(entries[0].snippet, undefined, 'no snippet unless the client supports them');
    assert.ok(entries[0].documentation && /build context/.test(entries[0].documentation));
  });

  it('uses snippets when supported, including the heredoc forms of RUN and COPY', () => {
    const entries = complete('FROM alpine\nR|', { snippets: true });
    assert.deepEqual(labels(entries), ['RUN', 'RUN <<EOF']);
    assert.match(entries[0].snippet!, /^RUN \$\{1:command\}$/);
    assert.match(entries[1].snippet!, /<<EOF\n[\s\S]*\nEOF$/);
  });

  it('sorts common instructions first and marks MAINTAINER deprecated', () => {
    const entries = complete('|');
    assert.equal(entries[0].label, 'FROM');
    const maintainer = entries.find(e => e.label === 'MAINTAINER')!;
    assert.ok(maintainer.deprecated);
    assert.ok(maintainer.sortText > entries.find(e => e.label === 'STOPSIGNAL')!.sortText);
  });

  it('offers ONBUILD triggers without FROM, ONBUILD and MAINTAINER, also after a typed space', () => {
    const entries = complete('FROM alpine\nONBUILD |', { trigger: ' ' });
    assert.ok(labels(entries).includes('RUN'));
    assert.ok(!labels(entries).some(l => ['FROM', 'ONBUILD', 'MAINTAINER'].includes(l)));
  });

  it('completes flags of an ONBUILD trigger', () => {
    assert.ok(labels(complete('FROM alpine\nONBUILD COPY --|')).includes('--from'));
  });
});

describe('completion: a typed space pops nothing but fixed choices', () => {
  for (const text of ['FROM alpine\nRUN apt-get install |', 'FROM alpine\nCOPY |', 'FROM alpine\n |', 'FROM alpine\nENV A=1 |', 'FROM alpine\nRUN |']) {
    it(JSON.stringify(text), () => assert.deepEqual(complete(text, { trigger: ' ' }), []));
  }
  it('HEALTHCHECK offers CMD and NONE after its space; FROM image offers AS', () => {
    assert.deepEqual(labels(complete('FROM alpine\nHEALTHCHECK |', { trigger: ' ' })), ['CMD', 'NONE']);
    assert.deepEqual(labels(complete('FROM alpine:3.20 |', { trigger: ' ' })), ['AS']);
  });
});

describe('completion: BuildKit flags', () => {
  it('RUN flags: --mount, --network, --security, with = inserted for valued flags', () => {
    const entries = complete('FROM alpine\nRUN --|');
    assert.deepEqual(labels(entries), ['--mount', '--network', '--security']);
    assert.equal(entries[0].insertText, '--mount=');
    assert.ok(entries[0].retrigger);
    assert.deepEqual(entries[0].range, { start: { line: 1, character: 4 }, end: { line: 1, character: 6 } });
  });

  it('flags only before the first argument; a used flag is not offered again unless repeatable', () => {
    assert.deepEqual(complete('FROM alpine\nRUN echo --|'), []);
    const again = labels(complete('FROM alpine\nRUN --network=none --mount=type=cache,target=/x --|'));
    assert.deepEqual(again, ['--mount', '--security']);
  });

  it('COPY, ADD, FROM and HEALTHCHECK flags', () => {
    assert.deepEqual(labels(complete('FROM alpine\nCOPY --|')), ['--from', '--chown', '--chmod', '--link', '--parents', '--exclude']);
    assert.deepEqual(labels(complete('FROM alpine\nADD --|')), ['--chown', '--chmod', '--link', '--checksum', '--keep-git-dir', '--exclude']);
    assert.deepEqual(labels(complete('FROM --|')), ['--platform']);
    assert.deepEqual(labels(complete('FROM alpine\nHEALTHCHECK --start|')), ['--start-period', '--start-interval']);
    const link = complete('FROM alpine\nCOPY --l|')[0];
    assert.equal(link.insertText, '--link', 'a switch takes no =');
  });

  it('flag values: --network, --security, --platform', () => {
    assert.deepEqual(labels(complete('FROM alpine\nRUN --network=|')), ['default', 'none', 'host']);
    assert.deepEqual(labels(complete('FROM alpine\nRUN --security=i|')), ['insecure']);
    const platform = complete('FROM --platform=$B|');
    // `$B` is a variable reference: the builder's platform ARGs.
    assert.ok(labels(platform).includes('BUILDPLATFORM'));
    const plain = complete('FROM --platform=linux/a|');
    assert.deepEqual(labels(plain), ['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
    assert.equal(plain[0].range.start.character, 16, 'replaces the value only');
  });

  it('--mount: type first, then the options of that type, then their values', () => {
    const start = complete('FROM alpine\nRUN --mount=|');
    assert.equal(start[0].label, 'type');
    assert.deepEqual(labels(complete('FROM alpine\nRUN --mount=type=|')), ['cache', 'secret', 'bind', 'ssh', 'tmpfs']);
    const cache = labels(complete('FROM alpine\nRUN --mount=type=cache,|'));
    assert.deepEqual(cache, ['target', 'id', 'sharing', 'from', 'source', 'readonly', 'mode', 'uid', 'gid']);
    const secret = labels(complete('FROM alpine\nRUN --mount=type=secret,id=npm,|'));
    assert.deepEqual(secret, ['target', 'env', 'required', 'mode', 'uid', 'gid'], 'id is given already');
    assert.deepEqual(labels(complete('FROM alpine\nRUN --mount=type=cache,target=/x,sharing=|')), ['shared', 'private', 'locked']);
    const targets = complete('FROM alpine\nRUN --mount=type=cache,target=/root/.c|');
    assert.ok(labels(targets).includes('/root/.cache/pip'));
    assert.equal(targets[0].range.start.character, 4 + '--mount=type=cache,target='.length);
    assert.deepEqual(labels(complete('FROM alpine\nRUN --mount=type=tmpfs,|')), ['target', 'size']);
  });

  it('--from and --mount from= offer earlier stages by name, then by index', () => {
    const text = 'FROM golang:1.24 AS build\nRUN go build\nFROM alpine AS tools\nFROM alpine\nCOPY --from=|';
    const entries = complete(text);
    assert.deepEqual(labels(entries), ['build', 'tools', '0', '1']);
    assert.match(entries[0].detail!, /golang:1\.24/);
    assert.deepEqual(labels(complete('FROM golang AS build\nFROM alpine\nRUN --mount=type=bind,from=b|')), ['build']);
    assert.deepEqual(labels(complete('FROM golang AS build\nRUN --mount=from=|')), [], 'a stage cannot mount itself or later ones');
  });
});

describe('completion: variables', () => {
  const text = [
    'ARG BASE=alpine',
    'FROM ${BASE}',
    'ARG VERSION=1.2',
    'ENV APP_HOME=/srv/app API_TOKEN=hunter2',
    'RUN echo ${|',
  ].join('\n');

  it('offers the variables in effect with their resolved values, secrets masked', () => {
    const entries = complete(text);
    const byLabel = new Map(entries.map(e => [e.label, e]));
    assert.equal(byLabel.get('VERSION')?.detail, '1.2');
    assert.equal(byLabel.get('APP_HOME')?.detail, '/srv/app');
    assert.match(byLabel.get('API_TOKEN')!.detail!, /•••/);
    assert.ok(!JSON.stringify(entries).includes('hunter2'), 'a secret-looking value is never shown');
    assert.ok(!byLabel.has('BASE'), 'a global ARG is not visible inside a stage unless redeclared');
    assert.ok(byLabel.has('TARGETARCH'), 'the builder\'s platform ARGs');
    assert.ok(byLabel.get('VERSION')!.sortText < byLabel.get('TARGETARCH')!.sortText);
    assert.equal(byLabel.get('VERSION')!.insertText, 'VERSION}', 'closes the brace');
  });

  it('replaces only the typed name and does not add a brace that is already there', () => {
    const entries = complete('FROM alpine\nARG VERSION=1\nRUN echo ${VE|}');
    assert.deepEqual(labels(entries), ['VERSION']);
    assert.equal(entries[0].insertText, 'VERSION');
    assert.deepEqual(entries[0].range, { start: { line: 2, character: 11 }, end: { line: 2, character: 13 } });
  });

  it('FROM lines see global ARGs', () => {
    const entries = complete('ARG BASE=alpine\nFROM $B|');
    assert.equal(entries.find(e => e.label === 'BASE')?.detail, 'alpine');
  });
});

describe('completion: directives and heredocs', () => {
  it('directive names and values at the top of the file', () => {
    assert.deepEqual(labels(complete('# |')), ['syntax', 'escape', 'check']);
    assert.deepEqual(labels(complete('# sy|')), ['syntax']);
    assert.ok(labels(complete('# syntax=|')).includes('docker/dockerfile:1'));
    assert.deepEqual(labels(complete('# syntax=docker/dockerfile:1\n# check=|')), ['skip=', 'error=true', 'experimental=all']);
    const checks = labels(complete('# check=skip=JSONArgs,|\nFROM alpine'));
    assert.ok(checks.includes('all'));
    assert.ok(checks.some(c => c === 'StageNameCasing' || c === 'FromAsCasing'), `BuildKit check names, got ${checks.slice(0, 5)}`);
  });

  it('nothing in ordinary comments or heredoc bodies', () => {
    assert.deepEqual(complete('FROM alpine\n# CO|'), []);
    assert.deepEqual(complete('FROM alpine\nRUN <<EOF\nCO|\nEOF'), []);
  });

  it('heredoc starters after RUN and COPY', () => {
    assert.deepEqual(labels(complete('FROM alpine\nRUN <|')), ['<<EOF', "<<'EOF'", '<<-EOF']);
    assert.deepEqual(labels(complete('FROM alpine\nCOPY <<|')), ['<<EOF', "<<'EOF'", '<<-EOF']);
    assert.equal(complete('FROM alpine\nRUN <<|', { snippets: true })[0].snippet, '<<EOF\n${1}\nEOF');
    assert.equal(complete('FROM alpine\nCOPY <|', { snippets: true })[0].snippet, '<<EOF ${1:/path/in/image}\n${2}\nEOF');
    assert.equal(complete('FROM alpine\nRUN <|')[0].snippet, undefined);
  });

  it('HEALTHCHECK, STOPSIGNAL and SHELL values', () => {
    assert.deepEqual(labels(complete('FROM alpine\nHEALTHCHECK --interval=30s N|')), ['NONE']);
    assert.ok(labels(complete('FROM alpine\nSTOPSIGNAL |')).includes('SIGTERM'));
    assert.ok(labels(complete('FROM alpine\nSHELL |'))[0].startsWith('["/bin/bash"'));
  });
});

describe('completion: base images', () => {
  it('offers well-known repositories and earlier stages', () => {
    const entries = complete('FROM golang AS build\nFROM py|');
    assert.ok(labels(entries).includes('python'));
    const stages = labels(complete('FROM golang AS build\nFROM b|'));
    assert.equal(stages[0], 'build');
    assert.ok(labels(complete('FROM gcr.io/distroless/|')).includes('gcr.io/distroless/static-debian12'));
  });

  it('offers tags from the offline patterns after the colon, replacing the typed tag', () => {
    const entries = complete('FROM python:3.12-s|');
    const tags = labels(entries);
    assert.ok(tags.includes('3.12-slim-bookworm'), tags.join(' '));
    assert.ok(tags.includes('3.12-slim'));
    assert.ok(tags.every(t => t.startsWith('3.12-s')));
    const bookworm = entries.find(e => e.label === '3.12-slim-bookworm')!;
    assert.equal(bookworm.range.start.character, 12);
    assert.match(bookworm.documentation!, /glibc/);
    assert.match(bookworm.detail!, /slim/);
    assert.deepEqual(complete('FROM unknown-image:|'), []);
    assert.deepEqual(complete('FROM localhost:5000/|'), [], 'a registry port is not a tag');
  });
});

describe('completion: build-context paths', () => {
  const files: Record<string, string[]> = { '': ['src', 'requirements.txt', 'secret.env', '.git', 'README.md'], src: ['app.py', 'util.py'] };
  const context: ContextLister = {
    list: dir => files[dir]?.map(name => ({ name, isDir: name in files || name === '.git' })),
    isIgnored: rel => rel === 'secret.env' || rel === '.git',
  };

  it('lists the folder typed so far, folders first, without .dockerignore\'d or dot entries', () => {
    const entries = complete('FROM alpine\nCOPY |', { context });
    assert.deepEqual(labels(entries), ['src/', 'README.md', 'requirements.txt']);
    assert.ok(entries[0].retrigger);
    const inner = complete('FROM alpine\nCOPY ./src/u|', { context });
    assert.deepEqual(labels(inner), ['util.py']);
    assert.equal(inner[0].range.start.character, 'COPY ./src/'.length);
  });

  it('not for COPY --from, absolute paths or variables', () => {
    assert.deepEqual(complete('FROM alpine AS a\nFROM alpine\nCOPY --from=a |', { context }), []);
    assert.deepEqual(complete('FROM alpine\nCOPY /|', { context }), []);
    assert.deepEqual(complete('FROM alpine\nCOPY $|', { context }).filter(e => e.kind === 'file'), []);
  });
});

describe('completion: never throws', () => {
  it('odd positions and half-typed text', () => {
    const texts = ['', '\n\n', 'FROM', 'RUN --mount=type=cache,,,=', 'FROM a\nCOPY --from=', '# check=skip=;;', 'ONBUILD', 'ONBUILD ONBUILD RUN --', 'FROM ${', 'RUN \\\n  --mo', '# escape=`\nFROM a\nRUN a `\n --'];
    for (const text of texts) {
      const model = new DockerfileModel(text);
      for (let line = -1; line <= model.lines.lineCount; line++) {
        for (const character of [-1, 0, 1, 3, 5, 100]) {
          for (const trigger of [undefined, ' ', '-', '=']) assert.doesNotThrow(() => completionsAt(model, { line, character }, { trigger, snippets: true }), `${JSON.stringify(text)} ${line}:${character}`);
        }
      }
    }
  });

  it('a continuation line keeps the instruction: flags of RUN on the next line', () => {
    assert.deepEqual(labels(complete('FROM alpine\nRUN \\\n  --mo|')), ['--mount']);
  });
});

describe('completion: variable scopes', () => {
  it('platform ARGs: the builder value once declared in the stage, a warning before', () => {
    const declared = complete('FROM alpine\nARG TARGETARCH\nRUN echo $TARG|').find(e => e.label === 'TARGETARCH')!;
    assert.equal(declared.detail, 'amd64');
    assert.doesNotMatch(declared.documentation!, /only after/);
    const undeclared = complete('FROM alpine\nRUN echo $TARG|').find(e => e.label === 'TARGETARCH')!;
    assert.match(undeclared.documentation!, /only after `ARG TARGETARCH`/);
  });

  it('among the global ARGs, only earlier ones', () => {
    const names = labels(complete('ARG A=1\nARG B=${|}\nARG C=3\nFROM alpine'));
    assert.ok(names.includes('A'));
    assert.ok(!names.includes('C'));
  });
});

describe('completion: property — any text, any position', () => {
  it('never throws, and every range sits on the cursor line and ends at the cursor', async () => {
    const fc = (await import('fast-check')).default;
    const pieces = ['FROM ', 'RUN ', 'COPY ', 'ONBUILD ', 'HEALTHCHECK ', '--mount=', 'type=cache,', 'target=', '--from=', '${', '$', '}', ':', '/', ',', '=', ' ', '\\\n', '\n', '<<EOF\n', 'EOF\n', '# ', 'syntax=', 'check=skip=', '"', "'", 'a', 'AS ', '`', '\r\n', '\t'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map(a => a.join(''));
    fc.assert(fc.property(text, fc.nat(40), fc.nat(60), fc.constantFrom(undefined, ' ', '-', '=', '$', '{', ':', '/', ','), (t, line, character, trigger) => {
      const model = new DockerfileModel(t);
      const pos = { line: line % (model.lines.lineCount + 1), character };
      const entries = completionsAt(model, pos, { trigger, snippets: true });
      const cursor = Math.min(character, model.lines.lineText(pos.line).length);
      for (const e of entries) {
        assert.equal(e.range.start.line, pos.line);
        assert.equal(e.range.end.line, pos.line);
        assert.equal(e.range.end.character, cursor);
        assert.ok(e.range.start.character <= e.range.end.character && e.range.start.character >= 0);
      }
    }), { numRuns: 1500 });
  });
});

describe('completion: registry tags merged after the offline ones', () => {
  it('tagQueryAt finds the image and typed tag; tagCompletions adds only new tags', async () => {
    const model = new DockerfileModel('FROM python:3.12-s');
    const query = tagQueryAt(model, { line: 0, character: 18 })!;
    assert.deepEqual({ repo: query.repo, typed: query.typed }, { repo: 'python', typed: '3.12-s' });
    const entries = tagCompletions(query, ['3.12-slim', '3.12-slim-trixie', '3.11-slim']);
    const names = labels(entries);
    assert.equal(names.filter(n => n === '3.12-slim').length, 1);
    assert.equal(names.at(-1), '3.12-slim-trixie');
    assert.equal(tagQueryAt(new DockerfileModel('FROM localhost:5000/app'), { line: 0, character: 24 }), undefined);
    assert.equal(tagQueryAt(new DockerfileModel('FROM a AS b'), { line: 0, character: 11 }), undefined);
  });
});
