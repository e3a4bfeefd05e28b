import { DEFAULT_FORMAT_SETTINGS, normaliseFormatSettings, type FormatSettings } from '../engine/format/options';
import type { SeveritySetting } from '../engine/types';
import { DEFAULT_SHELLCHECK_SETTINGS, normaliseShellCheckSettings, type ShellCheckSettings } from './shellcheck';

/** The `layerwise.*` settings the server reads (from the client, or initializationOptions). */
export interface ServerSettings {
  enable: boolean;
  /** Severity per rule id or alias; overrides `.layerwise.yaml`. */
  rules: Record<string, SeveritySetting>;
  /** Delay before re-analysing after an edit, in milliseconds. */
  debounceMs: number;
  /** Where rule documentation lives; defaults to the pages shipped with the server. */
  docsBaseUrl?: string;
  /** `layerwise.shellcheck.*`: run ShellCheck on RUN scripts. */
  shellcheck: ShellCheckSettings;
  /** `layerwise.inlayHints.*`: show the resolved value of ARG/ENV variables where they are used. */
  inlayHints: { enable: boolean };
  /** `layerwise.format.*`: continuation indentation, aligned lines, blank lines. */
  format: FormatSettings;
  /** `layerwise.completion.*`: look up published base-image tags on Docker Hub (off by default). */
  completion: { registryTags: boolean };
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, rules: {}, debounceMs: 150, shellcheck: DEFAULT_SHELLCHECK_SETTINGS, inlayHints: { enable: true }, format: DEFAULT_FORMAT_SETTINGS, completion: { registryTags: false } };

/** Accepts both `{layerwise: {...}}` and the inner object; ignores malformed fields. */
export function normaliseSettings(raw: unknown): ServerSettings {
  const obj = (raw && typeof raw === 'object' && 'layerwise' in raw ? (raw as { layerwise: unknown }).layerwise : raw) as Record<string, unknown> | undefined;
  if (!obj || typeof obj !== 'object') return { ...DEFAULT_SETTINGS };
  const validate = (obj.validate && typeof obj.validate === 'object' ? obj.validate : {}) as Record<string, unknown>;
  const debounce = Number(validate.debounce ?? obj.debounceMs);
  return {
    enable: obj.enable !== false,
    rules: obj.rules && typeof obj.rules === 'object' ? { ...(obj.rules as Record<string, SeveritySetting>) } : {},
    debounceMs: Number.isFinite(debounce) && debounce >= 0 ? Math.min(debounce, 5000) : DEFAULT_SETTINGS.debounceMs,
    docsBaseUrl: typeof obj.docsBaseUrl === 'string' && obj.docsBaseUrl ? obj.docsBaseUrl : undefined,
    shellcheck: normaliseShellCheckSettings(obj.shellcheck),
    inlayHints: { enable: (obj.inlayHints as { enable?: unknown } | undefined)?.enable !== false },
    format: normaliseFormatSettings(obj.format),
    completion: { registryTags: (obj.completion as { registryTags?: unknown } | undefined)?.registryTags === true },
  };
}
