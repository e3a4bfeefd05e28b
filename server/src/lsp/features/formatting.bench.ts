// Per-request cost of formatting: dockerfile-language-service's formatter (which parses the
// text again on every request) against ours (BuildKit's reading, shared per model version).
// Run: node --import tsx server/src/lsp/features/formatting.bench.ts [file]
// Default input: the shared corpus concatenated and cut to 5,000 lines.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { buildkitParse } from '../../engine/builder';
import { applyEdits, formatDockerfile, formatOnType } from '../../engine/format';
import { DockerfileModel } from '../../engine/model';

function input(): string {
  if (process.argv[2]) return fs.readFileSync(process.argv[2], 'utf8');
  const dir = process.env.LAYERWISE_CORPUS ?? path.resolve(__dirname, '../../../../../shared/corpus/realworld');
  const lines: string[] = [];
  while (lines.length < 5000) for (const f of fs.readdirSync(dir).filter(n => n.endsWith('.Dockerfile')).sort()) lines.push(...fs.readFileSync(path.join(dir, f), 'utf8').split('\n'));
  return lines.slice(0, 5000).join('\n');
}

function median(f: () => unknown, reps = 15): number {
  f();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[reps >> 1];
}

const base = input();
// The user just pressed Enter after a trailing escape near the end of the file.
const text = `${base}\nFROM alpine AS last\nrun apk add --no-cache curl \\\n`;
const lineCount = text.split('\n').length;
const enter = { line: lineCount - 1, character: 0 };
const options = { tabSize: 4, insertSpaces: true };
const service = DockerfileLanguageServiceFactory.createLanguageService();

const model = new DockerfileModel(text);
buildkitParse(model);
const rows: [string, number, number, string][] = [
  ['document', median(() => service.format(text, options)), median(() => formatDockerfile(model, options)), `fresh text: ${median(() => formatDockerfile(text, options)).toFixed(1)} ms`],
  ['range (one instruction)', median(() => service.formatRange(text, { start: enter, end: enter }, options)),
    median(() => formatDockerfile(model, options, { start: enter, end: enter })), ''],
  ['on type (Enter after \\)', median(() => service.formatOnType(text, enter, '\n', options)), median(() => formatOnType(model, enter, '\n', options)), ''],
];
console.log(`${lineCount} lines; dockerfile-language-service vs Layerwise (shared model, BuildKit reading cached), median ms`);
for (const [name, theirs, ours, note] of rows) console.log(`${name.padEnd(26)} ${theirs.toFixed(2).padStart(8)} ${ours.toFixed(2).padStart(8)}  ${note}`);

// What each one changes on the same file, for the comparison in docs/language-features.md.
const theirs = applyEdits(text, service.format(text, options));
const ours = applyEdits(text, formatDockerfile(model, options));
const changedLines = (after: string) => { const a = text.split('\n'), b = after.split('\n'); return a.length === b.length ? a.filter((l, i) => l !== b[i]).length : NaN; };
console.log(`edits: library ${service.format(text, options).length} (${changedLines(theirs)} lines changed), Layerwise ${formatDockerfile(model, options).length}`);
