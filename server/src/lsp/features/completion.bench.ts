// Per-request cost of completion, signature help and hover: dockerfile-language-service (which
// parses the text again on every request) against ours on the shared per-version parse.
// Run: node --import tsx server/src/lsp/features/completion.bench.ts [file]
// Default input: the shared corpus concatenated and cut to 5,000 lines.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { analyze } from '../../engine/analyze';
import { completionsAt } from '../../engine/language/completion';
import { signatureHelpAt } from '../../engine/language/signature-help';
import { DockerfileModel } from '../../engine/model';
import { hoverAt } from '../hover';

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
// Typing positions near the end of the file, where every earlier stage is in scope.
const text = `${base}\nFROM python:3.12 AS last\nARG VERSION=1\nRUN --mount=type=cache,\nCOPY --from=\nRUN echo \${\nCOPY a b /dst/\n`;
const lines = text.split('\n');
const at = (prefix: string) => { const line = lines.findIndex((l, i) => i > 5000 && l.startsWith(prefix)); return { line, character: lines[line].length }; };
const positions = { mount: at('RUN --mount'), from: at('COPY --from'), variable: at('RUN echo'), keyword: { line: at('ARG').line, character: 2 } };

const service = DockerfileLanguageServiceFactory.createLanguageService();
service.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } }, hover: { contentFormat: ['markdown'] } });

const parse = median(() => new DockerfileModel(text), 5);
const model = new DockerfileModel(text);
const analysis = analyze(model);
console.log(`${lines.length} lines; shared parse (once per version, also used by diagnostics): ${parse.toFixed(1)} ms`);
const rows: [string, number, number][] = [];
for (const [name, pos] of Object.entries(positions)) {
  rows.push([`completion (${name})`, median(() => service.computeCompletionItems(text, pos)), median(() => completionsAt(model, pos, { snippets: true }))]);
}
rows.push(['signature help (COPY)', median(() => service.computeSignatureHelp(text, { line: at('COPY a').line, character: 10 })), median(() => signatureHelpAt(model, { line: at('COPY a').line, character: 10 }))]);
rows.push(['hover (keyword)', median(() => service.computeHover(text, positions.keyword)), median(() => hoverAt(analysis, positions.keyword))]);
for (const [name, lib, ours] of rows) console.log(`${name.padEnd(26)} library ${lib.toFixed(2).padStart(8)} ms   ours ${ours.toFixed(3).padStart(8)} ms`);
console.log(`items: ${Object.entries(positions).map(([n, p]) => `${n} ${completionsAt(model, p).length}`).join(', ')}`);
