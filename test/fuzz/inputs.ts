// The fuzz input: one text, labelled with the generator that made it so campaigns can count by kind.
import fc from 'fast-check';
import { grammarDockerfile } from './grammar';
import { mutatedSeed } from './mutations';
import { noiseText } from './noise';

export type InputKind = 'mutation' | 'grammar' | 'noise';
export interface FuzzInput { kind: InputKind; text: string }

export const INPUT_KINDS: readonly InputKind[] = ['mutation', 'grammar', 'noise'];

/** Mutations of `seeds`, grammar-built files and noise, in equal shares (or only `kinds`). */
export function fuzzInput(seeds: readonly string[], kinds: readonly InputKind[] = INPUT_KINDS): fc.Arbitrary<FuzzInput> {
  const byKind: Record<InputKind, () => fc.Arbitrary<string>> = {
    mutation: () => mutatedSeed(seeds),
    grammar: () => grammarDockerfile,
    noise: () => noiseText,
  };
  return fc.oneof(...kinds.map(kind => byKind[kind]().map(text => ({ kind, text }))));
}
