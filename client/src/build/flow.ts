/**
 * Walks the questions of prompt-model.ts with a Prompter: the VS Code quick inputs for
 * people, or a scripted one for tasks (values from tasks.json) and tests. Pure; no vscode.
 */
import { answerProblem, defaultAnswer, normaliseAnswer, questions, type Answer, type Answers, type PromptContext, type Question } from './prompt-model';

export interface StepInfo {
  /** `Layerwise: Build (2/5)`. */
  title: string;
  index: number;
  total: number;
}

export type AskResult =
  | { kind: 'answer'; value: Answer }
  | { kind: 'back' }
  | { kind: 'cancel' }
  /** The user asked to pick another build context; the flow restarts with it. */
  | { kind: 'changeContext' };

export interface Prompter {
  ask(q: Question, step: StepInfo): Promise<AskResult>;
  /** A yes/no-style decision outside the question list, e.g. "retry with the classic builder?". Undefined: dismissed. */
  choose(id: string, message: string, choices: string[]): Promise<string | undefined>;
}

export type FlowResult =
  | { kind: 'done'; answers: Answers }
  | { kind: 'cancel' }
  | { kind: 'changeContext'; answers: Answers };

/** Asks every question in turn; Back returns to the previous one with its answer kept as the default. */
export async function collectAnswers(ctx: PromptContext, prompter: Prompter, titlePrefix: string, initial: Answers = {}): Promise<FlowResult> {
  const answers: Answers = { ...initial };
  let index = 0;
  for (;;) {
    const qs = questions(ctx, answers);
    if (index >= qs.length) return { kind: 'done', answers: pruned(qs, answers) };
    const q = qs[index];
    const result = await prompter.ask(q, { title: `${titlePrefix} (${index + 1}/${qs.length})`, index, total: qs.length });
    if (result.kind === 'cancel') return { kind: 'cancel' };
    if (result.kind === 'changeContext') return { kind: 'changeContext', answers };
    if (result.kind === 'back') { index = Math.max(0, index - 1); continue; }
    answers[q.id] = normaliseAnswer(q, result.value);
    index++;
  }
}

/** Answers of questions that are no longer asked (an unset secret's value, say) are dropped. */
function pruned(qs: Question[], answers: Answers): Answers {
  const ids = new Set(qs.map(q => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => ids.has(id)));
}

export class ScriptError extends Error {}

function hasWarning(q: Question, a: Answer): boolean {
  if (q.kind !== 'text') return false;
  const value = typeof a === 'string' ? a : !Array.isArray(a) ? a.value : '';
  const secret = typeof a === 'object' && !Array.isArray(a) ? a.secret : q.secret;
  return q.validate(value, secret)?.severity === 'warning';
}

/**
 * Answers from a script: given values first, then the question's default when it is
 * acceptable, otherwise the fallback prompter (tasks ask the person) or an error
 * (tests must not depend on a prompt nobody answers). Records what was asked.
 */
export class ScriptedPrompter implements Prompter {
  readonly asked: { id: string; kind: Question['kind']; prompt: string; secret: boolean; default: unknown; items?: { id: string; label: string; description?: string; detail?: string }[]; answer: unknown }[] = [];

  constructor(
    private readonly answers: Record<string, Answer>,
    private readonly choices: Record<string, string> = {},
    private readonly fallback?: Prompter,
  ) {}

  async ask(q: Question, step: StepInfo): Promise<AskResult> {
    const record = (answer: Answer): AskResult => {
      this.asked.push({
        id: q.id, kind: q.kind, prompt: q.prompt, secret: q.kind === 'text' && q.secret,
        // Secret defaults are never recorded; the record is returned to callers.
        default: q.kind === 'text' && q.secret ? undefined : defaultAnswer(q),
        items: q.kind === 'text' ? undefined : q.items,
        answer: q.kind === 'text' && (q.secret || (typeof answer === 'object' && !Array.isArray(answer) && answer.secret)) ? '(secret)' : answer,
      });
      return { kind: 'answer', value: answer };
    };
    if (Object.prototype.hasOwnProperty.call(this.answers, q.id)) {
      const given = normaliseAnswer(q, this.answers[q.id]);
      const problem = answerProblem(q, given);
      if (problem) {
        if (this.fallback) return this.fallback.ask(q, step);
        throw new ScriptError(`${q.id}: ${problem}`);
      }
      return record(given);
    }
    const dflt = defaultAnswer(q);
    // With a person to ask (tasks), a default that only passes with a warning (a required
    // variable left empty) is worth asking about; a test script accepts it.
    if (!answerProblem(q, dflt) && !(this.fallback && hasWarning(q, dflt))) return record(dflt);
    if (this.fallback) return this.fallback.ask(q, step);
    throw new ScriptError(`${q.id} needs an answer: ${answerProblem(q, dflt)}`);
  }

  async choose(id: string, message: string, choices: string[]): Promise<string | undefined> {
    if (Object.prototype.hasOwnProperty.call(this.choices, id)) return this.choices[id];
    if (this.fallback) return this.fallback.choose(id, message, choices);
    return undefined;
  }
}
