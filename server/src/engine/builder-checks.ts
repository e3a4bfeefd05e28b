/**
 * What `docker build` (BuildKit's Dockerfile frontend) rejects, found in one pass over
 * BuildKit's reading of the file (`builder.ts`) and its variable resolution (`variables.ts`).
 * Each problem names the rule that reports it; the rules in `rules/` only filter this list.
 *
 * Errors other rules already report are left out here: ONBUILD ONBUILD/FROM/MAINTAINER
 * (`onbuild-invalid-trigger`), instructions before the first FROM (`instruction-before-from`),
 * a stage copying from itself (`copy-from-own-stage`), EXPOSE ports above 65535 written
 * literally (`expose-invalid-port`), an invalid FROM image built from ARG defaults
 * (`invalid-default-arg-in-from`).
 */
import {
  buildkitParse, errorRange, imageReferenceError, isValidSignal, parseGoDuration, parsePlatform, spanRange,
  type BkFlag, type BkNode, type Span,
} from './builder';
import { checkConfigOf } from './check-directive';
import type { DockerfileModel } from './model';
import { rangeOf } from './text';
import type { Range } from './types';
import { exposedPorts, suggest, variablesOf, type InstructionScope } from './variables';

export interface BuilderProblem { range: Range; message: string }

export type BuilderRuleId =
  | 'unknown-instruction' | 'invalid-flag' | 'invalid-flag-value' | 'invalid-json-form' | 'invalid-argument-count'
  | 'invalid-key-value' | 'invalid-stage-name' | 'invalid-healthcheck' | 'invalid-port' | 'invalid-stop-signal'
  | 'invalid-parser-directive' | 'invalid-heredoc' | 'invalid-base-image' | 'invalid-variable-substitution'
  | 'invalid-copy-from' | 'no-build-stage';

export const INSTRUCTIONS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];

type FlagType = 'bool' | 'string' | 'strings';

