import { completionFeature } from './completion';
import { foldingFeature } from './folding';
import { formattingFeature } from './formatting';
import { inlayHintsFeature } from './inlay-hints';
import { linksFeature } from './links';
import { navigationFeature } from './navigation';
import { renameFeature } from './rename';
import { semanticTokensFeature } from './semantic-tokens';
import { signatureHelpFeature } from './signature-help';
import { symbolsFeature } from './symbols';
import type { Feature } from './types';

/**
 * Editor features beyond diagnostics, hovers and code actions, one module each. The server
 * merges their capabilities into its `initialize` answer and lets each register its handlers.
 */
export const FEATURES: Feature[] = [
  symbolsFeature, navigationFeature, renameFeature, foldingFeature, linksFeature, semanticTokensFeature, inlayHintsFeature,
  completionFeature, signatureHelpFeature, formattingFeature,
];
