/**
 * Shell parses that outlive a document version. While someone types, nearly every RUN of the new
 * version has the text it had in the last one, at the same place or moved by the characters
 * typed above it. The parse of such a script is taken from here instead of being redone:
 * the same objects when the script has not moved, copies with shifted offsets when it has.
 * Sharing the same objects also keeps what other modules remember per command (WeakMaps of
 * results that depend on the command alone). Bounded (see `RecentByText`): the least recently used parses go first.
 */
import { parseShell, type ParsedCommand, type ShellScript, type ShellWord } from './parse';
import { RecentByText } from './recent';

interface Entry { offsets: readonly number[]; script: ShellScript }

/** Enough for the RUNs of a few large open documents. */
const recent = new RecentByText<Entry>(2000, 400_000);

/**
 * `parseShell(text)` with `offsets[i]` the document offset of `text[i]` (one more entry for the
 * end), as a RUN's script source gives them.
 */
export function parseShellAt(text: string, offsets: readonly number[], options: { errexit: boolean; pipefail: boolean }): ShellScript {
  const key = `${options.errexit ? 1 : 0}${options.pipefail ? 1 : 0}${text}`;
  const entry = recent.get(key);
  if (entry) {
    const delta = constantShift(entry.offsets, offsets);
    if (delta !== undefined) return delta === 0 ? entry.script : shifted(entry.script, delta);
  }
  const script = parseShell(text, {
    errexit: options.errexit, pipefail: options.pipefail,
    mapOffset: o => offsets[Math.min(o, offsets.length - 1)],
  });
  recent.set(key, { offsets, script });
  return script;
}

/** How far `now` is from `before` when every offset moved by the same amount; undefined otherwise. */
function constantShift(before: readonly number[], now: readonly number[]): number | undefined {
  if (before === now) return 0;
  if (before.length !== now.length || !now.length) return undefined;
  const delta = now[0] - before[0];
  for (let i = 1; i < now.length; i++) if (now[i] - before[i] !== delta) return undefined;
  return delta;
}

/** A copy of `script` with every document offset moved by `delta` (script offsets stay). */
function shifted(script: ShellScript, delta: number): ShellScript {
  const copies = new Map<ParsedCommand, ParsedCommand>();
  const word = (w: ShellWord): ShellWord => ({ ...w, start: w.start + delta, end: w.end + delta });
  const copy = (c: ParsedCommand): ParsedCommand => {
    let out = copies.get(c);
    if (!out) {
      out = {
        ...c, start: c.start + delta, end: c.end + delta,
        words: c.words.map(word), assignmentWords: c.assignmentWords.map(word),
        redirects: c.redirects.map(r => ({
          ...r, start: r.start + delta, end: r.end + delta,
          body: r.body && { ...r.body, start: r.body.start + delta, end: r.body.end + delta },
        })),
        substitutions: [],
      };
      copies.set(c, out);
      out.substitutions = c.substitutions.map(copy);
    }
    return out;
  };
  return {
    ...script,
    allCommands: script.allCommands.map(copy),
    commands: script.commands.map(copy),
    errors: script.errors.map(e => ({ ...e, offset: e.offset + delta })),
  };
}

/** Forgets every parse (tests compare warm results with cold ones). */
export function clearShellParseCache(): void {
  recent.clear();
}
