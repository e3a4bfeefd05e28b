import * as vscode from 'vscode';
import type { AskResult, Prompter, StepInfo } from './flow';
import type { MultiQuestion, PickQuestion, Question, TextQuestion, Validation } from './prompt-model';

const CHANGE_CONTEXT: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('folder-opened'), tooltip: 'Change the build context folder' };
const MARK_SECRET: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('unlock'), tooltip: 'Treat as a secret: hide it and keep it only in secret storage' };
const MARK_PLAIN: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('lock'), tooltip: 'Secret: hidden, kept only in secret storage. Click to treat it as a plain value.' };

interface Item extends vscode.QuickPickItem { id: string }

/**
 * The multi-step input people see: one quick pick or input box per question, titled
 * "Layerwise: Build (2/5)", with Back, a "change build context" button and, on
 * environment values, a button that marks the value as secret (masked, SecretStorage).
 */
export class QuickInputPrompter implements Prompter {
  /** `contextDir` gives the current build context, shown on the button that changes it. */
  constructor(private readonly contextDir: () => string) {}

  ask(q: Question, step: StepInfo): Promise<AskResult> {
    return q.kind === 'text' ? this.input(q, step) : this.pick(q, step);
  }

  async choose(_id: string, message: string, choices: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true }, ...choices);
  }

  private buttons(step: StepInfo): vscode.QuickInputButton[] {
    const contextButton = { ...CHANGE_CONTEXT, tooltip: `Change the build context folder (now ${this.contextDir()})` };
    return step.index > 0 ? [vscode.QuickInputButtons.Back, contextButton] : [contextButton];
  }

  private input(q: TextQuestion, step: StepInfo): Promise<AskResult> {
    return new Promise(resolve => {
      const box = vscode.window.createInputBox();
      let secret = q.secret;
      let done = false;
      const finish = (r: AskResult) => { if (done) return; done = true; resolve(r); box.hide(); };
      const buttons = () => [...this.buttons(step), ...(q.canToggleSecret ? [secret ? MARK_PLAIN : MARK_SECRET] : [])];
      const show = (v: Validation | undefined) => {
        box.validationMessage = v ? { message: v.message, severity: v.severity === 'error' ? vscode.InputBoxValidationSeverity.Error : vscode.InputBoxValidationSeverity.Warning } : undefined;
      };
      box.title = step.title;
      box.prompt = q.prompt;
      box.placeholder = q.placeholder;
      box.value = q.default;
      box.password = secret;
      box.ignoreFocusOut = true;
      box.buttons = buttons();
      show(q.validate(box.value, secret));
      box.onDidChangeValue(v => show(q.validate(v, secret)));
      box.onDidAccept(() => {
        const v = q.validate(box.value, secret);
        show(v);
        if (v?.severity === 'error') return;
        finish({ kind: 'answer', value: q.canToggleSecret ? { value: box.value, secret } : box.value });
      });
      box.onDidTriggerButton(b => {
        if (b === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
        else if (b.iconPath instanceof vscode.ThemeIcon && b.iconPath.id === 'folder-opened') finish({ kind: 'changeContext' });
        else if (b === MARK_SECRET || b === MARK_PLAIN) {
          secret = !secret;
          box.password = secret;
          box.buttons = buttons();
          show(q.validate(box.value, secret));
        }
      });
      box.onDidHide(() => { finish({ kind: 'cancel' }); box.dispose(); });
      box.show();
    });
  }

  private pick(q: PickQuestion | MultiQuestion, step: StepInfo): Promise<AskResult> {
    return new Promise(resolve => {
      const qp = vscode.window.createQuickPick<Item>();
      let done = false;
      const finish = (r: AskResult) => { if (done) return; done = true; resolve(r); qp.hide(); };
      qp.title = step.title;
      qp.placeholder = q.prompt;
      qp.ignoreFocusOut = true;
      qp.matchOnDescription = true;
      qp.matchOnDetail = true;
      qp.canSelectMany = q.kind === 'multi';
      qp.buttons = this.buttons(step);
      const items: Item[] = q.items.map(i => ({ id: i.id, label: i.label, description: i.description, detail: i.detail }));
      qp.items = items;
      if (q.kind === 'multi') qp.selectedItems = items.filter(i => q.defaultIds.includes(i.id));
      else qp.activeItems = items.filter(i => i.id === q.defaultId);
      qp.onDidAccept(() => {
        if (q.kind === 'multi') finish({ kind: 'answer', value: qp.selectedItems.map(i => i.id) });
        else {
          const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
          if (chosen) finish({ kind: 'answer', value: chosen.id });
        }
      });
      qp.onDidTriggerButton(b => {
        if (b === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
        else finish({ kind: 'changeContext' });
      });
      qp.onDidHide(() => { finish({ kind: 'cancel' }); qp.dispose(); });
      qp.show();
    });
  }
}
