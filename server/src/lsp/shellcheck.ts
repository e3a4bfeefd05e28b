/**
 * ShellCheck in the language server. Layerwise's own diagnostics are published first; ShellCheck
 * runs afterwards in its own process and, when it answers while the document is still at the
 * same version, the diagnostics are published again with its findings merged in.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import type { DockerfileModel } from '../engine/model';
import type { Severity } from '../engine/types';
import { runShellCheck, type ShellCheckFinding } from '../shellcheck/run';
import { SOURCE } from './convert';

/** `layerwise.shellcheck.*`. */
export interface ShellCheckSettings {
  enable: boolean;
  /** The program; only a user (machine-scope) setting may change it. */
  path?: string;
}

export const DEFAULT_SHELLCHECK_SETTINGS: ShellCheckSettings = { enable: true };

/** Reads `layerwise.shellcheck` ({enable, path}); malformed fields fall back to the defaults. */
export function normaliseShellCheckSettings(raw: unknown): ShellCheckSettings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const path = typeof obj.path === 'string' && obj.path.trim() ? obj.path.trim() : undefined;
  return { enable: obj.enable !== false, path };
}

export interface AfterPublish {
  uri: string;
  version: number;
  /** What was just published. */
  diagnostics: Diagnostic[];
  /** The parse those diagnostics came from; undefined when nothing was analysed. */
  model?: DockerfileModel;
  settings: { enable: boolean; shellcheck?: ShellCheckSettings };
  /** Still the document's current version and settings? Checked before publishing again. */
  isCurrent(): boolean;
  /** Receives the findings just before they are published (code actions offer their fixes). */
  onFindings?(findings: ShellCheckFinding[]): void;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/**
 * ShellCheck starts only once a document has rested this long: while someone types, each
 * keystroke would otherwise start a process that competes with the next analysis for the CPU,
 * only to be superseded by it.
 */
export const SHELLCHECK_IDLE_MS = 300;

const running = new WeakMap<Connection, Map<string, AbortController>>();
const reportedMissing = new WeakMap<Connection, Set<string>>();

/** Starts ShellCheck for a document whose diagnostics were just published. Returns at once. */
export function shellCheckAfterPublish(connection: Connection, p: AfterPublish): void {
  void run(connection, p).catch(e => connection.console.error(`ShellCheck on ${p.uri} failed: ${(e as Error).stack ?? e}`));
}

async function run(connection: Connection, p: AfterPublish): Promise<void> {
  let inFlight = running.get(connection);
  if (!inFlight) running.set(connection, (inFlight = new Map()));
  // A newer version supersedes a check still running for an older one.
  inFlight.get(p.uri)?.abort();
  inFlight.delete(p.uri);
  const settings = p.settings.shellcheck ?? DEFAULT_SHELLCHECK_SETTINGS;
  if (!p.settings.enable || !settings.enable || !p.model) return;
  const controller = new AbortController();
  inFlight.set(p.uri, controller);
  try {
    await new Promise(resolve => setTimeout(resolve, SHELLCHECK_IDLE_MS));
    if (controller.signal.aborted || !p.isCurrent()) return;
    const result = await runShellCheck(p.model, { path: settings.path, signal: controller.signal });
    if (result.status === 'missing') {
      // Not installed is a normal state: say so once, quietly.
      let said = reportedMissing.get(connection);
      if (!said) reportedMissing.set(connection, (said = new Set()));
      if (!said.has(result.message)) {
        said.add(result.message);
        connection.console.debug(`ShellCheck is not available (${result.message}); RUN scripts are not checked by it.`);
      }
      return;
    }
    if (result.status === 'failed') {
      if (!controller.signal.aborted) connection.console.warn(`ShellCheck on ${p.uri}: ${result.message}`);
      return;
    }
    if (!result.findings.length || controller.signal.aborted || !p.isCurrent()) return;
    p.onFindings?.(result.findings);
    await connection.sendDiagnostics({ uri: p.uri, version: p.version, diagnostics: [...p.diagnostics, ...result.findings.map(toDiagnostic)] });
  } finally {
    if (inFlight.get(p.uri) === controller) inFlight.delete(p.uri);
  }
}

export function toDiagnostic(f: ShellCheckFinding): Diagnostic {
  return { range: f.range, severity: SEVERITY[f.severity], source: SOURCE, code: f.ruleId, codeDescription: { href: f.href }, message: f.message };
}
