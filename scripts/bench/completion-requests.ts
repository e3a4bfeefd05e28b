// Per-request cost of completion, signature help and hover: dockerfile-language-service (which
// parses the text again on every request) against ours on the shared per-version parse.
// Run: node --import tsx scripts/bench/completion-requests.ts [file]
// Default input: the shared corpus concatenated and cut to 5,000 lines.
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { corpusLines } from './inputs';
import { medianTime } from './stats';
import { analyze } from '../../server/src/engine/analyze';
import { completionsAt } from '../../server/src/engine/language/completion';
import { signatureHelpAt } from '../../server/src/engine/language/signature-help';
import { DockerfileModel } from '../../server/src/engine/model';
import { hoverAt } from '../../server/src/lsp/hover';

const base = corpusLines(5000, process.argv[2]);
// Typing positions near the end of the file, where every earlier stage is in scope.
const text = `${base}\nFROM python:3.12 AS last\nARG VERSION=1\nRUN --mount=type=cache,\nCOPY --from=\nRUN echo \${\nCOPY a b /dst/\n`;
const lines = text.split('\n');
const at = (prefix: string) => { const line = lines.findIndex((l, i) => i > 5000 && l.startsWith(prefix)); return { line, character: lines[line].length }; };
const positions = { mount: at('RUN --mount'), from: at('COPY --from'), variable: at('RUN echo'), keyword: { line: at('ARG').line, character: 2 } };

const service = DockerfileLanguageServiceFactory.createLanguageService();
service.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } }, hover: { contentFormat: ['markdown'] } });

const parse = medianTime(() => new DockerfileModel(text), 5);
const model = new DockerfileModel(text);
const analysis = analyze(model);
console.log(`${lines.length} lines; shared parse (once per version, also used by diagnostics): ${parse.toFixed(1)} ms`);
const rows: [string, number, number][] = [];
for (const [name, pos] of Object.entries(positions)) {
  rows.push([`completion (${name})`, medianTime(() => service.computeCompletionItems(text, pos)), medianTime(() => completionsAt(model, pos, { snippets: true }))]);
}
rows.push(['signature help (COPY)', medianTime(() => service.computeSignatureHelp(text, { line: at('COPY a').line, character: 10 })), medianTime(() => signatureHelpAt(model, { line: at('COPY a').line, character: 10 }))]);
rows.push(['hover (keyword)', medianTime(() => service.computeHover(text, positions.keyword)), medianTime(() => hoverAt(analysis, positions.keyword))]);
for (const [name, lib, ours] of rows) console.log(`${name.padEnd(26)} library ${lib.toFixed(2).padStart(8)} ms   ours ${ours.toFixed(3).padStart(8)} ms`);
console.log(`items: ${Object.entries(positions).map(([n, p]) => `${n} ${completionsAt(model, p).length}`).join(', ')}`);
