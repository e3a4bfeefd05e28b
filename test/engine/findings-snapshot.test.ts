// Performance work must not change what the engine finds. This compares every finding (rule,
// severity, range, message, quick-fix edits) on the real-world corpus (LF and CRLF), the peer
// conformance cases and the test fixtures with a snapshot the engine itself produced.
// After a reviewed, intended change of findings, regenerate it with
//   LAYERWISE_WRITE_SNAPSHOT=1 node --import tsx --test test/engine/findings-snapshot.test.ts
// and read the diff of test/engine/testdata/findings.snapshot.json before committing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type AnalyzeOptions } from '../../server/src/engine/analyze';
import { MemoryBuildContext } from '../../server/src/engine/context';
import { ALL_RULES } from '../../server/src/engine/rules';
import type { ResolvedFinding } from '../../server/src/engine/types';

const CORPUS = process.env.LAYERWISE_CORPUS ?? path.resolve(__dirname, '../../../shared/corpus/realworld');
const SNAPSHOT = process.env.LAYERWISE_SNAPSHOT ?? path.join(__dirname, 'testdata/findings.snapshot.json');
const CONFORMANCE = process.env.LAYERWISE_CONFORMANCE ?? path.resolve(__dirname, '../../../shared/conformance');
const FIXTURES = path.resolve(__dirname, '../fixtures');

/** A build context with the files the context rules look for, so they have something to say. */
const context = () => new MemoryBuildContext({
  'package.json': '{"name":"app","version":"1.0.0"}', 'package-lock.json': '{}', 'requirements.txt': 'flask\n',
  'go.mod': 'module app\n', 'app.py': 'print(1)\n', '.env': 'TOKEN=1\n', 'src/index.js': '',
});

/** Every rule on, experimental ones included, at its default severity. */
const allRulesOn: AnalyzeOptions['config'] = { rules: new Map(ALL_RULES.filter(r => r.experimental).map(r => [r.id, r.severity])) };

function describeFindings(findings: ResolvedFinding[]): string[] {
  const at = (r: ResolvedFinding['range']) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  return findings.map(f => {
    const fixes = f.fixes?.().map(x => `${x.safe ? 'safe' : 'unsafe'} "${x.title}" ${x.edits.map(e => `${at(e.range)}=${JSON.stringify(e.newText)}`).join(' ')}${x.createFiles?.length ? ` create ${JSON.stringify(x.createFiles)}` : ''}${x.appendFiles?.length ? ` append ${JSON.stringify(x.appendFiles)}` : ''}`) ?? [];
    return [`${f.ruleId} ${f.severity} ${at(f.range)} ${f.message}`, ...fixes.map(x => `  fix ${x}`)].join('\n');
  });
}

interface Input { name: string; text: string }

function inputs(): Input[] {
  const list: Input[] = [];
  const corpusFiles = fs.readdirSync(CORPUS).filter(f => /dockerfile$|^(Docker|Container)file/i.test(f)).sort();
  for (const f of corpusFiles) {
    const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
    list.push({ name: `corpus/${f}`, text }, { name: `corpus/${f} (CRLF)`, text: text.replace(/\r?\n/g, '\r\n') });
  }
  const hadolint = JSON.parse(fs.readFileSync(path.join(CONFORMANCE, 'hadolint-cases.json'), 'utf8')) as { dockerfile: string; dockerfile_onbuild?: string }[];
  hadolint.forEach((c, i) => {
    list.push({ name: `hadolint/${i}`, text: c.dockerfile });
    if (c.dockerfile_onbuild) list.push({ name: `hadolint/${i} (onbuild)`, text: c.dockerfile_onbuild });
  });
  for (const file of ['buildkit-cases.json', 'buildkit-test-cases.json']) {
    const cases = JSON.parse(fs.readFileSync(path.join(CONFORMANCE, file), 'utf8')) as { dockerfile: string }[];
    cases.forEach((c, i) => list.push({ name: `${file.replace(/\.json$/, '')}/${i}`, text: c.dockerfile }));
  }
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/dockerfile/i.test(entry.name)) list.push({ name: `fixtures/${path.relative(FIXTURES, full)}`, text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(FIXTURES);
  return list;
}

/** Findings per input: by default, with every rule on, and with build arguments (variable resolution). */
function snapshot(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const input of inputs()) {
    out[input.name] = describeFindings(analyze(input.text, { buildContext: context() }).findings);
    const all = describeFindings(analyze(input.text, { buildContext: context(), config: allRulesOn, buildArgs: { VERSION: '1.2.3', BASE: 'debian:12' } }).findings);
    if (JSON.stringify(all) !== JSON.stringify(out[input.name])) out[`${input.name} [all rules, build args]`] = all;
  }
  return out;
}

describe('findings snapshot', () => {
  it('the corpus and the conformance data are present', () => {
    assert.ok(fs.existsSync(CORPUS), `corpus folder not found: ${CORPUS}`);
    assert.ok(fs.existsSync(CONFORMANCE), `conformance folder not found: ${CONFORMANCE}`);
  });
  it('every finding is what the snapshot holds', () => {
    const now = snapshot();
    if (process.env.LAYERWISE_WRITE_SNAPSHOT) {
      fs.mkdirSync(path.dirname(SNAPSHOT), { recursive: true });
      fs.writeFileSync(SNAPSHOT, JSON.stringify(now, null, 1) + '\n');
      return;
    }
    const expected = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as Record<string, string[]>;
    assert.deepEqual(Object.keys(now), Object.keys(expected), 'the inputs changed: regenerate the snapshot');
    for (const name of Object.keys(expected)) assert.deepEqual(now[name], expected[name], name);
  });
});
