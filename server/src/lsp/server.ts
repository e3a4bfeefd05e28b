import * as path from 'node:path';
import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction, CodeActionKind, DidChangeConfigurationNotification, TextDocumentSyncKind, TextDocuments,
  type ClientCapabilities, type CodeActionParams, type Connection, type Diagnostic, type Hover, type InitializeParams, type InitializeResult, type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from '../engine/analyze';
import { CONFIG_FILE_NAMES, ConfigError, emptyConfig, findConfigFile, findHadolintConfigFile, HADOLINT_CONFIG_FILE_NAMES, loadConfigFile, mergeConfigs, rulesFromObject, type LayerwiseConfig } from '../engine/config';
import { DiskBuildContext, invalidateBuildContexts, onBuildContextScan, releaseBuildContexts } from '../engine/context';
import { fixAll } from '../engine/fix';
import { DockerfileModel } from '../engine/model';
import { ignoreForInstructionEdit, ignoreInFileEdit } from '../engine/suppress';
import { minimalEdit, rangesOverlap } from '../engine/text';
import type { Fix, Range } from '../engine/types';
import { SOURCE, toDiagnostic } from './convert';
import { FEATURES } from './features';
import { injectRuleFaults } from './faults';
import { isTooLarge, tooLargeDiagnostic } from './limits';
import type { FeatureContext } from './features/types';
import { hoverAt } from './hover';
import { registerRequests } from './requests';
import { shellCheckAfterPublish } from './shellcheck';
import type { ShellCheckFinding } from '../shellcheck/run';
import { DEFAULT_SETTINGS, normaliseSettings, type ServerSettings } from './settings';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.layerwise`;

/** Keyed by version, settings generation and the settings object, so a late answer with old settings is never reused. */
interface CachedAnalysis { version: number; generation: number; settings: ServerSettings; analysis: Analysis }

/** Wires the engine to one LSP connection. Every handler works on the one cached parse per document version. */
export function startServer(connection: Connection): void {
  injectRuleFaults();
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, CachedAnalysis>();
  /** The one parse per open document version, shared by analysis and every editor feature. */
  const models = new Map<string, { version: number; model: DockerfileModel }>();
  let clientCapabilities: ClientCapabilities = {};
  /** ShellCheck's findings of the version they were published for, so code actions can offer their fixes. */
  const shellCheckFindings = new Map<string, { version: number; findings: ShellCheckFinding[] }>();
  const timers = new Map<string, NodeJS.Timeout>();
  const settingsByUri = new Map<string, Promise<ServerSettings>>();
  /** Rules that threw on a document stay off for it; the rest keep working. */
  const brokenRules = new Map<string, Set<string>>();
  const reportedConfigErrors = new Set<string>();
  const configFiles = new Map<string, { mtimeMs: number; config: LayerwiseConfig }>();
  let pullConfiguration = false;
  /** Only clients that offer it may be asked to register for configuration changes (Neovim 0.7 does not). */
  let registerForConfigurationChanges = false;
  let documentChangesSupported = false;
  let createFilesSupported = false;
  let globalSettings: ServerSettings = DEFAULT_SETTINGS;
  /** Bumped whenever settings or config files change, so cached analyses are recomputed. */
  let generation = 0;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    clientCapabilities = caps;
    pullConfiguration = !!caps.workspace?.configuration;
    registerForConfigurationChanges = pullConfiguration && !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    documentChangesSupported = !!caps.workspace?.workspaceEdit?.documentChanges;
    createFilesSupported = documentChangesSupported && !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create');
    // Clients without workspace/configuration (or before it answers) can pass settings here.
    if (params.initializationOptions) globalSettings = normaliseSettings(params.initializationOptions);
    const featureCapabilities = FEATURES.map(f => f.capabilities(caps));
    return {
      capabilities: {
        ...Object.assign({}, ...featureCapabilities),
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      },
      serverInfo: { name: 'layerwise', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (registerForConfigurationChanges) {
      // Ask to be told about changes (clients without dynamic registration send them anyway).
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'layerwise' }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration(change => {
    settingsByUri.clear();
    if (!pullConfiguration && change.settings) globalSettings = normaliseSettings(change.settings);
    invalidateAll();
  });

  connection.onDidChangeWatchedFiles(params => {
    let settingsChanged = false;
    for (const change of params.changes) {
      if (!change.uri.startsWith('file:')) continue;
      let file: string;
      try { file = fileURLToPath(change.uri); } catch { continue; }
      // Any file of a build context: its scan goes stale and a debounced rescan runs in the
      // background; the documents of that context are revalidated when it lands (below).
      invalidateBuildContexts(file);
      // Config and ignore files change every analysis at once. A deleted or moved folder
      // reports only itself, so a config file read from inside it counts too.
      if (isSettingsFile(file) || [...configFiles.keys()].some(f => f.startsWith(file + path.sep))) settingsChanged = true;
    }
    if (settingsChanged) {
      configFiles.clear();
      invalidateAll();
    }
  });

  /**
   * Analysis never waits for a build-context scan: rules that need one stay silent until it
   * lands. Then the open documents of that context are analysed again, when the scan says
   * something new and nothing newer is on its way (a pending validation, or a version or
   * generation that the cached analysis is not for, will read the scan anyway). Lives as long
   * as the server process.
   */
  onBuildContextScan(event => {
    if (!event.changed) return;
    for (const doc of documents.all()) {
      if (timers.has(doc.uri) || documentDir(doc.uri) !== event.root) continue;
      const cached = analyses.get(doc.uri);
      if (!cached || cached.version !== doc.version || cached.generation !== generation) continue;
      analyses.delete(doc.uri);
      schedule(doc, 0);
    }
  });

  function invalidateAll(): void {
    generation++;
    reportedConfigErrors.clear();
    for (const doc of documents.all()) schedule(doc, 0);
    for (const feature of FEATURES) feature.settingsChanged?.(featureContext);
  }

  function settingsFor(uri: string): Promise<ServerSettings> {
    if (!pullConfiguration) return Promise.resolve(globalSettings);
    let pending = settingsByUri.get(uri);
    if (!pending) {
      pending = connection.workspace.getConfiguration({ scopeUri: uri, section: 'layerwise' })
        // A client with nothing configured answers null (Neovim does): keep what initializationOptions said.
        .then(raw => raw == null ? globalSettings : normaliseSettings(raw), () => globalSettings);
      settingsByUri.set(uri, pending);
    }
    return pending;
  }

  function fileConfig(file: string): LayerwiseConfig {
    const mtimeMs = fs.statSync(file).mtimeMs;
    const hit = configFiles.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.config;
    const config = loadConfigFile(file);
    configFiles.set(file, { mtimeMs, config });
    return config;
  }

  function reportConfigError(message: string): void {
    if (reportedConfigErrors.has(message)) return;
    reportedConfigErrors.add(message);
    connection.console.error(message);
    void connection.window.showWarningMessage(`Layerwise: ${message}. Using the defaults for the affected settings.`);
  }

  /** Layers: rule defaults < nearest `.hadolint.yaml` < nearest `.layerwise.yaml` < editor settings. */
  function configFor(dir: string | undefined, settings: ServerSettings): LayerwiseConfig {
    let fromFile: LayerwiseConfig | undefined;
    let fromHadolint: LayerwiseConfig | undefined;
    if (dir) {
      try {
        const file = findConfigFile(dir);
        if (file) fromFile = fileConfig(file);
      } catch (e) {
        if (e instanceof ConfigError) reportConfigError(e.message); else throw e;
      }
      try {
        // loadConfigFile reads it as hadolint's format (by its name).
        const file = findHadolintConfigFile(dir);
        if (file) fromHadolint = fileConfig(file);
      } catch (e) {
        if (e instanceof ConfigError) reportConfigError(e.message); else throw e;
      }
    }
    let fromSettings: LayerwiseConfig = emptyConfig();
    try {
      fromSettings = { rules: rulesFromObject(settings.rules, 'setting layerwise.rules'), source: 'settings' };
    } catch (e) {
      if (e instanceof ConfigError) reportConfigError(e.message); else throw e;
    }
    return mergeConfigs(fromHadolint, fromFile, fromSettings);
  }

  function documentDir(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try { return path.dirname(fileURLToPath(uri)); } catch { return undefined; }
  }

  /**
   * The Dockerfile's folder is its build context (so `Dockerfile.dockerignore` beside it is found).
   * Scanned in the background: analyses and hovers never wait for the disk walk.
   */
  function buildContextFor(uri: string): DiskBuildContext | undefined {
    const dir = documentDir(uri);
    return dir ? new DiskBuildContext(dir, { dockerfile: fileURLToPath(uri), scanMode: 'background' }) : undefined;
  }

  function modelOf(doc: TextDocument): DockerfileModel {
    const cached = models.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.model;
    // A document too large to analyse gets an empty parse: every feature answers nothing, at once.
    const model = new DockerfileModel(isTooLarge(doc) ? '' : doc.getText());
    models.set(doc.uri, { version: doc.version, model });
    return model;
  }

  function analysisFor(doc: TextDocument, settings: ServerSettings): Analysis {
    const cached = analyses.get(doc.uri);
    if (cached && cached.version === doc.version && cached.generation === generation && cached.settings === settings) return cached.analysis;
    const dir = documentDir(doc.uri);
    const broken = brokenRules.get(doc.uri);
    const analysis = analyze(modelOf(doc), {
      config: configFor(dir, settings),
      buildContext: buildContextFor(doc.uri),
      disabledRules: broken,
    });
    for (const failure of analysis.failures) {
      let set = brokenRules.get(doc.uri);
      if (!set) brokenRules.set(doc.uri, (set = new Set()));
      set.add(failure.ruleId);
      connection.console.error(`Rule ${failure.ruleId} failed on ${doc.uri} and is disabled for this document: ${failure.error.stack ?? failure.error.message}`);
    }
    analyses.set(doc.uri, { version: doc.version, generation, settings, analysis });
    return analysis;
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const startGeneration = generation;
    const settings = await settingsFor(uri);
    const current = documents.get(uri);
    // Never publish for a version, or settings, that have been superseded meanwhile;
    // the change that superseded them scheduled a fresh validation.
    if (!current || current.version !== version || startGeneration !== generation) return;
    let diagnostics: Diagnostic[] = [];
    // `Dockerfile.dockerignore` matches the `Dockerfile.*` pattern but is an ignore file.
    if (settings.enable && !/\.dockerignore$/i.test(uri) && isTooLarge(current)) {
      diagnostics = [tooLargeDiagnostic(current)];
    } else if (settings.enable && !/\.dockerignore$/i.test(uri)) {
      try {
        diagnostics = analysisFor(current, settings).findings.map(f => toDiagnostic(f, settings.docsBaseUrl));
      } catch (e) {
        connection.console.error(`Analysis of ${uri} failed: ${(e as Error).stack ?? e}`);
        return;
      }
    }
    void connection.sendDiagnostics({ uri, version, diagnostics });
    // ShellCheck answers later; its findings are then published merged with these, for this version only.
    const analysed = analyses.get(uri);
    shellCheckAfterPublish(connection, {
      uri, version, diagnostics, settings,
      model: analysed?.version === version ? analysed.analysis.model : undefined,
      isCurrent: () => documents.get(uri)?.version === version && generation === startGeneration,
      onFindings: findings => shellCheckFindings.set(uri, { version, findings }),
    });
  }

  function schedule(doc: TextDocument, delay: number): void {
    clearTimeout(timers.get(doc.uri));
    timers.set(doc.uri, setTimeout(() => {
      timers.delete(doc.uri);
      // An unhandled rejection would end the process: whatever fails here is logged instead.
      validate(doc.uri).catch(e => connection.console.error(`Validation of ${doc.uri} failed: ${(e as Error)?.stack ?? e}`));
    }, delay));
  }

  /** The version each open document was opened at: its first analysis is not debounced. */
  const openedAt = new Map<string, number>();
  documents.onDidOpen(e => {
    openedAt.set(e.document.uri, e.document.version);
    schedule(e.document, 0);
  });
  documents.onDidChangeContent(e => {
    // onDidChangeContent also fires on open; the open handler already scheduled that one.
    if (openedAt.get(e.document.uri) === e.document.version) return;
    void settingsFor(e.document.uri).then(s => {
      if (documents.get(e.document.uri)?.version === e.document.version) schedule(e.document, s.debounceMs);
    });
  });
  documents.onDidClose(e => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analyses.delete(e.document.uri);
    models.delete(e.document.uri);
    shellCheckFindings.delete(e.document.uri);
    settingsByUri.delete(e.document.uri);
    brokenRules.delete(e.document.uri);
    openedAt.delete(e.document.uri);
    // The last open document of a build context: file changes there no longer start rescans.
    const dir = documentDir(e.document.uri);
    if (dir && !documents.all().some(d => d.uri !== e.document.uri && documentDir(d.uri) === dir)) releaseBuildContexts(dir);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const settings = await settingsFor(doc.uri);
    if (!settings.enable) return null;
    return hoverAt(analysisFor(doc, settings), params.position, { docsBaseUrl: settings.docsBaseUrl, buildContext: buildContextFor(doc.uri) });
  });

  connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const settings = await settingsFor(doc.uri);
    if (!settings.enable) return [];
    const analysis = analysisFor(doc, settings);
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some(k => kind === k || kind.startsWith(k + '.'));
    const actions: CodeAction[] = [];
    const edit = (edits: TextEdit[]): WorkspaceEdit => documentChangesSupported
      ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
      : { changes: { [doc.uri]: edits } };

    if (wants(CodeActionKind.QuickFix)) {
      const ignored = new Set<string>();
      const fromShellCheck = shellCheckFindings.get(doc.uri);
      const findings = fromShellCheck?.version === doc.version ? [...analysis.findings, ...fromShellCheck.findings] : analysis.findings;
      for (const f of findings) {
        if (!rangesOverlap(f.range, params.range)) continue;
        const diagnostic = params.context.diagnostics.find(d => d.source === SOURCE && d.code === f.ruleId && sameRange(d.range, f.range));
        const diagnostics = diagnostic ? [diagnostic] : undefined;
        for (const fix of f.fixes?.() ?? []) {
          const workspaceEdit = fix.createFiles?.length || fix.appendFiles?.length ? fileFixEdit(doc, fix) : edit(fix.edits);
          if (workspaceEdit) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: fix.safe, edit: workspaceEdit });
        }
        const instruction = analysis.model.instructionAtLine(f.range.start.line);
        const key = `${f.ruleId}@${instruction?.index}`;
        if (ignored.has(key)) continue;
        ignored.add(key);
        if (instruction) {
          actions.push({ title: `Ignore ${f.ruleId} for this instruction`, kind: CodeActionKind.QuickFix, diagnostics, edit: edit([ignoreForInstructionEdit(analysis.model, instruction, f.ruleId)]) });
        }
        actions.push({ title: `Ignore ${f.ruleId} in this file`, kind: CodeActionKind.QuickFix, diagnostics, edit: edit([ignoreInFileEdit(analysis.model, f.ruleId)]) });
      }
    }

    // Only on explicit request (fix-all on save, or the Source Action menu).
    if (only && wants(FIX_ALL_KIND) && !isTooLarge(doc)) {
      const dir = documentDir(doc.uri);
      const text = doc.getText();
      const result = fixAll(text, { config: configFor(dir, settings), buildContext: buildContextFor(doc.uri), disabledRules: brokenRules.get(doc.uri) });
      const change = minimalEdit(text, result.text);
      if (change) actions.push({ title: `Fix all auto-fixable Layerwise problems (${result.applied.length})`, kind: FIX_ALL_KIND, edit: edit([change]) });
    }
    return actions;
  });

  registerRequests(connection, uri => documents.get(uri)?.getText());

  const featureContext: FeatureContext = {
    connection,
    documents,
    clientCapabilities: () => clientCapabilities,
    settingsFor,
    modelFor: uri => {
      const doc = documents.get(uri);
      return doc ? modelOf(doc) : undefined;
    },
    analysisFor: async uri => {
      const doc = documents.get(uri);
      if (!doc) return undefined;
      const settings = await settingsFor(uri);
      const current = documents.get(uri);
      if (!current || !settings.enable) return undefined;
      return analysisFor(current, settings);
    },
    buildContextFor,
    documentDir,
  };
  for (const feature of FEATURES) feature.register(featureContext);

  /**
   * Fixes that create or extend files in the build context (`.dockerignore`). They need a
   * client that applies resource operations; without one the fix is not offered.
   */
  function fileFixEdit(doc: TextDocument, fix: Fix): WorkspaceEdit | undefined {
    const dir = documentDir(doc.uri);
    if (!dir || !documentChangesSupported) return undefined;
    const inside = (rel: string) => {
      const file = path.resolve(dir, rel);
      return file.startsWith(dir + path.sep) ? file : undefined;
    };
    const changes: NonNullable<WorkspaceEdit['documentChanges']> = [];
    if (fix.edits.length) changes.push({ textDocument: { uri: doc.uri, version: doc.version }, edits: fix.edits });
    for (const f of fix.createFiles ?? []) {
      const file = inside(f.path);
      if (!file || !createFilesSupported) return undefined;
      const uri = pathToFileURL(file).toString();
      changes.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
      changes.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: f.content }] });
    }
    for (const f of fix.appendFiles ?? []) {
      const file = inside(f.path);
      if (!file) return undefined;
      const uri = pathToFileURL(file).toString();
      const open = documents.get(uri);
      let text: string;
      try { text = open ? open.getText() : fs.readFileSync(file, 'utf8'); } catch { return undefined; }
      const end = TextDocument.create(uri, 'ignore', 0, text).positionAt(text.length);
      changes.push({ textDocument: { uri, version: open ? open.version : null }, edits: [{ range: { start: end, end }, newText: f.content }] });
    }
    return { documentChanges: changes };
  }

  documents.listen(connection);
  connection.listen();
}

/** Files whose change re-analyses every open document: the config layers and the ignore files. */
function isSettingsFile(file: string): boolean {
  const name = path.basename(file);
  return CONFIG_FILE_NAMES.includes(name) || HADOLINT_CONFIG_FILE_NAMES.includes(name) || name.endsWith('.dockerignore');
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

declare const __LAYERWISE_VERSION__: string | undefined;
export const SERVER_VERSION = typeof __LAYERWISE_VERSION__ === 'string' ? __LAYERWISE_VERSION__ : '0.0.0-dev';
