/**
 * Per-request cost of the navigation features (issue #6): dockerfile-language-service, which
 * parses the text again on every request, against our features on the shared DockerfileModel.
 * Input: every real-world corpus file concatenated (~4,500 lines).
 *
 *   node --import tsx scripts/bench/navigation.ts
 *
 * Columns: the library per request; ours on a new version (parse included, as if nothing else had
 * parsed it yet); ours on a parsed version (variables, index and views built on demand); ours on a
 * version the diagnostics already analysed (the variable scopes, which the rules need, are there);
 * ours on a repeated request for the same version (memoised).
 */
import { performance } from 'node:perf_hooks';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { foldingRanges } from '../../server/src/engine/language/folding';
import { valueHints } from '../../server/src/engine/language/inlay-hints';
import { documentLinks } from '../../server/src/engine/language/links';
import { nameIndexOf } from '../../server/src/engine/language/references';
import { renameEdits } from '../../server/src/engine/language/rename';
import { semanticTokens } from '../../server/src/engine/language/semantic-tokens';
import { documentSymbols } from '../../server/src/engine/language/symbols';
import { DockerfileModel } from '../../server/src/engine/model';
import type { Position } from '../../server/src/engine/types';
import { variablesOf } from '../../server/src/engine/variables';
import { corpusFiles, lineCount } from './inputs';
import { medianTime, ms, printTable } from './stats';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const text = corpusFiles().map(f => f.text).join('');
const service = DockerfileLanguageServiceFactory.createLanguageService();
const doc = { uri: 'file:///bench/Dockerfile' };

/** A position inside the first occurrence of `pattern`'s group 1, in the second half of the file. */
function positionOf(pattern: RegExp): Position {
  const from = text.length >> 1;
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  if (!m) throw new Error(`bench: ${pattern} not found`);
  const offset = m.index + m[0].indexOf(m[1]) + 1;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
const stageUse = positionOf(/COPY --from=([a-z][\w.-]*)/g);
const variableUse = positionOf(/\$\{?([A-Z][A-Z0-9_]*)/g);

const time = (run: () => unknown, rounds = ROUNDS) => medianTime(run, rounds);

interface Case { name: string; library: () => unknown; ours: (model: DockerfileModel) => unknown }

const CASES: Case[] = [
  { name: 'document symbols', library: () => service.computeSymbols(doc, text), ours: m => documentSymbols(m) },
  { name: 'definition (stage)', library: () => service.computeDefinition(doc, text, stageUse), ours: m => { const i = nameIndexOf(m); return i.definitionOf(i.at(stageUse)!); } },
  { name: 'definition (variable)', library: () => service.computeDefinition(doc, text, variableUse), ours: m => { const i = nameIndexOf(m); const o = i.at(variableUse); return o && i.definitionOf(o); } },
  { name: 'highlight (variable)', library: () => service.computeHighlightRanges(text, variableUse), ours: m => { const i = nameIndexOf(m); const o = i.at(variableUse); return o && i.groupOf(o); } },
  { name: 'rename (stage)', library: () => service.computeRename(doc, text, stageUse, 'renamed'), ours: m => renameEdits(m, stageUse, 'renamed') },
  { name: 'folding ranges', library: () => service.computeFoldingRanges(text), ours: m => foldingRanges(m) },
  { name: 'document links', library: () => service.computeLinks(text), ours: m => documentLinks(m) },
  { name: 'semantic tokens (full)', library: () => service.computeSemanticTokens(text), ours: m => semanticTokens(m) },
  { name: 'inlay hints (full)', library: () => undefined, ours: m => valueHints(m) },
];

const rows = CASES.map(c => {
  // The library's semantic tokens take tens of seconds on this input: three rounds are enough.
  const library = c.name.startsWith('inlay') ? '—' : ms(time(c.library, c.name.startsWith('semantic') ? 3 : ROUNDS), 2);
  const fresh = time(() => c.ours(new DockerfileModel(text)));
  const parsedModels: DockerfileModel[] = [];
  for (let i = 0; i < ROUNDS; i++) { const m = new DockerfileModel(text); void m.stages; parsedModels.push(m); }
  let k = 0;
  const parsed = time(() => c.ours(parsedModels[k++]));
  const analysedModels = parsedModels.map(() => { const m = new DockerfileModel(text); variablesOf(m); return m; });
  k = 0;
  const analysed = time(() => c.ours(analysedModels[k++]));
  const warm = new DockerfileModel(text);
  c.ours(warm);
  const repeated = time(() => c.ours(warm));
  return [c.name, library, ms(fresh, 2), ms(parsed, 2), ms(analysed, 2), ms(repeated, 3)];
});

console.log(`navigation features on ${lineCount(text)} lines (median of ${ROUNDS}; stage at ${stageUse.line + 1}:${stageUse.character}, variable at ${variableUse.line + 1}:${variableUse.character})`);
printTable(['request', 'library', 'ours, new version', 'ours, parsed', 'ours, analysed', 'ours, repeated'], rows);
