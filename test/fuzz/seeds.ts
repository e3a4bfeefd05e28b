// The texts mutations start from: every rule's documented bad and good example (always
// present, and each reaches its rule) and the shared real-world corpus (when present).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/engine/rules';

/** Same location and override as the corpus test layer. */
export const CORPUS_DIR = process.env.LAYERWISE_CORPUS ?? path.resolve(__dirname, '../../../shared/corpus/realworld');

export function corpusSeeds(dir = CORPUS_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter(f => /dockerfile$|^(Docker|Container)file/i.test(f))
    .sort()
    .map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
}

export function ruleExampleSeeds(): string[] {
  return ALL_RULES.flatMap(r => [r.docs.bad, r.docs.good]);
}

export interface Seeds { corpus: string[]; examples: string[]; all: string[] }

export function loadSeeds(dir = CORPUS_DIR): Seeds {
  const corpus = corpusSeeds(dir);
  const examples = ruleExampleSeeds();
  return { corpus, examples, all: [...corpus, ...examples] };
}
