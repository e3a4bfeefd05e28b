import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, formatDockerfile, formatOnType, type FormatOptions } from './format';
import { dockerfileMeaning } from './format/meaning';
import { DockerfileModel } from './model';
import type { Position } from './types';

const SPACES: FormatOptions = { tabSize: 4, insertSpaces: true };

/** Formats, and checks on the way that the meaning is kept and a second pass changes nothing. */
function format(text: string, options: FormatOptions = SPACES): string {
  const out = applyEdits(text, formatDockerfile(text, options));
  assert.deepEqual(dockerfileMeaning(out), dockerfileMeaning(text), `meaning changed:\n${text}\n---\n${out}`);
  assert.deepEqual(formatDockerfile(out, options), [], `not idempotent:\n${out}`);
  return out;
}

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('formatDockerfile: instruction lines', () => {
  it('upper-cases keywords, leaves one space after them and drops indentation and trailing blanks', () => {
    assert.equal(format(lines('  from alpine:3.20 as build  ', 'run\t\techo hi', 'workdir    /app', 'Copy . .')),
      lines('FROM alpine:3.20 AS build', 'RUN echo hi', 'WORKDIR /app', 'COPY . .'));
  });

  it('upper-cases ONBUILD triggers and HEALTHCHECK CMD, not unknown words', () => {
    assert.equal(format(lines('FROM a', 'onbuild   run   make', 'healthcheck --interval=5s cmd curl -f localhost', 'frm x')),
      lines('FROM a', 'ONBUILD RUN make', 'HEALTHCHECK --interval=5s CMD curl -f localhost', 'frm x'));
  });

  it('keeps the spaces inside arguments as written', () => {
    const text = lines('FROM a', 'RUN echo "a    b"   &&   ls', 'ENV X="1  2"');
    assert.equal(format(text), text);
  });

  it('returns small edits, never the whole document', () => {
    const text = lines('from a', 'run make', ...Array.from({ length: 50 }, (_, i) => `LABEL n${i}=${i}`));
    const edits = formatDockerfile(text, SPACES);
    assert.equal(edits.length, 2);
    for (const e of edits) assert.ok(e.newText.length <= 4 && e.range.start.line === e.range.end.line, JSON.stringify(e));
  });
});

