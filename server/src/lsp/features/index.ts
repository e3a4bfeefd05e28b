import type { Feature } from './types';

/**
 * Editor features beyond diagnostics, hovers and code actions, one module each. The server
 * merges their capabilities into its `initialize` answer and lets each register its handlers.
 */
export const FEATURES: Feature[] = [
];
