import { INSTRUCTION_FLAGS, mountOption, mountType, MOUNT_TYPES } from '../knowledge/buildkit-flags';
import { INSTRUCTION_NOTES } from '../knowledge/instructions';
import type { DockerfileModel } from '../model';
import type { Position } from '../types';
import { cursorSite, type ArgumentSite } from './completion-context';

/** LSP-free signature help: parameter labels are [start, end) offsets into the signature label. */
export interface SignatureParameter { label: [number, number]; documentation?: string }
export interface SignatureInfo { label: string; documentation?: string; parameters: SignatureParameter[] }
export interface Signatures { signatures: SignatureInfo[]; activeSignature: number; activeParameter: number }

/** A signature written as pieces; `[text, doc]` pieces are parameters. */
type Piece = string | [string, string];

function signature(pieces: Piece[], documentation?: string): SignatureInfo {
  let label = '';
  const parameters: SignatureParameter[] = [];
  for (const p of pieces) {
    if (typeof p === 'string') { label += p; continue; }
    parameters.push({ label: [label.length, label.length + p[0].length], documentation: p[1] });
    label += p[0];
  }
  return { label, documentation, parameters };
}

/** `[--a] [--b]` pieces for an instruction's flags, in table order. */
function flagPieces(keyword: string): Piece[] {
  return (INSTRUCTION_FLAGS[keyword] ?? []).flatMap((f): Piece[] => [[`[--${f.name}${f.value && !f.boolean ? `=${f.value}` : ''}]`, f.doc], ' ']);
}

const note = (keyword: string) => INSTRUCTION_NOTES[keyword]?.note;

/** Signatures per instruction, built once. Positional parameters follow the flag parameters. */
const SIGNATURES: Record<string, SignatureInfo[]> = {
  FROM: [signature(['FROM ', ...flagPieces('FROM'), ['<image>[:<tag>|@<digest>]', 'The base image: a registry image, an earlier stage, or `scratch`.'], ' ', ['[AS <name>]', 'Names the stage for `COPY --from` and later FROM lines.']], note('FROM'))],
  RUN: [
    signature(['RUN ', ...flagPieces('RUN'), ['<command>', 'A shell command line, run with `/bin/sh -c` (or the SHELL).']], note('RUN')),
    signature(['RUN ', ...flagPieces('RUN'), ['["executable", "arg", ...]', 'Exec form: run directly, no shell and no variable expansion.']], note('RUN')),
  ],
  COPY: [signature(['COPY ', ...flagPieces('COPY'), ['<src>...', 'Files or folders from the build context (or the `--from` source); wildcards allowed.'], ' ', ['<dest>', 'The path in the image; a folder when it ends with `/` or there are several sources.']], note('COPY'))],
  ADD: [signature(['ADD ', ...flagPieces('ADD'), ['<src>...', 'Context paths, URLs or Git repositories; local tar archives are unpacked.'], ' ', ['<dest>', 'The path in the image.']], note('ADD'))],
  HEALTHCHECK: [
    signature(['HEALTHCHECK ', ...flagPieces('HEALTHCHECK'), ['CMD <command>', 'The check: exit 0 healthy, 1 unhealthy.']], note('HEALTHCHECK')),
    signature(['HEALTHCHECK ', ['NONE', 'Turns off a check inherited from the base image.']]),
  ],
  ENV: [signature(['ENV ', ['<key>', 'The variable name.'], '=', ['<value>', 'Its value; quote it when it holds spaces.'], ' ...'], note('ENV'))],
  ARG: [signature(['ARG ', ['<name>', 'The build argument.'], ['[=<default>]', 'Used when `--build-arg` does not set it.']], note('ARG'))],
  LABEL: [signature(['LABEL ', ['<key>', 'Prefer reverse-DNS or `org.opencontainers.image.*` keys.'], '=', ['<value>', 'The value (quote it when it holds spaces).'], ' ...'], note('LABEL'))],
  EXPOSE: [signature(['EXPOSE ', ['<port>', 'The port the application listens on.'], ['[/<tcp|udp>]', 'Protocol, `tcp` by default.'], ' ...'], note('EXPOSE'))],
  USER: [signature(['USER ', ['<user>', 'Name or numeric uid.'], ['[:<group>]', 'Name or numeric gid (default: the user\'s primary group).']], note('USER'))],
  WORKDIR: [signature(['WORKDIR ', ['<path>', 'Absolute path, created if missing.']], note('WORKDIR'))],
  SHELL: [signature(['SHELL ', ['["executable", "parameters", ...]', 'JSON array: the shell and the flags before the command string.']], note('SHELL'))],
  STOPSIGNAL: [signature(['STOPSIGNAL ', ['<signal>', 'A name like `SIGTERM` or a number.']], note('STOPSIGNAL'))],
  ONBUILD: [signature(['ONBUILD ', ['<INSTRUCTION>', 'Any instruction but FROM, ONBUILD and MAINTAINER.'], ' ', ['<arguments>', 'Its arguments, as it would take them.']], note('ONBUILD'))],
  CMD: [
    signature(['CMD ', ['["executable", "arg", ...]', 'Exec form: the process is PID 1 and receives signals.']], note('CMD')),
    signature(['CMD ', ['["arg", ...]', 'Default arguments to ENTRYPOINT.']]),
    signature(['CMD ', ['<command>', 'Shell form, wrapped in `/bin/sh -c`.']]),
  ],
  ENTRYPOINT: [
    signature(['ENTRYPOINT ', ['["executable", "arg", ...]', 'Exec form: CMD supplies extra arguments.']], note('ENTRYPOINT')),
    signature(['ENTRYPOINT ', ['<command>', 'Shell form: ignores CMD and `docker run` arguments.']]),
  ],
};