describe('formatDockerfile: continuation lines', () => {
  it('indents continuation lines by one step, from the editor options or the setting', () => {
    const text = lines('FROM a', 'RUN apt-get update && \\', 'apt-get install -y curl \\', '&& rm -rf /var/lib/apt/lists/*');
    assert.equal(format(text), lines('FROM a', 'RUN apt-get update && \\', '    apt-get install -y curl \\', '    && rm -rf /var/lib/apt/lists/*'));
    assert.equal(format(text, { tabSize: 4, insertSpaces: false }), lines('FROM a', 'RUN apt-get update && \\', '\tapt-get install -y curl \\', '\t&& rm -rf /var/lib/apt/lists/*'));
    assert.equal(format(text, { ...SPACES, continuationIndent: 2 }), lines('FROM a', 'RUN apt-get update && \\', '  apt-get install -y curl \\', '  && rm -rf /var/lib/apt/lists/*'));
  });

  it('keeps nesting relative to the least indented line', () => {
    const text = lines('FROM a', 'RUN set -eux; \\', '\tif [ -n "$X" ]; then \\', '\t\techo yes; \\', '\tfi');
    assert.equal(format(text), lines('FROM a', 'RUN set -eux; \\', '    if [ -n "$X" ]; then \\', '        echo yes; \\', '    fi'));
  });

  it('leaves deliberately aligned instructions alone unless asked', () => {
    const escapes = lines('FROM a', 'RUN apt-get update      \\', '  && apt-get install -y \\', '  && rm -rf /tmp/x');
    assert.equal(format(escapes), escapes);
    const columns = lines('FROM a', 'RUN pip install --no-cache-dir \\', '                flask \\', '                gunicorn');
    assert.equal(format(columns), columns);
    assert.equal(format(columns, { ...SPACES, keepAlignedContinuations: false }),
      lines('FROM a', 'RUN pip install --no-cache-dir \\', '    flask \\', '    gunicorn'));
    const nested = lines('FROM a', 'RUN if true; then \\', '        echo a; \\', '  fi');
    assert.equal(format(nested, { ...SPACES, keepAlignedContinuations: false }), lines('FROM a', 'RUN if true; then \\', '    echo a; \\', '    fi'));
  });

  it('never re-indents a line that continues a quoted string', () => {
    const text = lines('FROM a', 'RUN echo "first \\', '        second" && \\', 'echo done', 'ENV MSG="a \\', '  b" OTHER=1', 'LABEL x=\'1 \\', '   2\'');
    assert.equal(format(text), lines('FROM a', 'RUN echo "first \\', '        second" && \\', '    echo done', 'ENV MSG="a \\', '  b" OTHER=1', 'LABEL x=\'1 \\', '   2\''));
  });

  it('never re-indents inside command substitutions, JSON strings or whole-line values', () => {
    const text = lines('FROM a', 'RUN x="$( \\', '      ls )" && \\', '  echo "$x"', 'CMD ["a", \\', '  "b \\', '  c"]', 'WORKDIR /a \\', '  b', 'ENV K value \\', '  more');
    assert.equal(format(text), lines('FROM a', 'RUN x="$( \\', '      ls )" && \\', '    echo "$x"', 'CMD ["a", \\', '    "b \\', '  c"]', 'WORKDIR /a \\', '  b', 'ENV K value \\', '  more'));
  });

  it('never splits or joins words: a line glued to the one above keeps having (or not having) indentation', () => {
    const text = lines('FROM a', 'RUN echo abc\\', 'def && \\', '    echo ghi\\', '  jkl');
    // With no indentation wanted, `  jkl` must keep its spaces: without them `ghi` and `jkl` would become one word.
    assert.equal(format(text, { ...SPACES, continuationIndent: 0, keepAlignedContinuations: false }), lines('FROM a', 'RUN echo abc\\', 'def && \\', 'echo ghi\\', '  jkl'));
    assert.equal(format(text), lines('FROM a', 'RUN echo abc\\', 'def && \\', '      echo ghi\\', '    jkl'));
  });

  it('re-indents comment lines inside an instruction with it, and empties blank ones', () => {
    assert.equal(format(lines('FROM a', 'RUN a \\', '  # why', '  && b \\', '   ', '  && c')),
      lines('FROM a', 'RUN a \\', '    # why', '    && b \\', '', '    && c'));
  });

  it('works with the backtick escape character', () => {
    const text = lines('# escape=`', 'FROM mcr.microsoft.com/windows/servercore', 'run New-Item -Path C:\\app ; `', '  Write-Host "a `', '    b"');
    assert.equal(format(text), lines('# escape=`', 'FROM mcr.microsoft.com/windows/servercore', 'RUN New-Item -Path C:\\app ; `', '    Write-Host "a `', '    b"'));
  });
});

describe('formatDockerfile: what is never touched', () => {
  it('leaves heredoc bodies and their terminators byte for byte', () => {
    const body = ['  set -e   ', '\tif true; then  ', 'run   lower', '', '', '', '  fi'];
    const text = lines('FROM a', 'run <<EOT   ', ...body, 'EOT', 'COPY <<-CONF /etc/x.conf', '\t\tkey = v  ', '\tCONF');
    const out = format(text);
    assert.equal(out, lines('FROM a', 'RUN <<EOT', ...body, 'EOT', 'COPY <<-CONF /etc/x.conf', '\t\tkey = v  ', '\tCONF'));
  });

  it('leaves parser directives untouched and keeps the blank line that ends them', () => {
    const text = lines('# syntax=docker/dockerfile:1   ', '#escape=\\', '', '', '', '# check=skip=all', 'from a');
    assert.equal(format(text, { ...SPACES, maxBlankLines: 0 }), lines('# syntax=docker/dockerfile:1   ', '#escape=\\', '', '# check=skip=all', 'FROM a'));
  });

  it('keeps a leading blank line that stops a `# name=value` comment from becoming a directive', () => {
    assert.equal(format(lines('', '', '# escape=`', 'FROM a')), lines('', '# escape=`', 'FROM a'));
    assert.equal(format(lines('', '', '# a comment', 'FROM a')), lines('# a comment', 'FROM a'));
  });

  it('keeps CRLF line endings', () => {
    assert.equal(format('from a  \r\nrun x \\\r\n  y\r\n\r\n\r\n\r\ncmd z\r\n'), 'FROM a\r\nRUN x \\\r\n    y\r\n\r\nCMD z\r\n');
  });

  it('declines files with lone carriage returns rather than misplace edits', () => {
    assert.deepEqual(formatDockerfile('from a\rrun b\n', SPACES), []);
  });

  it('declines files with a byte order mark after the start, which removing lines would make real (fuzz find)', () => {
    assert.deepEqual(formatDockerfile('\n\uFEFFFROM ', SPACES), []);
    assert.equal(format('\uFEFFfrom a \n'), '\uFEFFFROM a\n');
  });
});

