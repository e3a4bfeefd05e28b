/**
 * What the formatter is told: the editor's options for the request (LSP FormattingOptions:
 * tab size, spaces or tabs, final newline handling) plus the `layerwise.format.*` settings.
 */
export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
  /** Add a line break at the end when the file has none. */
  insertFinalNewline?: boolean;
  /** Remove every blank line after the last line break. */
  trimFinalNewlines?: boolean;
  /** Indentation width of continuation lines; undefined or null: the editor's tab size. */
  continuationIndent?: number | null;
  /**
   * Leave continuation lines that are deliberately aligned (escape characters in one padded
   * column, or lines lined up under a word of the first line) as written. Default true.
   */
  keepAlignedContinuations?: boolean;
  /** Longest run of blank lines kept between instructions. Default 1. */
  maxBlankLines?: number;
}

/** The `layerwise.format.*` settings. */
export interface FormatSettings {
  continuationIndent: number | null;
  keepAlignedContinuations: boolean;
  maxBlankLines: number;
}

export const DEFAULT_FORMAT_SETTINGS: FormatSettings = { continuationIndent: null, keepAlignedContinuations: true, maxBlankLines: 1 };

const MAX_INDENT = 16;
const MAX_BLANK_LINES = 10;

function boundedInteger(raw: unknown, max: number): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 0 ? Math.min(n, max) : undefined;
}

/** Reads `layerwise.format` from client settings; malformed fields fall back to the defaults. */
export function normaliseFormatSettings(raw: unknown): FormatSettings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    continuationIndent: boundedInteger(obj.continuationIndent, MAX_INDENT) ?? null,
    keepAlignedContinuations: obj.keepAlignedContinuations !== false,
    maxBlankLines: boundedInteger(obj.maxBlankLines, MAX_BLANK_LINES) ?? DEFAULT_FORMAT_SETTINGS.maxBlankLines,
  };
}

/** The options fully resolved: every field present and in range. */
export interface ResolvedFormatOptions {
  tabSize: number;
  insertSpaces: boolean;
  insertFinalNewline: boolean;
  trimFinalNewlines: boolean;
  /** Visual width of one continuation indent. */
  indentWidth: number;
  keepAligned: boolean;
  maxBlankLines: number;
}

export function resolveFormatOptions(options: FormatOptions): ResolvedFormatOptions {
  const tabSize = boundedInteger(options.tabSize, MAX_INDENT) || 4;
  return {
    tabSize,
    insertSpaces: options.insertSpaces !== false,
    insertFinalNewline: options.insertFinalNewline === true,
    trimFinalNewlines: options.trimFinalNewlines === true,
    indentWidth: boundedInteger(options.continuationIndent, MAX_INDENT) ?? tabSize,
    keepAligned: options.keepAlignedContinuations !== false,
    maxBlankLines: boundedInteger(options.maxBlankLines, MAX_BLANK_LINES) ?? DEFAULT_FORMAT_SETTINGS.maxBlankLines,
  };
}

/** Display width of leading whitespace, tabs advancing to the next tab stop. */
export function visualWidth(whitespace: string, tabSize: number): number {
  let w = 0;
  for (const c of whitespace) w = c === '\t' ? (Math.floor(w / tabSize) + 1) * tabSize : w + 1;
  return w;
}

/** Leading whitespace of a given display width in the requested style. */
export function renderIndent(width: number, o: ResolvedFormatOptions): string {
  if (o.insertSpaces) return ' '.repeat(width);
  return '\t'.repeat(Math.floor(width / o.tabSize)) + ' '.repeat(width % o.tabSize);
}
