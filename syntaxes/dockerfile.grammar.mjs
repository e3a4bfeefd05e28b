// Writes syntaxes/dockerfile.tmLanguage.json, the TextMate grammar VS Code loads. Edit the
// grammar here, where each regular expression is written once without JSON escaping, then run
//   node syntaxes/dockerfile.grammar.mjs          (regenerate)
//   node syntaxes/dockerfile.grammar.mjs --check  (exit 1 when the JSON is out of date; test/grammar runs it)
// and the grammar tests: node --import tsx --test test/grammar/*.test.ts
import { readFileSync, writeFileSync } from 'node:fs';

const DIRECTIVE_AHEAD = String.raw`[ \t]*#[ \t]*(?i:syntax|escape|check)[ \t]*=`;
const onbuild = kw => String.raw`^[ \t]*(?:((?i:ONBUILD))[ \t]+)?((?i:${kw}))(?=[ \t]|\n)`;
const FLAGS = String.raw`((?:[ \t]+--[A-Za-z][\w-]*(?:=[^ \t\n]*)?)*)`;
const instrCaptures = { 1: { name: 'keyword.other.instruction.onbuild.dockerfile' }, 2: { name: 'keyword.other.instruction.dockerfile' } };
const withFlags = { ...instrCaptures, 3: { patterns: [{ include: '#flag' }] } };
const HEREDOC = String.raw`(<<-?)(["']?)([A-Za-z_][\w.-]*)\2`;
const heredocBegin = { 1: { name: 'keyword.operator.heredoc.dockerfile' }, 3: { name: 'entity.name.tag.heredoc-delimiter.dockerfile' } };
const heredocEnd = { 1: { name: 'entity.name.tag.heredoc-delimiter.dockerfile' } };
const HEREDOC_END = String.raw`^[ \t]*(\3)(?=\n)`;
const lineEnd = '(?=\\n)';
/**
 * Instructions are begin/while rules: a new line keeps the instruction (and whatever shell
 * construct is open inside it) only when the element on top of the stack was opened by a
 * match that took the previous line's newline, which only the continuation, skipped-comment
 * and heredoc keep-alive rules do. An unclosed quote or a PowerShell `if {` cannot run on.
 */
const INSTRUCTION_GOES_ON = String.raw`\G`;
/** Pushed by a match that ends with the newline; popped again at the start of the next line. */
const NEXT_LINE = String.raw`^(?=[\s\S])`;
const keepAlive = { begin: String.raw`\n`, end: NEXT_LINE };
const shellLine = { match: String.raw`^.+`, captures: { 0: { name: 'source.shell', patterns: [{ include: 'source.shell' }] } } };
const stringLine = { match: String.raw`^.+`, name: 'string.unquoted.heredoc.dockerfile' };
/**
 * A heredoc opener with the rest of its line (more arguments, or the shell command that reads
 * it) as a capture: tokenized on its own, so nothing opened there runs into the body.
 */