describe('formatDockerfile: blank lines and the end of the file', () => {
  it('keeps at most maxBlankLines blank lines in a row', () => {
    const text = lines('FROM a', '', '', '', 'RUN b', '  ', '# c', '', '', 'RUN d');
    assert.equal(format(text), lines('FROM a', '', 'RUN b', '', '# c', '', 'RUN d'));
    assert.equal(format(text, { ...SPACES, maxBlankLines: 2 }), lines('FROM a', '', '', 'RUN b', '', '# c', '', '', 'RUN d'));
    assert.equal(format(text, { ...SPACES, maxBlankLines: 0 }), lines('FROM a', 'RUN b', '# c', 'RUN d'));
  });

  it('follows insertFinalNewline and trimFinalNewlines', () => {
    assert.equal(format('FROM a', SPACES), 'FROM a');
    assert.equal(format('FROM a', { ...SPACES, insertFinalNewline: true }), 'FROM a\n');
    assert.equal(format('FROM a\n\n\n\n', SPACES), 'FROM a\n\n');
    assert.equal(format('FROM a\n\n\n\n', { ...SPACES, trimFinalNewlines: true }), 'FROM a\n');
    assert.equal(format('FROM a\n   \n  ', { ...SPACES, trimFinalNewlines: true, insertFinalNewline: true }), 'FROM a\n');
  });

  it('adds no line break inside an unterminated heredoc', () => {
    const text = 'FROM a\nRUN <<EOT\necho hi';
    assert.equal(format(text, { ...SPACES, insertFinalNewline: true }), text);
  });

  it('survives odd and half-typed text', () => {
    for (const text of ['', '\n\n', '   ', '\\', 'RUN \\', 'RUN\\\n', 'FROM a\n\\\nrun b', 'ONBUILD', 'FROM a\nRUN <<', 'FROM a\nRUN "unterminated \\\n  x', '\uFEFFfrom a\n', 'ENV', 'HEALTHCHECK', 'FROM a AS']) {
      for (const options of [SPACES, { tabSize: 0, insertSpaces: false, maxBlankLines: -3, continuationIndent: 99 } as FormatOptions]) {
        assert.doesNotThrow(() => format(text, options), JSON.stringify(text));
      }
    }
    assert.equal(format('\uFEFF  from a\n'), '\uFEFFFROM a\n');
  });
});

describe('formatDockerfile: range formatting', () => {
  const text = lines('from a', 'run x \\', 'y', '', '', '', 'run z  ', 'cmd w');
  it('formats only the instructions the range touches', () => {
    const out = applyEdits(text, formatDockerfile(text, SPACES, { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }));
    assert.equal(out, lines('from a', 'RUN x \\', '    y', '', '', '', 'run z  ', 'cmd w'));
  });
  it('a range ending at the start of a line does not include that line', () => {
    const out = applyEdits(text, formatDockerfile(text, SPACES, { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }));
    assert.equal(out, lines('from a', 'run x \\', 'y', '', '', '', 'RUN z', 'cmd w'));
  });
  it('shortens a run of blank lines the range touches', () => {
    const out = applyEdits(text, formatDockerfile(text, SPACES, { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }));
    assert.equal(out, lines('from a', 'run x \\', 'y', '', 'run z  ', 'cmd w'));
  });
  it('uses the shared model as given', () => {
    const model = new DockerfileModel(text);
    assert.deepEqual(formatDockerfile(model, SPACES), formatDockerfile(text, SPACES));
  });
});

