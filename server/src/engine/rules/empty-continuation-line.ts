import { buildkitParse } from '../builder';
import { defineRule } from '../rule';
import { wholeLines } from '../text';

export default defineRule({
  id: 'empty-continuation-line',
  aliases: ['NoEmptyContinuation'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'An instruction continued with `\\` has an empty line in the middle; Docker will treat this as an error in a future release.',
    why: [
      'A line ending in `\\` continues on the next line. Today Docker skips empty lines inside such an instruction, so',
      'the instruction silently goes on after the gap, which usually is not what the author meant (a forgotten `\\`',
      'is hidden the same way). Docker warns that empty continuation lines will become errors. Remove the empty line,',
      'or end the instruction before it.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl',
    fix: 'Deletes the empty lines inside the instruction. Applied automatically: Docker ignores them today.',
    notes: [
      'Same as BuildKit\'s NoEmptyContinuation. BuildKit reports the last line of the instruction; we point at the line',
      'that follows the empty lines (the same line in the usual case of one gap), once per gap. Lines that only hold a',
      'comment are not empty.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const node of buildkitParse(model).nodes) {
      if (!node.emptyContinuation) continue;
      // Find each run of whitespace-only lines inside the instruction's text.
      let run: number | undefined;
      for (let line = node.startLine + 1; line <= node.textEndLine; line++) {
        const text = model.lines.lineText(line);
        if (/^\s*$/.test(text)) { run ??= line; continue; }
        if (run !== undefined) {
          const first = run;
          const after = line;
          const indent = /^\s*/.exec(text)![0].length;
          ctx.report({
            range: { start: { line: after, character: indent }, end: { line: after, character: text.length } },
            message: `Empty continuation line above: the instruction continues here after ${after - first === 1 ? 'an empty line' : `${after - first} empty lines`}; remove ${after - first === 1 ? 'it' : 'them'} (Docker will reject this in a future release).`,
            fixes: () => [{ title: 'Remove the empty continuation lines', edits: [{ range: wholeLines(model.lines, first, after - 1), newText: '' }], safe: true }],
          });
          run = undefined;
        }
      }
    }
  },
});
