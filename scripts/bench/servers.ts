/** How the benchmarks start the two language servers: both from their shipped JavaScript, on stdio. */
import { ALL_RULES } from '../../server/src/engine/rules';
import type { ServerCommand } from './lsp-client';
import { PEER_SERVER_JS, SERVER_JS } from './inputs';

/** Every rule on: the experimental ones run only when configured, so they get their default severity. */
export function everyRuleOn(): Record<string, string> {
  return Object.fromEntries(ALL_RULES.filter(r => r.experimental).map(r => [r.id, r.severity]));
}

export function layerwiseServer(options: { debounceMs?: number; shellcheck?: boolean } = {}): ServerCommand {
  const settings = {
    validate: { debounce: options.debounceMs ?? 0 },
    rules: everyRuleOn(),
    shellcheck: { enable: options.shellcheck ?? true },
  };
  return {
    name: 'layerwise',
    args: [SERVER_JS, '--stdio'],
    initializationOptions: settings,
    configuration: section => (section === 'layerwise' ? settings : null),
  };
}

/** dockerfile-language-server-nodejs with its default settings (it validates on every change, no debounce). */
export function peerServer(): ServerCommand {
  return { name: 'dockerfile-language-server-nodejs', args: [PEER_SERVER_JS, '--stdio'], configuration: () => null };
}