describe('formatOnType', () => {
  /** Types a line break at the cursor `|` and returns the text after on-type formatting. */
  function enter(before: string, options: FormatOptions = SPACES): string {
    const at = before.indexOf('|');
    const typed = before.slice(0, at) + '\n' + before.slice(at + 1);
    const prefix = typed.slice(0, at + 1).split('\n');
    const position: Position = { line: prefix.length - 1, character: prefix[prefix.length - 1].length };
    return applyEdits(typed, formatOnType(typed, position, '\n', options));
  }

  it('indents the line after a trailing escape by one step, then like the line above', () => {
    assert.equal(enter('FROM a\nrun apt-get update && \\|'), 'FROM a\nRUN apt-get update && \\\n    ');
    assert.equal(enter('FROM a\nRUN a \\\n      && b \\|'), 'FROM a\nRUN a \\\n      && b \\\n      ');
    assert.equal(enter('FROM a\nRUN a \\|', { tabSize: 4, insertSpaces: false }), 'FROM a\nRUN a \\\n\t');
  });

  it('indents text moved down after an escape, but not inside a quoted string', () => {
    assert.equal(enter('FROM a\nRUN a \\|&& b'), 'FROM a\nRUN a \\\n    && b');
    assert.equal(enter('FROM a\nRUN echo "a \\|b"'), 'FROM a\nRUN echo "a \\\nb"');
  });

  it('drops carried-over indentation when the instruction ended, and trims the finished line', () => {
    assert.equal(enter('FROM a\nRUN a \\\n    && b   |'), 'FROM a\nRUN a \\\n    && b\n');
    const typed = 'FROM a\nRUN a \\\n    && b\n    ';
    assert.equal(applyEdits(typed, formatOnType(typed, { line: 3, character: 4 }, '\n', SPACES)), 'FROM a\nRUN a \\\n    && b\n');
  });

  it('does nothing inside heredocs, directives, comments, or for other characters', () => {
    const heredoc = 'FROM a\nRUN <<EOT\n  x   \n  ';
    assert.deepEqual(formatOnType(heredoc, { line: 3, character: 2 }, '\n', SPACES), []);
    assert.deepEqual(formatOnType('# escape=`\n', { line: 1, character: 0 }, '\n', SPACES), []);
    assert.deepEqual(formatOnType('# note \\\n', { line: 1, character: 0 }, '\n', SPACES), []);
    assert.deepEqual(formatOnType('run a \\\n', { line: 1, character: 0 }, ';', SPACES), []);
    for (const p of [{ line: 0, character: 0 }, { line: 99, character: 3 }, { line: -1, character: -1 }]) {
      assert.deepEqual(formatOnType('FROM a\n', p, '\n', SPACES), []);
    }
  });
});

describe('formatDockerfile: properties over generated text', () => {
  it('never changes meaning, is idempotent, and range and on-type requests never throw', async () => {
    const fc = (await import('fast-check')).default;
    // Fragments chosen to meet the parsers' disagreements: escapes, quotes, heredocs, directives, comments.
    const fragment = fc.constantFrom('run', 'RUN', 'from', 'FROM a', 'from a as b', 'env', 'ENV A=1', 'ENV K v w', 'arg X', 'label "a b"=c',
      'copy', 'COPY <<EOF /x', 'RUN <<-EOT', 'EOF', 'EOT', '\tEOT', 'workdir', 'onbuild run', 'healthcheck cmd', 'CMD ["a",', '"b c"]',
      'echo', '"', "'", '$(', ')', '${', '}', '`', '\\', ' \\', '  ', '\t', '#', '# escape=`', '# syntax=x', 'a', 'b c', '&&', ';', "$'", '=');
    const line = fc.tuple(fc.array(fragment, { maxLength: 6 }), fc.constantFrom(' ', '', '\t')).map(([parts, sep]) => parts.join(sep));
    const text = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n')).map(([ls, eol]) => ls.join(eol));
    const options = fc.record({
      tabSize: fc.integer({ min: 1, max: 8 }), insertSpaces: fc.boolean(), insertFinalNewline: fc.boolean(), trimFinalNewlines: fc.boolean(),
      continuationIndent: fc.option(fc.integer({ min: 0, max: 6 })), keepAlignedContinuations: fc.boolean(), maxBlankLines: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(fc.property(text, options, (t, o) => {
      const out = applyEdits(t, formatDockerfile(t, o));
      assert.deepEqual(dockerfileMeaning(out), dockerfileMeaning(t));
      assert.deepEqual(formatDockerfile(out, o), []);
      const lineCount = t.split('\n').length;
      for (let l = 0; l <= lineCount; l++) {
        applyEdits(t, formatOnType(t, { line: l, character: 0 }, '\n', o));
        applyEdits(t, formatDockerfile(t, o, { start: { line: l, character: 0 }, end: { line: l, character: 1 } }));
      }
    }), { numRuns: 250, seed: 20261122 });
  });
});
