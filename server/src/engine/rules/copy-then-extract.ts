import type { InstructionInfo } from '../model';
import { defineRule } from '../rule';
import { runScript } from '../run';
import { commandName, type ShellCommand } from '../shell/commands';
import { baseName, copyArgs, flagText } from '../knowledge/instruction-args';
import { lintStages } from '../knowledge/stages';
import { unwrapped } from '../knowledge/command-sites';

/** File names an extraction command can unpack (hadolint's list, plus zip and zstd). */
const ARCHIVE = /\.(tar|Z|bz2|gz|lz|lzma|tZ|tb2|tbz|tbz2|tgz|tlz|tpz|txz|xz|zip|zst|tzst)$/;
/** Tar archives, compressed or not, which ADD unpacks by itself. */
const TAR = /\.(tar(\.(gz|bz2|xz|Z|lz|lzma|zst))?|tgz|tbz2?|tb2|txz|tlz|tZ|tpz|tzst)$/;
const DECOMPRESS = new Set(['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat', 'unzstd', 'zstdcat', 'xzcat', 'bzcat', '7z']);

interface Copied { name: string; info: InstructionInfo }

export default defineRule({
  id: 'copy-then-extract',
  aliases: ['DL3010'],
  category: 'size',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'An archive is COPYed into the image and unpacked by a later RUN, so the archive itself stays in a layer.',
    why: [
      'Layers only ever add: the COPY stores the archive in one layer, the RUN that unpacks it stores the extracted',
      'files in another, and deleting the archive afterwards (`rm app.tar.gz`) only hides it. The image carries the',
      'packed and unpacked copies, and pulls download both.',
      '',
      'ADD unpacks a local tar archive (plain or compressed with gzip, bzip2 or xz) in one step, storing only the',
      'extracted files. For other formats (zip, a single `.gz` file), or when the unpacking needs options, mount the',
      'archive for just that RUN: `RUN --mount=type=bind,source=app.zip,target=/tmp/app.zip unzip /tmp/app.zip -d /opt/app`.',
      'The archive is then read from the build context and never becomes part of a layer.',
    ].join('\n'),
    bad: [
      'FROM debian:12-slim',
      'COPY vendor/app.tar.gz /tmp/',
      'RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz',
    ].join('\n'),
    good: [
      'FROM debian:12-slim',
      'ADD vendor/app.tar.gz /opt/',
      'COPY --from=builder /dist/site.tar /srv/',
    ].join('\n'),
    context: { 'vendor/app.tar.gz': '' },
    notes: [
      'As hadolint\'s DL3010: an archive copied from the build context (not `--from` another stage) whose file name is',
      'then given to `tar -x` (or `tar x`), `unzip`, `gunzip`, `xz -d`-style tools in the same stage. The finding is on',
      'the COPY. Deviations: zip and zstd archives count too, and for them and for single compressed files (which ADD',
      'does not unpack) the message suggests a bind mount instead of ADD. Names are compared by their last path',
      'segment, as hadolint does, so a different file with the same name can be mistaken for the archive.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      const copied: Copied[] = [];
      const reported = new Set<InstructionInfo>();
      for (const info of stage.instructions) {
        if (info.keyword === 'COPY') {
          if (flagText(info.node, 'from') !== undefined) continue;
          const args = copyArgs(model, info.node);
          if (!args || args.heredoc) continue;
          const dest = baseName(args.dest.text);
          if (ARCHIVE.test(dest)) copied.push({ name: dest, info });
          else for (const s of args.sources) if (ARCHIVE.test(baseName(s))) copied.push({ name: baseName(s), info });
          continue;
        }
        if (info.keyword !== 'RUN' || !copied.length) continue;
        for (const cmd of runScript(info.node).commands) {
          const argv = unwrapped(cmd).argv;
          if (!extracts({ argv, assignments: [] })) continue;
          const names = new Set(argv.slice(1).flatMap(a => a.startsWith('--file=') ? [a.slice(7)] : a.startsWith('-') ? [] : [a]).map(baseName));
          for (const c of copied) {
            if (!names.has(c.name) || reported.has(c.info)) continue;
            reported.add(c.info);
            const tar = TAR.test(c.name);
            ctx.report({
              range: c.info.range,
              message: tar
                ? `\`${c.name}\` is copied here and unpacked by the RUN on line ${info.range.start.line + 1}, so the archive stays in this layer; \`ADD\` unpacks a tar archive in one step (or mount it for that RUN with \`RUN --mount=type=bind\`).`
                : `\`${c.name}\` is copied here and unpacked by the RUN on line ${info.range.start.line + 1}, so the archive stays in this layer; mount it for that RUN instead (\`RUN --mount=type=bind,source=…,target=/tmp/${c.name} …\`).`,
            });
          }
        }
      }
    }
  },
});

function extracts(cmd: ShellCommand): boolean {
  const name = commandName(cmd);
  if (DECOMPRESS.has(name)) return true;
  const args = cmd.argv.slice(1);
  if (name === 'tar') {
    if (args.some(a => a === '--extract' || a === '--get')) return true;
    if (args.some(a => /^-[A-Za-z]*x/.test(a))) return true;
    // Old-style bundled options without a dash: `tar xzf app.tgz`.
    return !!args[0] && /^[A-Za-z]*x[A-Za-z]*$/.test(args[0]);
  }
  if (['xz', 'gzip', 'bzip2', 'zstd', 'lzma'].includes(name)) return args.some(a => a === '-d' || a === '--decompress' || /^-[A-Za-z]*d/.test(a));
  return false;
}