const heredocOpener = (prefix, restPatterns) => ({
  begin: prefix + HEREDOC + String.raw`([^\n]*)`,
  beginCaptures: { ...heredocBegin, 4: { patterns: restPatterns } },
});

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Dockerfile (Layerwise)',
  scopeName: 'source.dockerfile',
  comment: 'Parser directives are recognised only in the block of directive lines that opens the file (TextMate cannot count lines: the block starts at \\A and ends at the first other line). `# escape=`` ` switches the rest of the file to backtick line continuations. Instructions are begin/while rules whose while is \\G: vscode-textmate lets \\G match at the start of a line only when the element on top of the stack was opened by a match that took the previous newline. Only a line continuation, a skipped comment or empty line inside a continued instruction, and the keep-alive of heredoc bodies do that, so an instruction (with any shell construct left open in it) ends with its last line.',
  patterns: [{ include: '#directives' }, { include: '#main' }],
  injections: {
    'L:meta.instruction - meta.heredoc.dockerfile - meta.escape-backtick.dockerfile': { patterns: [{ include: '#continuation-backslash' }, { include: '#continued-comment' }] },
    'L:meta.escape-backtick.dockerfile meta.instruction - meta.heredoc.dockerfile': { patterns: [{ include: '#continuation-backtick' }, { include: '#continued-comment' }] },
    'L:meta.embedded.shell.dockerfile - meta.heredoc.dockerfile': { patterns: [{ include: '#heredoc-stdin' }] },
  },
  repository: {
    directives: {
      comment: 'The directive lines at the very top of the file.',
      begin: String.raw`\A(?=${DIRECTIVE_AHEAD})`,
      end: String.raw`^(?!${DIRECTIVE_AHEAD})`,
      patterns: [{ include: '#escape-backtick' }, { include: '#directive' }],
    },
    'escape-backtick': {
      comment: 'After `# escape=`` ` the whole rest of the file continues lines with a backtick; this region never ends.',
      begin: String.raw`^(?=[ \t]*#[ \t]*(?i:escape)[ \t]*=[ \t]*\x{60}[ \t]*\n)`,
      end: '(?!)',
      contentName: 'meta.escape-backtick.dockerfile',
      patterns: [
        { include: '#directive' },
        { begin: String.raw`^(?!${DIRECTIVE_AHEAD})`, end: '(?!)', patterns: [{ include: '#main' }] },
      ],
    },
    directive: {
      match: String.raw`^[ \t]*(#)[ \t]*((?i:syntax|escape|check))[ \t]*(=)[ \t]*(.*?)[ \t]*(?=\n)`,
      name: 'meta.directive.dockerfile',
      captures: {
        1: { name: 'punctuation.definition.directive.dockerfile' },
        2: { name: 'keyword.other.directive.dockerfile' },
        3: { name: 'keyword.operator.assignment.dockerfile' },
        4: { name: 'string.unquoted.directive-value.dockerfile' },
      },
    },
    main: {
      patterns: [
        { include: '#comment' },
        { include: '#instruction-from' },
        { include: '#instruction-run' },
        { include: '#instruction-command' },
        { include: '#instruction-healthcheck' },
        { include: '#instruction-assignment' },
        { include: '#instruction-other' },
        { match: String.raw`^[ \t]*((?i:ONBUILD))(?=[ \t]*\n)`, captures: { 1: { name: 'keyword.other.instruction.onbuild.dockerfile' } } },
      ],
    },
    comment: {
      match: String.raw`^[ \t]*((#).*)`,
      captures: { 1: { name: 'comment.line.number-sign.dockerfile' }, 2: { name: 'punctuation.definition.comment.dockerfile' } },
    },
    'continuation-backslash': {
      comment: 'Takes the newline, so the instruction goes on to the next line, and the blanks before it, so the shell grammar does not open an empty statement there.',
      begin: String.raw`[ \t]*(\\)[ \t]*\n`,
      beginCaptures: { 1: { name: 'constant.character.escape.line-continuation.dockerfile' } },
      end: NEXT_LINE,
    },
    'continuation-backtick': {
      begin: String.raw`[ \t]*(\x{60})[ \t]*\n`,
      beginCaptures: { 1: { name: 'constant.character.escape.line-continuation.dockerfile' } },
      end: NEXT_LINE,
    },
    'continued-comment': {
      comment: 'Comment and empty lines inside a continued instruction are dropped by the builder.',
      patterns: [
        { begin: String.raw`^[ \t]*((#).*)\n`, beginCaptures: { 1: { name: 'comment.line.number-sign.dockerfile' }, 2: { name: 'punctuation.definition.comment.dockerfile' } }, end: NEXT_LINE },
        { begin: String.raw`^[ \t]*\n`, end: NEXT_LINE },
      ],
    },
    'instruction-from': {
      begin: onbuild('FROM') + FLAGS,
      beginCaptures: withFlags,
      while: INSTRUCTION_GOES_ON,
      name: 'meta.instruction.from.dockerfile',
      patterns: [
        { include: '#flag' },
        { match: String.raw`(?<=[ \t])((?i:AS))[ \t]+([^ \t\n]+)`, captures: { 1: { name: 'keyword.other.as.dockerfile' }, 2: { name: 'entity.name.type.stage.dockerfile' } } },
        { include: '#variable' },
        { match: String.raw`(@)([A-Za-z][\w+.-]*:[A-Fa-f0-9]+)`, captures: { 1: { name: 'punctuation.separator.digest.dockerfile' }, 2: { name: 'constant.other.digest.dockerfile' } } },
        { match: String.raw`(?<=[\w}])(:)([\w][\w.-]*)(?![\w./-])`, captures: { 1: { name: 'punctuation.separator.tag.dockerfile' }, 2: { name: 'constant.other.tag.dockerfile' } } },
        { match: String.raw`[\w][\w./-]*`, name: 'entity.name.type.image.dockerfile' },
      ],
    },
    'instruction-run': {
      begin: onbuild('RUN') + FLAGS,
      beginCaptures: withFlags,
      while: INSTRUCTION_GOES_ON,
      name: 'meta.instruction.run.dockerfile',
      patterns: [
        { include: '#exec-form' },
        { include: '#heredoc-script' },
        { include: '#run-flag' },
        { include: '#shell' },
      ],
    },
    'instruction-command': {
      begin: onbuild('CMD|ENTRYPOINT'),
      beginCaptures: instrCaptures,
      while: INSTRUCTION_GOES_ON,
      name: 'meta.instruction.command.dockerfile',
      patterns: [{ include: '#exec-form' }, { include: '#shell' }],
    },
    'instruction-healthcheck': {
      begin: onbuild('HEALTHCHECK') + FLAGS,
      beginCaptures: withFlags,
      while: INSTRUCTION_GOES_ON,
      name: 'meta.instruction.healthcheck.dockerfile',
      patterns: [
        { include: '#flag' },
        { match: String.raw`(?<=[ \t])(?i:NONE)\b`, name: 'keyword.other.instruction.dockerfile' },
        {
          begin: String.raw`(?<=[ \t])((?i:CMD))(?=[ \t]|\n)`,
          beginCaptures: { 1: { name: 'keyword.other.instruction.dockerfile' } },
          end: lineEnd,
          patterns: [{ include: '#exec-form' }, { include: '#shell' }],
        },
      ],
    },
    'instruction-assignment': {
      begin: onbuild('ENV|ARG|LABEL'),
      beginCaptures: instrCaptures,
      while: INSTRUCTION_GOES_ON,
      name: 'meta.instruction.assignment.dockerfile',
      patterns: [
        { match: String.raw`\G[ \t]+([A-Za-z_][\w.-]*)(?=[ \t]|\n)`, captures: { 1: { name: 'variable.other.key.dockerfile' } } },
        { match: String.raw`(?<=^|[ \t])([A-Za-z_][\w.-]*)(=)`, captures: { 1: { name: 'variable.other.key.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } } },
        { match: String.raw`(?<=[ \t])("(?:[^"\\\n]|\\.)*")(=)`, captures: { 1: { name: 'variable.other.key.dockerfile', patterns: [{ include: '#string' }] }, 2: { name: 'keyword.operator.assignment.dockerfile' } } },
        { include: '#arguments' },
      ],
    },
    'instruction-other': {
      begin: onbuild('ADD|COPY|EXPOSE|MAINTAINER|SHELL|STOPSIGNAL|USER|VOLUME|WORKDIR') + FLAGS,
      beginCaptures: withFlags,
      while: INSTRUCTION_GOES_ON,
      name: 'meta.instruction.other.dockerfile',
      patterns: [
        { include: '#json-array' },
        { include: '#heredoc-pair' },
        { include: '#heredoc-file' },
        { include: '#arguments' },
      ],
    },
    arguments: {
      patterns: [
        { include: '#string' },
        { include: '#variable' },
      ],
    },
    flag: {
      match: String.raw`(?<=^|[ \t])(--)([A-Za-z][\w-]*)(?:(=)([^ \t\n]*))?`,
      captures: {
        1: { name: 'punctuation.definition.flag.dockerfile' },
        2: { name: 'entity.other.attribute-name.flag.dockerfile' },
        3: { name: 'keyword.operator.assignment.dockerfile' },
        4: { patterns: [{ include: '#flag-value' }] },
      },
    },
    'run-flag': {
      comment: 'RUN flags on a continuation line (only the ones BuildKit knows, so shell options are left to the shell).',
      match: String.raw`(?<=^|[ \t])(--)((?:mount|network|security|device))(=)([^ \t\n]*)`,
      captures: {
        1: { name: 'punctuation.definition.flag.dockerfile' },
        2: { name: 'entity.other.attribute-name.flag.dockerfile' },
        3: { name: 'keyword.operator.assignment.dockerfile' },
        4: { patterns: [{ include: '#flag-value' }] },
      },
    },
    'flag-value': {
      patterns: [
        { include: '#variable' },
        { match: String.raw`([A-Za-z][\w-]*)(=)`, captures: { 1: { name: 'variable.parameter.flag-key.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } } },
        { match: ',', name: 'punctuation.separator.comma.dockerfile' },
        { match: String.raw`[^,=$ \t\n]+`, name: 'string.unquoted.flag-value.dockerfile' },
      ],
    },
    'exec-form': {
      comment: 'A JSON array right after the instruction (and its flags) is the exec form: no shell, no variable expansion.',
      begin: String.raw`\G[ \t]*(\[)(?=[ \t]*(?:\]|"(?:[^"\\\n]|\\.)*"[ \t]*(?:,|\]|\\[ \t]*\n|\x{60}[ \t]*\n)))`,
      beginCaptures: { 1: { name: 'punctuation.definition.array.begin.dockerfile' } },
      end: String.raw`(\])|(?=\n)`,
      endCaptures: { 1: { name: 'punctuation.definition.array.end.dockerfile' } },
      name: 'meta.exec-form.dockerfile',
      patterns: [{ include: '#json-string' }, { match: ',', name: 'punctuation.separator.array.dockerfile' }],
    },
    'json-array': {
      comment: 'The JSON form of COPY, ADD, VOLUME and SHELL; variables in it are expanded (except SHELL, which rarely has any).',
      begin: String.raw`\G[ \t]*(\[)(?=[ \t]*")`,
      beginCaptures: { 1: { name: 'punctuation.definition.array.begin.dockerfile' } },
      end: String.raw`(\])|(?=\n)`,
      endCaptures: { 1: { name: 'punctuation.definition.array.end.dockerfile' } },
      name: 'meta.json-form.dockerfile',
      patterns: [
        { begin: '"', end: '"|(?=\\n)', name: 'string.quoted.double.json.dockerfile', patterns: [{ include: '#json-escape' }, { include: '#variable' }] },
        { match: ',', name: 'punctuation.separator.array.dockerfile' },
      ],
    },
    'json-string': {
      begin: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
      end: String.raw`(")|(?=\n)`,
      endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
      name: 'string.quoted.double.json.dockerfile',
      patterns: [{ include: '#json-escape' }],
    },
    'json-escape': {
      patterns: [
        { match: String.raw`\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})`, name: 'constant.character.escape.json.dockerfile' },
        { match: String.raw`\\(?![ \t]*\n)`, name: 'invalid.illegal.escape.json.dockerfile' },
      ],
    },
    string: {
      patterns: [
        {
          begin: '"', end: String.raw`"|(?=\n)`, name: 'string.quoted.double.dockerfile',
          patterns: [{ match: String.raw`\\["\\$]`, name: 'constant.character.escape.dockerfile' }, { include: '#variable' }],
        },
        { begin: "'", end: String.raw`'|(?=\n)`, name: 'string.quoted.single.dockerfile' },
      ],
    },
    variable: {
      patterns: [
        { match: String.raw`\\\$`, name: 'constant.character.escape.dockerfile' },
        {
          begin: String.raw`(\$\{)([A-Za-z_][\w]*)(?:(:?[-+?]|##?|%%?|//?))?`,
          beginCaptures: {
            1: { name: 'punctuation.definition.variable.begin.dockerfile' },
            2: { name: 'variable.other.dockerfile' },
            3: { name: 'keyword.operator.expansion.dockerfile' },
          },
          end: String.raw`(\})|(?=\n)`,
          endCaptures: { 1: { name: 'punctuation.definition.variable.end.dockerfile' } },
          name: 'meta.variable.expansion.dockerfile',
          contentName: 'string.unquoted.expansion-word.dockerfile',
          patterns: [{ include: '#variable' }, { match: '/', name: 'keyword.operator.expansion.dockerfile' }],
        },
        { match: String.raw`(\$)([A-Za-z_][\w]*)`, captures: { 1: { name: 'punctuation.definition.variable.dockerfile' }, 2: { name: 'variable.other.dockerfile' } } },
      ],
    },
    shell: {
      comment: 'Shell-form commands: the shell grammar from then to the end of the instruction (Dockerfile heredocs are injected ahead of the shell grammar\'s own).',
      begin: String.raw`(?=[^ \t\n])`,
      end: lineEnd,
      contentName: 'meta.embedded.shell.dockerfile source.shell',
      patterns: [{ include: '#shell-command-start' }, { include: 'source.shell' }],
    },
    'shell-command-start': {
      comment: 'The shell grammar starts a command only after a line start or an operator; here the first command follows the instruction keyword, so its command rule is used directly.',
      include: 'source.shell#command_statement',
    },
    'heredoc-script': {
      comment: '`RUN <<EOF`: the heredoc is the script itself, so its body is shell.',
      ...heredocOpener(String.raw`\G[ \t]*`, [{ include: '#heredoc-marker' }, { include: '#shell' }]),
      end: HEREDOC_END,
      endCaptures: heredocEnd,
      name: 'meta.heredoc.dockerfile',
      patterns: [shellLine, keepAlive],
    },
    'heredoc-stdin': {
      comment: '`RUN cmd <<EOF`: the body is data for the command.',
      ...heredocOpener('', [{ include: '#heredoc-marker' }, { include: 'source.shell' }]),
      end: HEREDOC_END,
      endCaptures: heredocEnd,
      name: 'meta.heredoc.dockerfile',
      patterns: [stringLine, keepAlive],
    },
    'heredoc-file': {
      comment: '`COPY <<EOF /dest`: the body is the content of a file.',
      ...heredocOpener('', [{ include: '#heredoc-marker' }, { include: '#arguments' }]),
      end: HEREDOC_END,
      endCaptures: heredocEnd,
      name: 'meta.heredoc.dockerfile',
      patterns: [stringLine, keepAlive],
    },
    'heredoc-pair': {
      comment: 'Two heredocs on one line: this region waits for the second delimiter, the first heredoc nests inside it and ends first. (Three or more on a line: the third body is not recognised.)',
      begin: String.raw`(?=<<-?(["']?)[A-Za-z_][\w.-]*\1[^\n]*?<<-?(["']?)([A-Za-z_][\w.-]*)\2)`,
      end: HEREDOC_END,
      endCaptures: heredocEnd,
      name: 'meta.heredoc.dockerfile',
      patterns: [stringLine, { include: '#heredoc-file' }, keepAlive],
    },
    'heredoc-marker': {
      match: HEREDOC,
      captures: heredocBegin,
    },
  },
};

const OUT = new URL('./dockerfile.tmLanguage.json', import.meta.url);
const text = JSON.stringify(grammar, null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(OUT, 'utf8'); } catch { /* missing counts as out of date */ }
  if (current !== text) {
    console.error('syntaxes/dockerfile.tmLanguage.json is not what syntaxes/dockerfile.grammar.mjs generates: run node syntaxes/dockerfile.grammar.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(OUT, text);
}
