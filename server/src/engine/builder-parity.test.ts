// Builder parity, with dockerfile-utils' validate() as the oracle: over BuildKit's parser
// fixtures, the real-world corpus and a catalogue of Dockerfiles `docker build` rejects, our
// error rules and dockerfile-utils must report errors on the same lines, except where a
// documented deviation (docs/conformance-deviations.md) says BuildKit and dockerfile-utils
// differ and we follow BuildKit.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { validate } from 'dockerfile-utils';
import { analyze } from './analyze';
import { ALL_RULES } from './rules';
import { BUILDER_ERROR_CASES, BUILDER_VALID_CASES } from './testdata/builder-errors';

const CONFORMANCE = process.env.LAYERWISE_CONFORMANCE ?? path.resolve(__dirname, '../../../../shared/conformance');
const CORPUS = process.env.LAYERWISE_CORPUS ?? path.resolve(__dirname, '../../../../shared/corpus/realworld');

/** The rules that report what the builder rejects (ours, and the DL rules that cover a builder error). */
const PARITY_IDS = [
  'unknown-instruction', 'invalid-flag', 'invalid-flag-value', 'invalid-json-form', 'invalid-argument-count', 'invalid-key-value',
  'invalid-stage-name', 'invalid-healthcheck', 'invalid-port', 'invalid-stop-signal', 'invalid-parser-directive', 'invalid-heredoc',
  'invalid-base-image', 'invalid-variable-substitution', 'invalid-copy-from', 'no-build-stage',
  'instruction-before-from', 'onbuild-invalid-trigger', 'copy-from-own-stage', 'expose-invalid-port',
];
const PARITY = ALL_RULES.filter(r => PARITY_IDS.includes(r.id));

/**
 * Documented deviations: where dockerfile-utils and BuildKit disagree, we follow BuildKit.
 * Each id has a section in docs/conformance-deviations.md.
 */
export const DEVIATIONS: Record<string, string> = {
  'D-FLAGS-OTHER': 'dockerfile-utils checks flags only on ADD, COPY, FROM and HEALTHCHECK; BuildKit rejects any flag on CMD, ENTRYPOINT, ENV, LABEL, ... ',
  'D-FLAGS-RUN': 'dockerfile-utils does not check RUN flags (--mount, --network, --security); BuildKit does',
  'D-FLAGS-NEW': 'dockerfile-utils does not know newer flags (ADD --unpack, RUN --device) and flags a valid --chmod=u+x style value',
  'D-FLAGS-TERMINATOR': 'dockerfile-utils reports `--` (end of flags) as an unknown flag; BuildKit accepts it',
  'D-VALUES': 'dockerfile-utils does not check --chmod, --checksum, --platform or empty VOLUME values; BuildKit does',
  'D-JSON': 'dockerfile-utils does not reject JSON arrays with non-string elements; BuildKit does',
  'D-RUN-EMPTY': 'dockerfile-utils accepts a RUN without a command; the build fails when it runs',
  'D-SIGNAL': 'dockerfile-utils accepts any SIG-prefixed word; BuildKit only real signal names',
  'D-DIRECTIVES': 'dockerfile-utils checks only the escape directive; BuildKit also rejects duplicate syntax/check directives and invalid check options',
  'D-HEREDOC': 'dockerfile-utils does not check heredoc termination or heredoc destinations',
  'D-REFERENCE': 'dockerfile-utils checks tags and digests but not upper-case repository names',
  'D-LEXER': 'dockerfile-utils does not run the word lexer (unclosed quotes, unclosed ${ in non-shell instructions)',
  'D-COPY-FROM': 'dockerfile-utils does not check --from stage order, indexes or self references',
  'D-PORT-RANGE': 'dockerfile-utils does not check port numbers above 65535',
  'D-HEALTHCHECK-ZERO': 'dockerfile-utils rejects --retries=0 and 0s durations; BuildKit accepts them (the defaults)',
  'D-COPY-DEST': 'dockerfile-utils requires a trailing / when COPY has several sources (the classic builder did); BuildKit builds it',
  'D-NO-FROM': 'dockerfile-utils reports files without FROM at line 1; we report the first instruction (instruction-before-from)',
};