/** Instructions whose arguments are one command line (exec forms stay helped: their brackets are easy to get wrong). */
const COMMAND_LINE = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/** `--mount=type=<t>,opt=...` as a signature whose parameters are the options of the type. */
const MOUNT_SIGNATURES = new Map(MOUNT_TYPES.map(t => [t.type, signature([
  '--mount=', ['type=' + t.type, t.doc],
  ...t.options.flatMap((o): Piece[] => [',', [o.value ? `${o.name}=${o.value}` : o.name, o.doc]]),
], t.doc)]));

/**
 * Signature help at a position: the instruction's form with the parameter under the cursor
 * highlighted, or inside `--mount=`, the mount type's options. Undefined where nothing applies.
 */
export function signatureHelpAt(model: DockerfileModel, pos: Position): Signatures | undefined {
  const site = cursorSite(model, pos);
  if (site.kind !== 'argument' || site.onbuildTrigger) return undefined;
  if (site.keyword === 'RUN' && site.args.length === 0 && /^--mount=/i.test(site.word)) return mountHelp(site.word.slice('--mount='.length));
  const signatures = SIGNATURES[site.keyword];
  if (!signatures) return undefined;
  // A command line is one parameter: once its first word is written, the popup would only cover the code.
  if (COMMAND_LINE.has(site.keyword) && site.args.length > 0 && !site.args[0].startsWith('[')) return undefined;
  const flags = INSTRUCTION_FLAGS[site.keyword] ?? [];
  const active = chooseSignature(site);
  const flagCount = active === 0 || site.keyword === 'RUN' ? flags.length : 0;
  let parameter: number;
  if (site.args.length === 0 && site.word.startsWith('-')) {
    const name = site.word.replace(/^--?/, '').split('=')[0].toLowerCase();
    const at = flags.findIndex(f => f.name.startsWith(name));
    parameter = at >= 0 ? at : 0;
  } else {
    parameter = flagCount + positionalParameter(site, signatures[active]);
  }
  return { signatures, activeSignature: active, activeParameter: Math.min(parameter, signatures[active].parameters.length - 1) };
}

function chooseSignature(site: ArgumentSite): number {
  const first = site.args[0] ?? site.word;
  switch (site.keyword) {
    case 'RUN': return first.startsWith('[') ? 1 : 0;
    case 'HEALTHCHECK': return /^n/i.test(first) ? 1 : 0;
    case 'CMD': return first.startsWith('[') ? 0 : first ? 2 : 0;
    case 'ENTRYPOINT': return first && !first.startsWith('[') ? 1 : 0;
    default: return 0;
  }
}

/** Which positional parameter the cursor is on, for the instruction's shape. */
function positionalParameter(site: ArgumentSite, sig: SignatureInfo): number {
  const index = site.args.length;
  const word = site.word;
  switch (site.keyword) {
    case 'FROM': return index === 0 ? 0 : 1;
    case 'COPY':
    case 'ADD':
      // The last word is the destination: once two words exist and the cursor is on the last one.
      return index >= 1 && index >= site.allArgs - 1 ? 1 : 0;
    case 'ENV':
    case 'LABEL':
      return word.includes('=') ? 1 : 0;
    case 'ARG':
      return word.includes('=') ? 1 : 0;
    case 'EXPOSE':
      return word.includes('/') ? 1 : 0;
    case 'USER':
      return word.includes(':') ? 1 : 0;
    case 'ONBUILD':
      return index === 0 ? 0 : 1;
    default:
      return Math.min(index, sig.parameters.length - 1);
  }
}

function mountHelp(value: string): Signatures | undefined {
  const segments = value.split(',');
  const typeSegment = segments.find(s => /^type=/i.test(s));
  const type = mountType(typeSegment ? typeSegment.slice(5) : 'bind');
  if (!type) return undefined;
  const sig = MOUNT_SIGNATURES.get(type.type)!;
  const current = segments[segments.length - 1];
  const key = current.split('=')[0].toLowerCase();
  // While the key is still being typed, the first option it can become.
  const option = mountOption(type, key) ?? (key ? type.options.find(o => o.name.startsWith(key)) : undefined);
  const parameter = /^type$/i.test(key) || !option ? 0 : 1 + type.options.indexOf(option);
  return { signatures: [sig], activeSignature: 0, activeParameter: parameter };
}
