import type { Heredoc } from 'dockerfile-ast';
import type { InstructionInfo } from '../model';
import { flagsOf } from '../model';
import type { BuildContext } from '../context';
import { defineRule } from '../rule';
import { execForm } from '../knowledge/shell-source';
import { lintStages } from '../knowledge/stages';
import type { Fix } from '../types';

/** Names ADD unpacks: tar, optionally compressed with gzip, bzip2, xz or zstd (hadolint also counts bare .gz/.bz2/.xz). */
const ARCHIVE = /\.(tar|tgz|taz|tbz|tbz2|tb2|txz|tlz|tzst|tar\.(gz|bz2|xz|lz|lzma|zst|z)|gz|bz2|xz|zst|lzma)$/i;
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;
/** Extensions that are certainly not tar archives, so COPY behaves exactly like ADD. */
const PLAIN = /\.(py|pyi|pyc|js|mjs|cjs|ts|tsx|jsx|json|ya?ml|toml|ini|cfg|conf|config|properties|env|txt|md|rst|csv|tsv|sh|bash|zsh|ps1|bat|cmd|html?|css|scss|xml|svg|png|jpe?g|gif|ico|webp|lock|sql|rb|go|mod|sum|java|kt|scala|groovy|gradle|jar|war|ear|zip|whl|egg|c|h|cc|cpp|hpp|rs|php|pl|r|ipynb|crt|pem|key|pub|cer|service|timer|so|dll|exe|onnx|pt|pth|safetensors|pkl|joblib|h5|npy|npz|parquet|db|sqlite|log|patch|diff|proto|graphql|tf|hcl|j2|tmpl|tpl|template|dockerignore|gitignore|editorconfig|nginx|vcl|lua|vim|el|ex|exs|erl|hs|ml|swift|dart|cs|fs|vb|asm|s)$/i;
/** ADD-only flags: with them the instruction is not a plain copy. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export default defineRule({
  id: 'add-instead-of-copy',
  aliases: ['DL3020'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'ADD is used to copy local files; COPY does the same without ADD\'s hidden extras.',
    why: [
      'ADD and COPY both put files from the build context into the image, but ADD has two more behaviours: it downloads',
      'URLs, and it silently unpacks any local tar archive it is given (detected by content, compressed or not) instead',
      'of copying the file. Reading `ADD config /etc/app/` you cannot tell which will happen, and renaming or replacing a',
      'file can change the result without any error.',
      '',
      'COPY only copies, so the instruction says exactly what it does, and caching works the same. Keep ADD for the',
      'cases that need it: unpacking a local `.tar.gz` in one step, or `ADD --checksum=sha256:… https://…` for a',
      'verified download.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'ADD requirements.txt .',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'ADD vendor/libs.tar.gz /opt/libs/',
    ].join('\n'),
    fix: 'Replaces ADD with COPY, keeping flags, sources and destination. It is applied by fix-all when the sources cannot be tar archives (folders, or files whose name or content shows they are not); for other files it is only offered, because ADD would have unpacked a tar even without a `.tar` name.',
    context: { 'requirements.txt': 'flask==3.0.0\n', 'vendor/libs.tar.gz': '' },
    notes: [
      'Not reported when every source is a URL, a git repository, or an archive name ADD unpacks (`.tar`, `.tar.gz`,',
      '`.tgz`, `.tar.bz2`, `.tar.xz`, `.tar.zst` and, as in hadolint, bare `.gz`, `.bz2`, `.xz`), or when a source is',
      'a variable we cannot resolve. `.zip` files are reported: ADD does not unpack them. When archives and plain files',
      'share one ADD the rule fires without a fix; split the instruction. ADD with `--checksum`, `--keep-git-dir` or',
      '`--unpack` is left alone.',
    ].join(' '),
  },
  check(ctx) {
    for (const stage of lintStages(ctx.model)) {
      for (const info of stage.instructions) {
        if (info.keyword !== 'ADD') continue;
        if (flagsOf(info.node).some(f => ADD_ONLY_FLAGS.has(f.getName().toLowerCase()))) continue;
        const sources = sourcesOf(ctx.model, info);
        if (!sources || !sources.length) continue;
        if (sources.some(s => s.includes('$'))) continue;
        const local = sources.filter(s => !REMOTE.test(s) && !ARCHIVE.test(s));
        if (!local.length) continue;
        const mixed = local.length !== sources.length;
        const list = local.map(s => `\`${s}\``).join(', ');
        ctx.report({
          range: info.range,
          message: mixed
            ? `This ADD mixes archives or URLs with plain files (${list}); copy the plain files with a separate COPY so each instruction does one thing.`
            : `ADD copies ${list} exactly like COPY would, but hides ADD's extras (it would unpack a tar archive, or download a URL); use COPY.`,
          fixes: () => (mixed ? [] : copyFix(info, local, ctx.buildContext)),
        });
      }
    }
  },
});

function unquote(s: string): string {
  return s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) ? s.slice(1, -1) : s;
}

function sourcesOf(model: import('../model').DockerfileModel, info: InstructionInfo): string[] | undefined {
  const heredocs = (info.node as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs?.() ?? [];
  if (heredocs.length) return heredocs.map(h => `<<${h.getName()}`);
  const exec = execForm(model, info.node);
  const args = exec ? exec.argv : info.node.getArguments().map(a => unquote(a.getValue()));
  if (args.length < 2) return undefined;
  return args.slice(0, -1);
}

/** Could ADD have unpacked this source? False only when we can tell it is not a tar archive. */
function mayBeArchive(source: string, context: BuildContext | undefined): boolean {
  if (source.startsWith('<<')) return false;
  const path = source.replace(/^\.\//, '');
  if (source === '.' || source.endsWith('/') || PLAIN.test(source)) return false;
  if (!context || /[*?[]/.test(source)) return true;
  if (!context.exists(path)) return true;
  const text = context.readText(path);
  // Unreadable: a folder (copied as is) or a large file (possibly a tar); we cannot tell which.
  if (text === undefined) return true;
  return looksLikeArchive(text);
}

/** Tar (`ustar` at 257), gzip, bzip2, xz and zstd signatures, as far as a text read shows them. */
function looksLikeArchive(text: string): boolean {
  if (text.slice(257, 262) === 'ustar') return true;
  if (text.charCodeAt(0) === 0x1f) return true; // gzip (0x1f 0x8b)
  if (text.startsWith('BZh')) return true;
  if (text.slice(1, 5) === '7zXZ') return true;
  if (text.charCodeAt(0) === 0x28 && text.slice(2, 3) === '/') return true; // zstd 28 B5 2F FD
  return false;
}

function copyFix(info: InstructionInfo, sources: string[], context: BuildContext | undefined): Fix[] {
  const keyword = info.node.getInstruction();
  const replacement = keyword === keyword.toLowerCase() ? 'copy' : keyword === 'ADD' ? 'COPY' : 'Copy';
  const safe = !sources.some(s => mayBeArchive(s, context));
  return [{ title: 'Use COPY instead of ADD', edits: [{ range: info.node.getInstructionRange(), newText: replacement }], safe }];
}
