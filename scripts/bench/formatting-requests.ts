// Per-request cost of formatting: dockerfile-language-service's formatter (which parses the
// text again on every request) against ours (BuildKit's reading, shared per model version).
// Run: node --import tsx scripts/bench/formatting-requests.ts [file]
// Default input: the shared corpus concatenated and cut to 5,000 lines.
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { corpusLines } from './inputs';
import { medianTime } from './stats';
import { buildkitParse } from '../../server/src/engine/builder';
import { applyEdits, formatDockerfile, formatOnType } from '../../server/src/engine/format';
import { DockerfileModel } from '../../server/src/engine/model';

const base = corpusLines(5000, process.argv[2]);
// The user just pressed Enter after a trailing escape near the end of the file.
const text = `${base}\nFROM alpine AS last\nrun apk add --no-cache curl \\\n`;
const lineCount = text.split('\n').length;
const enter = { line: lineCount - 1, character: 0 };
const options = { tabSize: 4, insertSpaces: true };
const service = DockerfileLanguageServiceFactory.createLanguageService();

const model = new DockerfileModel(text);
buildkitParse(model);
const rows: [string, number, number, string][] = [
  ['document', medianTime(() => service.format(text, options)), medianTime(() => formatDockerfile(model, options)), `fresh text: ${medianTime(() => formatDockerfile(text, options)).toFixed(1)} ms`],
  ['range (one instruction)', medianTime(() => service.formatRange(text, { start: enter, end: enter }, options)),
    medianTime(() => formatDockerfile(model, options, { start: enter, end: enter })), ''],
  ['on type (Enter after \\)', medianTime(() => service.formatOnType(text, enter, '\n', options)), medianTime(() => formatOnType(model, enter, '\n', options)), ''],
];
console.log(`${lineCount} lines; dockerfile-language-service vs Layerwise (shared model, BuildKit reading cached), median ms`);
for (const [name, theirs, ours, note] of rows) console.log(`${name.padEnd(26)} ${theirs.toFixed(2).padStart(8)} ${ours.toFixed(2).padStart(8)}  ${note}`);

// What each one changes on the same file, for the comparison in docs/language-features.md.
const theirs = applyEdits(text, service.format(text, options));
const ours = applyEdits(text, formatDockerfile(model, options));
const changedLines = (after: string) => { const a = text.split('\n'), b = after.split('\n'); return a.length === b.length ? a.filter((l, i) => l !== b[i]).length : NaN; };
console.log(`edits: library ${service.format(text, options).length} (${changedLines(theirs)} lines changed), Layerwise ${formatDockerfile(model, options).length}`);