function ourErrorLines(text: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const f of analyze(text, { rules: PARITY }).findings) {
    if (f.severity !== 'error') continue;
    const line = f.range.start.line + 1;
    out.set(line, [...(out.get(line) ?? []), f.ruleId]);
  }
  return out;
}

function oracleErrorLines(text: string): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const d of validate(text)) {
    if (d.severity !== 1) continue;
    const line = d.range.start.line + 1;
    out.set(line, [...(out.get(line) ?? []), Number(d.code)]);
  }
  return out;
}

/** Why the oracle reports a line we do not, when it is a documented deviation. */
function explainOracleOnly(codes: number[], text: string, line: number): string | undefined {
  const src = text.split('\n')[line - 1] ?? '';
  if (codes.every(c => c === 13 || c === 16)) return 'D-HEALTHCHECK-ZERO';
  if (codes.every(c => c === 23)) return 'D-COPY-DEST';
  if (codes.every(c => c === 39 || c === 40) && /\s--(\s|$)/.test(src)) return 'D-FLAGS-TERMINATOR';
  if (codes.every(c => c === 20)) return 'D-NO-FROM';
  return undefined;
}

/** Why we report a line the oracle does not, when it is a documented deviation. */
function explainOursOnly(rules: string[], text: string, line: number): string | undefined {
  const src = text.split('\n')[line - 1] ?? '';
  const why = rules.map(r => {
    switch (r) {
      case 'invalid-flag': return /^\s*RUN\b/i.test(src) ? 'D-FLAGS-RUN' : 'D-FLAGS-OTHER';
      case 'invalid-flag-value': return /^\s*RUN\b/i.test(src) ? 'D-FLAGS-RUN' : 'D-VALUES';
      case 'invalid-variable-substitution': return 'D-LEXER';
      case 'invalid-stop-signal': return 'D-SIGNAL';
      case 'invalid-parser-directive': return 'D-DIRECTIVES';
      case 'invalid-heredoc': return 'D-HEREDOC';
      case 'invalid-copy-from': case 'copy-from-own-stage': return 'D-COPY-FROM';
      case 'expose-invalid-port': return 'D-PORT-RANGE';
      case 'invalid-json-form': return 'D-JSON';
      case 'invalid-base-image': return 'D-REFERENCE';
      case 'instruction-before-from': return 'D-NO-FROM';
      case 'invalid-argument-count': return /^\s*RUN\b/i.test(src) ? 'D-RUN-EMPTY' : /^\s*VOLUME\b/i.test(src) ? 'D-VALUES' : undefined;
      default: return undefined;
    }
  });
  return why.every(w => w !== undefined) ? why[0] : undefined;
}

interface Tally { files: number; agreeing: number; lines: number; agreeingLines: number; deviations: Map<string, number>; unexplained: string[] }

function compare(name: string, text: string, t: Tally): void {
  const ours = ourErrorLines(text);
  const oracle = oracleErrorLines(text);
  const lines = new Set([...ours.keys(), ...oracle.keys()]);
  // No FROM at all: dockerfile-utils reports line 1, instruction-before-from the first instruction.
  if (oracle.get(1)?.includes(20) && [...ours.values()].flat().includes('instruction-before-from')) {
    for (const [l, r] of ours) if (r.every(x => x === 'instruction-before-from')) { ours.delete(l); lines.delete(l); }
    oracle.set(1, oracle.get(1)!.filter(c => c !== 20));
    if (!oracle.get(1)!.length) { oracle.delete(1); lines.delete(1); }
    if (ours.size === 0 && oracle.size === 0) lines.clear();
  }
  t.files++;
  let fileAgrees = true;
  for (const line of lines) {
    t.lines++;
    const o = oracle.get(line);
    const u = ours.get(line);
    if (o && u) { t.agreeingLines++; continue; }
    fileAgrees = false;
    const why = o ? explainOracleOnly(o, text, line) : explainOursOnly(u!, text, line);
    if (why) t.deviations.set(why, (t.deviations.get(why) ?? 0) + 1);
    else t.unexplained.push(`${name}:${line} ${o ? `dockerfile-utils ${o.join(',')} only` : `ours ${u!.join(',')} only`}: ${text.split('\n')[line - 1]}`);
  }
  if (fileAgrees) t.agreeing++;
}

