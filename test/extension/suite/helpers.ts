// Helpers shared by the in-host tests (bundled into each *.test.js by esbuild).
// Everything that waits on the language server polls with a deadline: the
// server debounces and runs in another process, so fixed sleeps would either
// flake or waste time.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'layerwise.layerwise';
export const SOURCE = 'layerwise';

export const RULE = {
  copyAll: 'copy-all-before-install',
  baseLatest: 'base-image-latest',
  secret: 'secret-in-env-or-arg',
} as const;

/** Must equal test/fixtures/workspace/Dockerfile (checked by the activation test). */
export const FIXTURE_DOCKERFILE = [
  'FROM python:latest',
  'ENV API_TOKEN=abc123',
  'WORKDIR /app',
  'COPY . .',
  'RUN pip install -r requirements.txt',
  'CMD ["python", "main.py"]',
  '',
].join('\n');

export const LINE = {
  from: 'FROM python:latest',
  env: 'ENV API_TOKEN=abc123',
  copyAll: 'COPY . .',
  pipInstall: 'RUN pip install -r requirements.txt',
  copyRequirements: 'COPY requirements.txt .',
} as const;

/** Time allowed for the server to (re)publish diagnostics. Generous for cold CI starts. */
export const DIAGNOSTICS_TIMEOUT_MS = 30_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test host opened no workspace folder');
  return folder.uri;
}

/** A diagnostic's code is either the rule id or {value: ruleId, target: Uri}. */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

export function layerwiseDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function findDiagnostic(uri: vscode.Uri, rule: string): vscode.Diagnostic | undefined {
  return layerwiseDiagnostics(uri).find((d) => ruleIdOf(d) === rule);
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return 'no diagnostics at all';
  return all.map((d) => `${d.source ?? '?'}:${ruleIdOf(d) ?? '?'}@${d.range.start.line + 1}`).join(', ');
}

/** Polls `probe` until it returns a truthy value; fails with `describe()` on timeout. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = DIAGNOSTICS_TIMEOUT_MS,
  describe?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}${describe ? `; ${describe()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function waitForDiagnostic(doc: vscode.TextDocument, rule: string): Promise<vscode.Diagnostic> {
  return waitFor(`a ${SOURCE} diagnostic "${rule}" in ${vscode.workspace.asRelativePath(doc.uri)}`,
    () => findDiagnostic(doc.uri, rule), DIAGNOSTICS_TIMEOUT_MS, () => `diagnostics: ${describeDiagnostics(doc.uri)}`);
}

export async function waitForNoDiagnostic(doc: vscode.TextDocument, rule: string): Promise<void> {
  await waitFor(`the "${rule}" diagnostic to disappear from ${vscode.workspace.asRelativePath(doc.uri)}`,
    () => !findDiagnostic(doc.uri, rule), DIAGNOSTICS_TIMEOUT_MS,
    () => `diagnostics: ${describeDiagnostics(doc.uri)}; text:\n${doc.getText()}`);
}

/** Zero-based line of the first line whose trimmed text equals `text`. */
export function lineOf(doc: vscode.TextDocument, text: string): number {
  for (let i = 0; i < doc.lineCount; i++) {
    if (doc.lineAt(i).text.trim() === text) return i;
  }
  assert.fail(`line "${text}" not found in ${vscode.workspace.asRelativePath(doc.uri)}:\n${doc.getText()}`);
}

export function trimmedLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim());
}

/**
 * Asserts the cache-friendly order: COPY requirements.txt . -> RUN pip install
 * -> (later) COPY . . The pip line is matched loosely because other safe fixes
 * (e.g. adding --no-cache-dir) may rewrite it in the same pass.
 */
export function assertCopyReordered(text: string): void {
  const lines = trimmedLines(text);
  const req = lines.indexOf(LINE.copyRequirements);
  const pip = lines.findIndex((l) => /^RUN\s+pip3? install\b.*\brequirements\.txt\b/.test(l));
  const all = lines.lastIndexOf(LINE.copyAll);
  assert.ok(req >= 0 && pip > req && all > pip,
    `expected "${LINE.copyRequirements}" before "${LINE.pipInstall}" followed later by "${LINE.copyAll}", got:\n${text}`);
}

let caseCounter = 0;

/**
 * Copies the fixture (Dockerfile, requirements.txt, main.py) into a new folder
 * cases/<name>-<n>/ of the workspace and opens its Dockerfile in an editor, so
 * every test edits its own file and tests cannot disturb each other.
 */
export async function openFreshCase(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const root = workspaceRoot();
  const dir = vscode.Uri.joinPath(root, 'cases', `${name}-${++caseCounter}`);
  await vscode.workspace.fs.createDirectory(dir);
  for (const f of ['requirements.txt', 'main.py']) {
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(root, f), vscode.Uri.joinPath(dir, f), { overwrite: true });
  }
  const file = vscode.Uri.joinPath(dir, 'Dockerfile');
  await vscode.workspace.fs.writeFile(file, Buffer.from(FIXTURE_DOCKERFILE, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(file);
  assert.strictEqual(doc.languageId, 'dockerfile', `${file.path} did not open as a dockerfile document`);
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

/** Discards unsaved changes and closes the document's editor. */
export async function revertAndClose(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** Code actions of `kind` for `range`, resolved (edits may be filled in lazily). */
export async function codeActions(doc: vscode.TextDocument, range: vscode.Range, kind: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  const result = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', doc.uri, range, kind.value, 50);
  // Bare Commands (their `command` is a string) are not code actions.
  return (result ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

export function describeActions(actions: readonly vscode.CodeAction[]): string {
  if (actions.length === 0) return 'no code actions';
  return actions.map((a) => `"${a.title}"${a.isPreferred ? ' (preferred)' : ''} [${a.kind?.value ?? 'no kind'}]`).join(', ');
}

/** Applies a code action the way the editor does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit || action.command, `code action "${action.title}" has neither an edit nor a command`);
  if (action.edit) {
    const ok = await vscode.workspace.applyEdit(action.edit);
    assert.ok(ok, `workspace.applyEdit refused the edit of "${action.title}"`);
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

/** Plain text of hover results (markdown sources joined). */
export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** A position inside the diagnostic's range (hovering its very edge may miss). */
export function insideRange(range: vscode.Range): vscode.Position {
  if (range.isSingleLine && range.end.character > range.start.character) {
    return range.start.translate(0, Math.floor((range.end.character - range.start.character) / 2));
  }
  return range.start;
}
