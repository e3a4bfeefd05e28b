/**
 * The benchmark inputs, built deterministically from the real-world corpus
 * (`../shared/corpus/realworld`, or LAYERWISE_CORPUS):
 *   - medium (~570 lines): the largest corpus file followed by the one other file that brings the
 *     total closest to 570 lines (ties: the earlier name) — 047 + 041 on the corpus of 40 files;
 *   - large (~5,000 lines): the medium file repeated 9 times.
 * And the edit script both servers receive, identical for each.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
export const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');
export const PEER_SERVER_JS = require.resolve('dockerfile-language-server-nodejs/lib/server.js', { paths: [REPO_ROOT] });

export function corpusDir(): string {
  const dir = path.resolve(process.env.LAYERWISE_CORPUS ?? path.join(REPO_ROOT, '..', 'shared', 'corpus', 'realworld'));
  if (!fs.existsSync(dir)) throw new Error(`bench: corpus folder not found: ${dir} (set LAYERWISE_CORPUS)`);
  return dir;
}

export interface CorpusFile { name: string; text: string; lines: number }

export function corpusFiles(dir = corpusDir()): CorpusFile[] {
  return fs.readdirSync(dir).filter(f => /dockerfile$|^(Docker|Container)file/i.test(f)).sort().map(name => {
    const raw = fs.readFileSync(path.join(dir, name), 'utf8');
    const text = raw.endsWith('\n') ? raw : raw + '\n';
    return { name, text, lines: lineCount(text) };
  });
}

/** The corpus files concatenated (again from the first when needed) and cut to `count` lines; or the file given. */
export function corpusLines(count: number, file?: string): string {
  if (file) return fs.readFileSync(file, 'utf8');
  const files = corpusFiles();
  const lines: string[] = [];
  while (lines.length < count) for (const f of files) lines.push(...f.text.split('\n'));
  return lines.slice(0, count).join('\n');
}

export function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

export interface BenchInput { label: string; recipe: string; text: string; lines: number }

export const MEDIUM_TARGET_LINES = 570;
export const LARGE_REPEAT = 9;

export function mediumInput(files = corpusFiles()): BenchInput {
  const largest = files.reduce((a, b) => (b.lines > a.lines ? b : a));
  let partner = files.find(f => f !== largest)!;
  for (const f of files) {
    if (f === largest) continue;
    if (Math.abs(largest.lines + f.lines - MEDIUM_TARGET_LINES) < Math.abs(largest.lines + partner.lines - MEDIUM_TARGET_LINES)) partner = f;
  }
  const text = largest.text + partner.text;
  return { label: 'medium', recipe: `${largest.name} + ${partner.name}`, text, lines: lineCount(text) };
}

export function largeInput(medium = mediumInput()): BenchInput {
  const text = medium.text.repeat(LARGE_REPEAT);
  return { label: 'large', recipe: `(${medium.recipe}) x ${LARGE_REPEAT}`, text, lines: lineCount(text) };
}

/** Writes `text` as `<tmp>/<label>/Dockerfile` (its folder is the build context) and returns its URI. */
export function writeInput(root: string, label: string, text: string, name = 'Dockerfile'): { file: string; uri: string } {
  const dir = path.join(root, label);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return { file, uri: pathToFileURL(file).toString() };
}

export function makeBenchRoot(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-bench-')));
  process.on('exit', () => { try { fs.rmSync(root, { recursive: true, force: true }); } catch { /* best effort */ } });
  return root;
}

export interface Edit { kind: 'type' | 'backspace' | 'add-line' | 'remove-line'; change: TextDocumentContentChangeEvent & { range: Range } }

const TYPED = 'true && ';
const ADDED_LINE = 'RUN echo layerwise-bench\n';
export const EDITS_PER_CYCLE = TYPED.length * 2 + 2;

/**
 * `count` realistic edits as incremental changes, one keystroke or line at a time. Each cycle
 * works on one RUN line (cycles spread over the file): types `true && ` after `RUN ` character
 * by character, deletes it again with backspaces, then adds a RUN line above and removes it. A
 * cycle leaves the text as it was, so every edit's position stays valid.
 */
export function editScript(text: string, count: number): Edit[] {
  const lines = text.split('\n');
  const runLines = lines.map((l, i) => (/^RUN [A-Za-z]/.test(l) ? i : -1)).filter(i => i >= 0);
  if (!runLines.length) throw new Error('bench: the input has no RUN line to edit');
  const cycles = Math.ceil(count / EDITS_PER_CYCLE);
  const edits: Edit[] = [];
  const at = (line: number, character: number) => ({ line, character });
  for (let c = 0; c < cycles; c++) {
    const line = runLines[Math.floor(((c + 0.5) * runLines.length) / cycles)];
    for (let i = 0; i < TYPED.length; i++) {
      edits.push({ kind: 'type', change: { range: { start: at(line, 4 + i), end: at(line, 4 + i) }, text: TYPED[i] } });
    }
    for (let i = TYPED.length; i > 0; i--) {
      edits.push({ kind: 'backspace', change: { range: { start: at(line, 4 + i - 1), end: at(line, 4 + i) }, text: '' } });
    }
    edits.push({ kind: 'add-line', change: { range: { start: at(line, 0), end: at(line, 0) }, text: ADDED_LINE } });
    edits.push({ kind: 'remove-line', change: { range: { start: at(line, 0), end: at(line + 1, 0) }, text: '' } });
  }
  return edits.slice(0, count);
}