function newTally(): Tally {
  return { files: 0, agreeing: 0, lines: 0, agreeingLines: 0, deviations: new Map(), unexplained: [] };
}

function summary(title: string, t: Tally): string {
  return `${title}: ${t.agreeing}/${t.files} files agree; ${t.agreeingLines}/${t.lines} error lines agree; deviations ${JSON.stringify(Object.fromEntries(t.deviations))}`;
}

describe('builder parity (oracle: dockerfile-utils)', () => {
  it('every deviation id used in the catalogue is documented', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/conformance-deviations.md'), 'utf8');
    for (const id of Object.keys(DEVIATIONS)) assert.ok(doc.includes(id), `${id} is not described in docs/conformance-deviations.md`);
    for (const c of [...BUILDER_ERROR_CASES, ...BUILDER_VALID_CASES]) {
      assert.ok(c.dockerfileUtils === 'same' || DEVIATIONS[c.dockerfileUtils], `${c.name}: unknown deviation ${c.dockerfileUtils}`);
    }
  });

  for (const c of BUILDER_ERROR_CASES) {
    it(`rejects: ${c.name} (${c.rule})`, () => {
      const ours = ourErrorLines(c.dockerfile);
      assert.ok(ours.get(c.line)?.includes(c.rule), `${c.rule} did not report line ${c.line}; got ${JSON.stringify([...ours])}`);
      const oracle = oracleErrorLines(c.dockerfile);
      if (c.dockerfileUtils === 'same') assert.ok(oracle.has(c.line), `dockerfile-utils reports nothing on line ${c.line}: mark the deviation`);
      else assert.ok(!oracle.has(c.line), `dockerfile-utils does report line ${c.line} (${oracle.get(c.line)}): the deviation ${c.dockerfileUtils} is not needed`);
    });
  }

  for (const c of BUILDER_VALID_CASES) {
    it(`accepts: ${c.name}`, () => {
      assert.deepEqual([...ourErrorLines(c.dockerfile)], []);
      const oracle = oracleErrorLines(c.dockerfile);
      if (c.dockerfileUtils === 'same') assert.deepEqual([...oracle], []);
      else assert.ok(oracle.size > 0, `dockerfile-utils accepts it: the deviation ${c.dockerfileUtils} is not needed`);
    });
  }

  it('agrees with dockerfile-utils on BuildKit\'s parser fixtures, except documented deviations', t => {
    const file = path.join(CONFORMANCE, 'buildkit-parser-cases.json');
    if (!fs.existsSync(file)) assert.fail(`no ${file} (set LAYERWISE_CONFORMANCE)`);
    const cases: { name: string; dockerfile: string; expect_parse_error: boolean }[] = JSON.parse(fs.readFileSync(file, 'utf8'));
    const tally = newTally();
    for (const c of cases) {
      compare(c.name, c.dockerfile, tally);
      // Every fixture BuildKit's parser rejects is an error for us too.
      if (c.expect_parse_error) assert.ok(ourErrorLines(c.dockerfile).size > 0, `${c.name}: BuildKit rejects it, we report nothing`);
    }
    t.diagnostic(summary('parser fixtures', tally));
    assert.deepEqual(tally.unexplained, []);
  });

  it('agrees with dockerfile-utils on the real-world corpus, except documented deviations', t => {
    if (!fs.existsSync(CORPUS)) assert.fail(`no corpus at ${CORPUS} (set LAYERWISE_CORPUS)`);
    const tally = newTally();
    for (const f of fs.readdirSync(CORPUS).filter(x => /dockerfile$|^(Docker|Container)file/i.test(x)).sort()) {
      compare(f, fs.readFileSync(path.join(CORPUS, f), 'utf8'), tally);
    }
    t.diagnostic(summary('corpus', tally));
    assert.deepEqual(tally.unexplained, []);
    // Real Dockerfiles build: none of our builder errors may fire on them.
    for (const f of fs.readdirSync(CORPUS).filter(x => /dockerfile$|^(Docker|Container)file/i.test(x))) {
      assert.deepEqual([...ourErrorLines(fs.readFileSync(path.join(CORPUS, f), 'utf8'))], [], f);
    }
  });
});