/** The flags each instruction accepts (instructions/parse.go); undefined: flags are not parsed at all. */
const FLAGS: Record<string, Record<string, FlagType> | undefined> = {
  add: { chown: 'string', chmod: 'string', link: 'bool', 'keep-git-dir': 'bool', checksum: 'string', unpack: 'bool', exclude: 'strings' },
  copy: { chown: 'string', from: 'string', chmod: 'string', link: 'bool', exclude: 'strings', parents: 'bool' },
  from: { platform: 'string' },
  run: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
  healthcheck: { interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string' },
  env: {}, maintainer: {}, label: {}, onbuild: {}, workdir: {}, cmd: {}, entrypoint: {}, expose: {}, user: {}, volume: {}, shell: {},
  // ARG and STOPSIGNAL never parse their flags: BuildKit drops them silently.
  arg: undefined, stopsignal: undefined,
};

const MOUNT_KEYS = ['type', 'from', 'source', 'target', 'readonly', 'id', 'sharing', 'required', 'size', 'mode', 'uid', 'gid', 'src', 'dst', 'destination', 'ro', 'rw', 'readwrite', 'env'];

const cache = new WeakMap<DockerfileModel, Map<string, Map<BuilderRuleId, BuilderProblem[]>>>();

/** Every builder error in the document, by the rule that reports it. */
export function builderProblems(model: DockerfileModel, buildArgs?: Readonly<Record<string, string>>): Map<BuilderRuleId, BuilderProblem[]> {
  const key = buildArgs ? JSON.stringify(Object.entries(buildArgs).sort()) : '';
  let byKey = cache.get(model);
  if (!byKey) cache.set(model, (byKey = new Map()));
  let result = byKey.get(key);
  if (!result) {
    result = new Checker(model, buildArgs).run();
    byKey.set(key, result);
  }
  return result;
}

class Checker {
  readonly out = new Map<BuilderRuleId, BuilderProblem[]>();
  constructor(readonly model: DockerfileModel, readonly buildArgs?: Readonly<Record<string, string>>) {}

  add(rule: BuilderRuleId, range: Range, message: string): void {
    let list = this.out.get(rule);
    if (!list) this.out.set(rule, (list = []));
    list.push({ range, message });
  }

  span(node: BkNode, span: Span): Range {
    return spanRange(this.model, node.line, span);
  }

  /** The instruction's arguments, or its keyword when it has none. */
  argsRange(node: BkNode): Range {
    return node.rest.end > node.rest.start ? this.span(node, node.rest) : this.span(node, node.keywordSpan);
  }

  run(): Map<BuilderRuleId, BuilderProblem[]> {
    const model = this.model;
    const parse = buildkitParse(model);
    const vars = variablesOf(model, { buildArgs: this.buildArgs });

    for (const e of parse.errors) {
      if (/parser directive|escape token/.test(e.message)) this.add('invalid-parser-directive', errorRange(model, e), directiveMessage(e.message));
      else if (/heredoc/.test(e.message)) this.add('invalid-heredoc', errorRange(model, e), `Unterminated heredoc: the \`<<\` marker's closing line never comes, so Docker fails ("unterminated heredoc"). End the body with a line holding only the marker word.`);
      else this.add('no-build-stage', errorRange(model, e), e.message === 'the Dockerfile cannot be empty'
        ? 'The Dockerfile is empty: `docker build` needs at least a FROM instruction.'
        : 'The Dockerfile holds only comments: `docker build` needs at least a FROM instruction ("file with no instructions").');
    }
    const checks = checkConfigOf(model, this.buildArgs);
    if (checks.invalid && checks.source === 'directive' && checks.directive) {
      const d = checks.directive;
      this.add('invalid-parser-directive', rangeOf(model.lines, d.start, d.end), `Invalid \`# check=\` directive: ${checks.invalid}. Docker stops the build ("failed to parse check options"); use \`skip=<checks>|all\`, \`error=true|false\` and \`experimental=<checks>|all\`, separated by \`;\`.`);
    }

    const nodes = parse.nodes;
    if (nodes.length && nodes.every(n => n.command === 'arg')) {
      this.add('no-build-stage', this.span(nodes[0], nodes[0].keywordSpan), 'The Dockerfile has only ARG instructions and no FROM, so there is nothing to build ("dockerfile contains no stages to build"). Add a `FROM` line.');
    }

    let prev: BkNode | undefined;
    for (const node of nodes) {
      this.checkNode(node, false, prev);
      if (node.trigger) this.checkNode(node.trigger, true, node);
      prev = node;
    }

    for (const scope of vars.instructions) this.checkScope(scope, vars.stages.indexOf(scope.stage!));
    const reported = new Set<string>();
    for (const e of vars.errors) {
      // An instruction that does not parse fails before its words are expanded.
      if (e.node.error || e.node.trigger?.error) continue;
      // One report per instruction and error (`COPY "a b" /x` splits into two broken words).
      const key = `${e.node.startLine}:${e.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      // `${NAME?message}` on an ARG declared without default: the author requires a build argument.
      const required = /^([A-Za-z_][A-Za-z0-9_]*): /.exec(e.message);
      if (required && isDeclared(vars, e.node, required[1])) continue;
      this.add('invalid-variable-substitution', e.range, `${capitalise(e.message)}: Docker fails to expand this word. ${substitutionHint(e.message)}`);
    }
    for (const port of exposedPorts(model, this.buildArgs)) {
      if (!port.error || port.unknown) continue;
      // Literal out-of-range ports are `expose-invalid-port`'s.
      if (port.outOfRange && !port.word.text.includes('$')) continue;
      this.add('invalid-port', this.span(port.node, port.word), `\`EXPOSE ${port.spec}\`: ${port.error}. Docker rejects the build; write a port or range (0–65535), optionally with \`/tcp\`, \`/udp\` or \`/sctp\`.`);
    }
    return this.out;
  }

  checkNode(node: BkNode, trigger: boolean, prev: BkNode | undefined): void {
    const cmd = node.command;
    const where = trigger ? ' (as an ONBUILD trigger it fails in every build that uses this image as its base)' : '';
    // An ONBUILD whose trigger cannot be parsed: the trigger reports it.
    if (node.error && !node.trigger?.error) this.nodeError(node, where);
    if (!INSTRUCTIONS.includes(node.keyword.toUpperCase())) {
      // A shell command on its own line right after a RUN whose last line ends in `&&`, `|`, `;`...:
      // the `\` at the end of that line was forgotten.
      const prevText = prev ? this.model.lines.lineText(prev.textEndLine) : '';
      const continued = !trigger && prev?.command === 'run' && /(&&|\|\||\||;|\bthen|\bdo|\belse)\s*$/.test(prevText);
      const guess = continued ? undefined : suggest(node.keyword.toUpperCase(), INSTRUCTIONS, false);
      this.add('unknown-instruction', this.span(node, node.keywordSpan),
        `Unknown instruction: ${node.keyword.toUpperCase()}${guess ? ` (did you mean ${guess}?)` : ''}${where}. `
        + (continued ? `This line looks like the rest of the RUN above: end line ${prev!.textEndLine + 1} with \`${this.model.ast.getEscapeCharacter()}\`.` : 'Docker stops the build here.'));
      return;
    }
    // ONBUILD ONBUILD / FROM / MAINTAINER are `onbuild-invalid-trigger`'s.
    if (trigger && ['onbuild', 'from', 'maintainer'].includes(cmd)) return;
    this.checkFlags(node, where);
    this.checkArguments(node, where);
  }

  nodeError(node: BkNode, where: string): void {
    const e = node.error!;
    const range = errorRange(this.model, e);
    const m = e.message;
    if (/arrays must be comprised of strings/.test(m)) this.add('invalid-json-form', this.argsRange(node), `The JSON array holds something other than strings${where}: Docker only accepts an array of strings here ("when using JSON array syntax, arrays must be comprised of strings only"). Quote every element.`);
    else if (/must have two arguments/.test(m)) this.add('invalid-key-value', this.argsRange(node), `\`${node.keyword.toUpperCase()} ${this.model.lines.textOf(this.argsRange(node))}\` has a name but no value${where}: write \`NAME=value\` (\`NAME=\` for an empty value). Docker fails with "${m}".`);
    else if (/can't find =/.test(m)) {
      const word = /can't find = in "(.*)"\. Must/.exec(m)?.[1] ?? '';
      this.add('invalid-key-value', range, `\`${word}\` has no \`=\`${where}: when one pair of a ${node.keyword.toUpperCase()} uses \`NAME=value\`, all must (quote values with spaces). Docker fails with "Syntax error - can't find = in ${JSON.stringify(word)}".`);
    } else if (/heredoc/.test(m) || /unexpected end of statement|missing '}'|bad substitution/.test(m)) this.add('invalid-heredoc', range, `Docker cannot read this heredoc marker${where}: ${m}.`);
    else this.add('invalid-argument-count', range, `${capitalise(m)}${where}.`);
  }

  checkFlags(node: BkNode, where: string): void {
    const cmd = node.command;
    const defs = FLAGS[cmd];
    if (defs === undefined || !node.flags.length) return;
    if (cmd === 'healthcheck' && node.args[0]?.text.toUpperCase() === 'NONE') return;
    const used = new Set<string>();
    for (const f of node.flags) {
      const range = this.span(node, f.span);
      const type = defs[f.name];
      const flag = `--${f.name}`;
      if (!type) {
        const guess = suggest(f.name, Object.keys(defs));
        const known = Object.keys(defs);
        this.add('invalid-flag', range, `Unknown flag ${flag} for ${node.keyword.toUpperCase()}${guess ? ` (did you mean --${guess}?)` : ''}${where}: ${known.length ? `it accepts ${known.map(k => `\`--${k}\``).join(', ')}` : 'it takes no flags'}. Docker fails with "unknown flag: ${flag}".`);
        continue;
      }
      if (used.has(f.name) && type !== 'strings') this.add('invalid-flag', range, `${flag} is given twice${where}; Docker fails with "duplicate flag specified: ${flag}". Keep one.`);
      used.add(f.name);
      if (type === 'bool') {
        if (f.value === '') this.add('invalid-flag', range, `${flag}= has no value${where}: write \`${flag}\` or \`${flag}=true|false\` (Docker: "missing a value on flag").`);
        else if (f.value !== undefined && !['true', 'false'].includes(f.value.toLowerCase())) this.add('invalid-flag', range, `${flag} takes true or false, not \`${f.value}\`${where} (Docker: "expecting boolean value for flag ${flag}").`);
      } else if (f.value === undefined) {
        this.add('invalid-flag', range, `${flag} needs a value: \`${flag}=...\`${where} (Docker: "missing a value on flag: ${flag}").`);
      }
    }
    if (cmd === 'run') this.checkRunFlags(node, where);
    if (cmd === 'healthcheck') this.checkHealthcheckFlags(node, where);
  }

  checkRunFlags(node: BkNode, where: string): void {
    for (const f of node.flags) {
      if (f.value === undefined) continue;
      const range = this.span(node, f.span);
      if (f.name === 'network' && !['default', 'none', 'host'].includes(f.value)) {
        this.add('invalid-flag-value', range, `\`--network=${f.value}\` is not a network mode${where}: RUN accepts \`default\`, \`none\` or \`host\` (Docker: "invalid network mode").`);
      } else if (f.name === 'security' && !['insecure', 'sandbox'].includes(f.value)) {
        this.add('invalid-flag-value', range, `\`--security=${f.value}\` is not valid${where}: RUN accepts \`sandbox\` or \`insecure\`.`);
      } else if (f.name === 'mount') {
        const fields = csvFields(f.value);
        if (fields === undefined) { this.add('invalid-flag-value', range, `Docker cannot read \`--mount=${f.value}\`${where}: "failed to parse csv mounts" (check the quotes).`); continue; }
        for (const field of fields) {
          const eq = field.indexOf('=');
          if (eq >= 0 && field.slice(0, eq).toLowerCase() === 'from') {
            const v = field.slice(eq + 1);
            const i = v.indexOf('$');
            if (i >= 0 && i !== v.length - 1) this.add('invalid-flag-value', range, `\`from=${v}\` in --mount uses a variable${where}: Docker does not expand it ("'from' doesn't support variable expansion, define alias stage instead"). Name a stage, or define one with \`FROM \${...} AS alias\`.`);
          }
        }
      }
    }
  }

  checkHealthcheckFlags(node: BkNode, where: string): void {
    for (const f of node.flags) {
      if (f.value === undefined || f.value === '') continue;
      const range = this.span(node, f.span);
      if (f.name === 'retries') {
        if (!/^[+-]?[0-9]+$/.test(f.value) || Math.abs(Number(f.value)) > 2 ** 31 - 1) this.add('invalid-healthcheck', range, `\`--retries=${f.value}\` is not a whole number${where}; Docker fails to parse it.`);
        else if (Number(f.value) < 0) this.add('invalid-healthcheck', range, `\`--retries=${f.value}\` is negative${where}; Docker fails with "--retries cannot be negative".`);
        continue;
      }
      if (!['interval', 'timeout', 'start-period', 'start-interval'].includes(f.name)) continue;
      try {
        const ms = parseGoDuration(f.value);
        if (ms !== 0 && ms < 1) this.add('invalid-healthcheck', range, `\`--${f.name}=${f.value}\` is below one millisecond${where}; Docker fails with "Interval \\"${f.name}\\" cannot be less than 1ms" (use 0 for the default).`);
      } catch (e) {
        this.add('invalid-healthcheck', range, `\`--${f.name}=${f.value}\` is not a duration${where}: write a number with a unit, like \`30s\`, \`1m30s\` or \`500ms\` (Docker: "${(e as Error).message}").`);
      }
    }
  }

  checkArguments(node: BkNode, where: string): void {
    const kw = node.keyword.toUpperCase();
    const args = node.args;
    const kwRange = this.span(node, node.keywordSpan);
    const atLeastOne = () => this.add('invalid-argument-count', kwRange, `${kw} needs at least one argument${where}; Docker fails with "${kw} requires at least one argument".`);
    const exactlyOne = () => this.add('invalid-argument-count', kwRange, `${kw} needs an argument${where}; Docker fails with "${kw} requires exactly one argument".`);
    switch (node.command) {
      case 'env':
      case 'label':
        if (node.error) return;
        if (!args.length) { atLeastOne(); return; }
        for (const kv of node.kvs ?? []) {
          if (kv.key.text === '') this.add('invalid-key-value', this.span(node, { start: kv.key.start, end: kv.value.end }), `A ${kw} pair without a name${where}: write \`NAME=value\` (Docker: "${kw} names can not be blank").`);
        }
        return;
      case 'arg':
        if (!args.length) { atLeastOne(); return; }
        for (const a of args) if (a.text.startsWith('=')) this.add('invalid-key-value', this.span(node, a), `\`${a.text}\` declares an ARG without a name${where} (Docker: "ARG names can not be blank").`);
        return;
      case 'expose':
      case 'volume':
      case 'onbuild':
        if (!args.length) { atLeastOne(); return; }
        if (node.command === 'volume') for (const a of args) if (a.text.trim() === '') this.add('invalid-argument-count', this.span(node, a), `An empty VOLUME path${where}; Docker fails with "VOLUME specified can not be an empty string".`);
        return;
      case 'maintainer':
      case 'workdir':
      case 'user':
      case 'stopsignal':
        if (!args.length) exactlyOne();
        return;
      case 'add':
      case 'copy':
        if (args.length < 2) {
          this.add('invalid-argument-count', args.length ? this.span(node, args[0]) : kwRange, `${kw} needs a source and a destination${where}: \`${kw} <src>... <dest>\`. Docker fails with "${kw} requires at least two arguments, but only one was provided. Destination could not be determined".`);
          return;
        }
        if (/^\d*<<-?\s*[^<]+$/.test(args[args.length - 1].text)) this.add('invalid-heredoc', this.span(node, args[args.length - 1]), `The destination of ${kw} is a heredoc${where}: a heredoc can only be a source. Put the destination path last (Docker: "${kw} cannot accept a heredoc as a destination").`);
        return;
      case 'run':
        if (!args.length && !node.heredocs.length) this.add('invalid-argument-count', kwRange, node.json ? `\`RUN []\` runs nothing${where}: Docker fails when it tries to execute an empty command.` : `RUN has no command${where}: Docker fails when it runs the empty command.`);
        return;
      case 'shell':
        if (!args.length || (node.json && !args.length)) { this.add('invalid-json-form', this.argsRange(node), `SHELL needs at least the shell program, as a JSON array${where}: \`SHELL ["/bin/bash", "-c"]\` (Docker: "SHELL requires at least one argument").`); return; }
        if (!node.json) this.add('invalid-json-form', this.argsRange(node), `SHELL must be written as a JSON array${where}, like \`SHELL ["/bin/bash", "-o", "pipefail", "-c"]\`; Docker fails with "SHELL requires the arguments to be in JSON form".`);
        return;
      case 'healthcheck': {
        if (!args.length) { this.add('invalid-healthcheck', kwRange, `HEALTHCHECK needs \`CMD <command>\` or \`NONE\`${where} (Docker: "HEALTHCHECK requires at least one argument").`); return; }
        const type = args[0].text.toUpperCase();
        if (type === 'NONE') {
          if (args.length > 1) this.add('invalid-healthcheck', this.span(node, { start: args[1].start, end: args[args.length - 1].end }), `\`HEALTHCHECK NONE\` takes nothing after it${where}; Docker fails with "HEALTHCHECK NONE takes no arguments".`);
        } else if (type === 'CMD') {
          if (args.length === 1) this.add('invalid-healthcheck', this.span(node, args[0]), `\`HEALTHCHECK CMD\` has no command${where}: add the check to run, e.g. \`HEALTHCHECK CMD curl -f http://localhost/ || exit 1\` (Docker: "Missing command after HEALTHCHECK CMD").`);
        } else {
          this.add('invalid-healthcheck', this.span(node, args[0]), `Unknown HEALTHCHECK type \`${args[0].text}\`${where}: write \`HEALTHCHECK [options] CMD <command>\` or \`HEALTHCHECK NONE\` (Docker: "Unknown type ${JSON.stringify(type)} in HEALTHCHECK (try CMD)").`);
        }
        return;
      }
      case 'from': {
        const ok = args.length === 1 || (args.length === 3 && args[1].text.toLowerCase() === 'as');
        if (!ok) {
          this.add('invalid-argument-count', this.argsRange(node), args.length === 3
            ? `\`${args[1].text}\` where \`AS\` belongs${where}: write \`FROM <image> AS <name>\` (Docker: "FROM requires either one or three arguments").`
            : `FROM takes an image, optionally followed by \`AS <name>\`${where}; Docker fails with "FROM requires either one or three arguments".`);
          return;
        }
        if (args.length === 3 && !/^[a-z][a-z0-9-_.]*$/.test(args[2].text.toLowerCase())) {
          this.add('invalid-stage-name', this.span(node, args[2]), `Invalid stage name \`${args[2].text}\`${where}: a stage name starts with a letter and holds only letters, digits, \`-\`, \`_\` and \`.\` (Docker: "name can't start with a number or contain symbols").`);
        }
        return;
      }
      default:
        return;
    }
  }

  /** Checks that need the values of variables: FROM images and platforms, COPY --from, --chmod, mounts, STOPSIGNAL. */
  checkScope(scope: InstructionScope, stageIndex: number): void {
    const node = scope.node;
    if (node.error) return;
    const vars = variablesOf(this.model, { buildArgs: this.buildArgs });
    if (node.command === 'from' && scope.stage) {
      const st = scope.stage;
      const base = st.base;
      // Checked when the image cannot change with build arguments: no variables, or only undeclared ones (always empty).
      const fixed = base.refs.every(r => !r.set && !vars.globalDeclared.has(r.name));
      if (st.baseWord && !base.error && fixed && !st.parent && (node.args.length === 1 || node.args.length === 3)) {
        const undeclared = [...new Set(base.refs.map(r => r.name))];
        const because = undeclared.length ? ` (\`${undeclared.join('`, `')}\` ${undeclared.length > 1 ? 'are' : 'is'} not declared by an ARG before the first FROM, so ${undeclared.length > 1 ? 'they expand' : 'it expands'} to nothing)` : '';
        if (base.value === '') {
          this.add('invalid-base-image', this.span(node, st.baseWord), `The image is always empty${because}; Docker fails with "base name (${st.baseWord.text}) should not be blank". Declare the ARG with a default before the first FROM.`);
        } else {
          const why = imageReferenceError(base.value);
          if (why && base.value.toLowerCase() !== 'scratch') {
            this.add('invalid-base-image', this.span(node, st.baseWord), `\`${base.value}\` is not a valid image reference${because}: ${why}. Docker fails with "failed to parse stage name"${/lowercase/.test(why) ? '; image names are lower case' : ''}.`);
          }
        }
      }
      if (st.platform && !st.platform.error && !st.platform.unknown && st.platformWord) {
        // A declared ARG without default may come with --build-arg: not judged.
        const dependsOnBuildArg = st.platform.refs.some(r => !r.set && vars.globalDeclared.has(r.name));
        if (dependsOnBuildArg) {
          // not judged
        } else if (st.platform.value === '') {
          this.add('invalid-flag-value', st.platformWord.range, `\`--platform=${st.platformWord.raw}\` is always empty${st.platform.refs.length ? ' (its variables are not set by any global ARG)' : ''}; Docker fails with "empty platform value". Use a declared ARG, \`$BUILDPLATFORM\` or \`$TARGETPLATFORM\`, or drop the flag.`);
        } else {
          try { parsePlatform(st.platform.value); } catch (e) {
            this.add('invalid-flag-value', st.platformWord.range, `\`--platform=${st.platform.value}\` is not a platform: write \`os/arch[/variant]\`, like \`linux/amd64\` or \`linux/arm64/v8\` (Docker: ${(e as Error).message}).`);
          }
        }
      }
      return;
    }
    if (node.command === 'copy' || node.command === 'add') {
      for (const f of node.flags) {
        if (f.name === 'from' && node.command === 'copy' && f.value !== undefined) this.checkCopyFrom(node, f, stageIndex);
      }
      for (const w of scope.words) {
        if (w.role !== '--chmod' || w.expansion.error || w.expansion.unknown) continue;
        const v = w.expansion.value;
        if (v === '') continue;
        const octal = /^[0-7]+$/.test(v);
        if ((octal && parseInt(v, 8) > 0o7777) || (!octal && /^[0-9]+$/.test(v)) || (!octal && !isSymbolicMode(v))) {
          this.add('invalid-flag-value', this.span(node, w.word), `\`--chmod=${v}\` is not a file mode: use octal digits up to 7777 (\`--chmod=755\`) or a symbolic mode (\`--chmod=u+x\`). Docker fails with "invalid chmod parameter".`);
        }
      }
      const checksum = node.flags.find(f => f.name === 'checksum' && f.value !== undefined);
      if (checksum && node.command === 'add') {
        const sources = node.args.slice(0, -1);
        if (sources.length !== 1) this.add('invalid-flag-value', this.span(node, checksum.span), '`--checksum` needs exactly one source; Docker fails with "checksum can\'t be specified for multiple sources".');
        else if (!/^(https?:\/\/|git@|[a-z]+:\/\/.*\.git)/.test(sources[0].text) && !/\.git(#|$)/.test(sources[0].text) && !sources[0].text.includes('$')) this.add('invalid-flag-value', this.span(node, checksum.span), '`--checksum` only applies to a URL or Git source; Docker fails with "checksum requires HTTP(S) or Git sources".');
      }
      return;
    }
    if (node.command === 'run') {
      this.checkMounts(scope, stageIndex);
      return;
    }
    if (node.command === 'stopsignal') {
      const w = scope.words.find(x => x.role === 'path');
      if (!w || w.expansion.error || w.expansion.unknown) return;
      if (!isValidSignal(w.expansion.value)) {
        this.add('invalid-stop-signal', this.span(node, w.word), `\`${w.expansion.value}\` is not a signal: use a name like \`SIGTERM\`, \`SIGINT\` or \`SIGQUIT\` (or its number). Docker fails with "invalid signal".`);
      }
    }
  }

  checkCopyFrom(node: BkNode, f: BkFlag, stageIndex: number): void {
    const vars = variablesOf(this.model, { buildArgs: this.buildArgs });
    const range = this.span(node, f.span);
    const value = f.value!;
    if (value === '') { this.add('invalid-copy-from', range, '`--from=` is empty: name a stage, a stage index or an image.'); return; }
    if (/\$/.test(value) && value.indexOf('$') !== value.length - 1) {
      this.add('invalid-copy-from', range, `\`--from=${value}\` uses a variable, which Docker does not expand here ("variable expansion is not supported for --from"). Define a stage with \`FROM \${...} AS alias\` and copy from \`alias\`.`);
      return;
    }
    if (/^[0-9]+$/.test(value)) {
      const index = Number(value);
      if (index >= vars.stages.length) this.add('invalid-copy-from', range, `There is no stage ${index}: stages are numbered from 0 and this file has ${vars.stages.length} (Docker: "invalid stage index ${index}").`);
      else if (index > stageIndex) this.add('invalid-copy-from', range, `Stage ${index} comes after this one; copy only from earlier stages (Docker: "cannot copy from stage ${JSON.stringify(value)}, it needs to be defined before current stage").`);
      return;
    }
    const lower = value.toLowerCase();
    const later = vars.stages.findIndex((s, i) => i > stageIndex && s.name === lower);
    const earlier = vars.stages.some((s, i) => i < stageIndex && s.name === lower);
    if (later >= 0 && !earlier) this.add('invalid-copy-from', range, `Stage \`${value}\` is defined after this one (line ${vars.stages[later].node.startLine + 1}); a stage can only copy from stages above it. Move that stage up (Docker: "cannot copy from stage ${JSON.stringify(value)}, it needs to be defined before current stage").`);
  }

  checkMounts(scope: InstructionScope, stageIndex: number): void {
    const node = scope.node;
    const vars = variablesOf(this.model, { buildArgs: this.buildArgs });
    for (const f of node.flags) {
      if (f.name !== 'mount' || f.value === undefined) continue;
      const fields = csvFields(f.value);
      if (!fields) continue;
      const range = this.span(node, f.span);
      // Values as expanded; unknown values are not judged.
      const expanded = scope.words.filter(w => w.role.startsWith('mount:') && w.word.start >= f.span.start && w.word.end <= f.span.end);
      if (expanded.some(w => w.expansion.unknown || w.expansion.error)) continue;
      let type = 'bind';
      const seen = new Map<string, string>();
      let k = 0;
      const problems: string[] = [];
      for (const field of fields) {
        const eq = field.indexOf('=');
        const key = (eq >= 0 ? field.slice(0, eq) : field).toLowerCase();
        let value = eq >= 0 ? field.slice(eq + 1) : undefined;
        if (value !== undefined) { value = expanded[k]?.expansion.value ?? value; k++; }
        if (value === undefined) {
          if (key === 'readonly' || key === 'ro' || key === 'readwrite' || key === 'rw') continue;
          if (key === 'required') { if (type !== 'secret' && type !== 'ssh') problems.push(`\`required\` applies to secret and ssh mounts only, not \`${type}\``); continue; }
          problems.push(`\`${field}\` must be a \`key=value\` pair`);
          continue;
        }
        seen.set(key, value);
        switch (key) {
          case 'type':
            if (!['bind', 'cache', 'tmpfs', 'secret', 'ssh'].includes(value.toLowerCase())) problems.push(`unsupported mount type \`${value}\`${suggest(value.toLowerCase(), ['bind', 'cache', 'tmpfs', 'secret', 'ssh']) ? ` (did you mean \`${suggest(value.toLowerCase(), ['bind', 'cache', 'tmpfs', 'secret', 'ssh'])}\`?)` : ''}; use bind, cache, tmpfs, secret or ssh`);
            else type = value.toLowerCase();
            break;
          case 'readonly': case 'ro': case 'readwrite': case 'rw':
            if (!isGoBool(value)) problems.push(`\`${key}=${value}\` is not true or false`);
            break;
          case 'required':
            if (type !== 'secret' && type !== 'ssh') problems.push(`\`required\` applies to secret and ssh mounts only, not \`${type}\``);
            else if (!isGoBool(value)) problems.push(`\`required=${value}\` is not true or false`);
            break;
          case 'size':
            if (type !== 'tmpfs') problems.push(`\`size\` applies to tmpfs mounts only, not \`${type}\``);
            else if (!/^\d+(\.\d+)?\s*([kKmMgGtTpP]?[iI]?[bB]?)$/.test(value)) problems.push(`\`size=${value}\` is not a size (write e.g. \`size=64m\`)`);
            break;
          case 'sharing':
            if (!['shared', 'private', 'locked'].includes(value.toLowerCase())) problems.push(`unsupported sharing value \`${value}\`; use shared, private or locked`);
            break;
          case 'mode':
            if (!/^[0-7]+$/.test(value)) problems.push(`\`mode=${value}\` is not an octal file mode`);
            break;
          case 'uid': case 'gid':
            if (!/^[0-9]+$/.test(value) || Number(value) > 2 ** 32 - 1) problems.push(`\`${key}=${value}\` is not a numeric id`);
            break;
          case 'from': case 'source': case 'src': case 'target': case 'dst': case 'destination': case 'id': case 'env':
            break;
          default: {
            const guess = suggest(key, MOUNT_KEYS);
            problems.push(`unexpected key \`${key}\`${guess ? ` (did you mean \`${guess}\`?)` : ''}`);
          }
        }
      }
      const fileInfo = type === 'secret' || type === 'ssh' || type === 'cache';
      if (!fileInfo) for (const k2 of ['mode', 'uid', 'gid']) if (seen.has(k2)) problems.push(`\`${k2}\` is not allowed for ${type} mounts`);
      if (type === 'secret') {
        if (seen.get('from')) problems.push('a secret mount cannot have `from`');
        if (seen.get('sharing')) problems.push('a secret mount cannot set `sharing`');
        const src = seen.get('source') ?? seen.get('src');
        const target = seen.get('target') ?? seen.get('dst') ?? seen.get('destination');
        if (!src && !target && !seen.get('id')) problems.push('a secret mount needs `id` (or `target`)');
        if (src && seen.get('id')) problems.push('a secret mount cannot set both `source` and `id`');
      }
      if (seen.get('sharing') && type !== 'cache') problems.push(`\`sharing\` applies to cache mounts only, not \`${type}\``);
      const from = seen.get('from');
      if (from && !from.includes('$') && type !== 'secret') {
        const lower = from.toLowerCase();
        const later = vars.stages.findIndex((s, i) => i > stageIndex && s.name === lower);
        if (later >= 0 && !vars.stages.some((s, i) => i < stageIndex && s.name === lower)) problems.push(`stage \`${from}\` is defined after this one; mount only from earlier stages`);
      }
      for (const p of problems) this.add('invalid-flag-value', range, `In \`--mount\`: ${p}. Docker rejects this RUN.`);
    }
  }
}

function isDeclared(vars: ReturnType<typeof variablesOf>, node: BkNode, name: string): boolean {
  if (vars.globalDeclared.has(name)) return true;
  const scope = vars.instructions.find(s => s.node === node);
  return !!scope && (scope.declared.has(name) || scope.env.has(name));
}

function isGoBool(v: string): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v);
}

/** Symbolic modes as `mode.Parse` reads them: `u+x`, `a=rw,go-w`. */
function isSymbolicMode(v: string): boolean {
  return v.split(',').every(c => /^[ugoa]*([-+=]([rwxXst]*|[ugo]))+$/.test(c));
}

/** Go's encoding/csv reading of one record; undefined when the quoting is broken. */
export function csvFields(s: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) return undefined;
        if (s[i] === '"') {
          if (s[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += s[i++];
      }
      if (i < s.length && s[i] !== ',') return undefined;
    } else {
      while (i < s.length && s[i] !== ',') {
        if (s[i] === '"') return undefined;
        field += s[i++];
      }
    }
    out.push(field);
    if (i >= s.length) return out;
    i++;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function directiveMessage(m: string): string {
  if (/escape token/.test(m)) return `${capitalise(m)}: the escape directive accepts only \`\\\` or \`\\\`\`. Docker stops before reading any instruction.`;
  const name = /only one (\w+)/.exec(m)?.[1] ?? '';
  return `The \`${name}\` parser directive is given twice; Docker fails with "${m}". Keep one.`;
}

function substitutionHint(m: string): string {
  if (/bad substitution|missing '}'/.test(m)) return 'Write `${NAME}`, `$NAME` or a form like `${NAME:-default}`.';
  if (/unsupported modifier/.test(m)) return 'Docker supports `:-`, `-`, `:+`, `+`, `?`, `:?`, `#`, `##`, `%`, `%%` and `/`.';
  if (/matching (single|double)-quote/.test(m)) return 'Close the quote (in COPY and ADD, a quoted path with spaces needs the JSON form: `COPY ["my file", "/dst/"]`).';
  return 'Declare the ARG, or pass it with `--build-arg`.';
}
