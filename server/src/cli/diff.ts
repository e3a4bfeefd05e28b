/** A unified diff of two texts (line based), as `diff -u` and `git apply` understand it. */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  // Changes closer than 2 × context unchanged lines share a hunk.
  const changed = ops.flatMap((o, i) => (o.kind === ' ' ? [] : [i]));
  for (let h = 0; h < changed.length; h++) {
    const first = changed[h];
    let last = first;
    while (h + 1 < changed.length && changed[h + 1] - last - 1 <= context * 2) last = changed[++h];
    const hunk = ops.slice(Math.max(0, first - context), Math.min(ops.length, last + context + 1));
    const oldCount = hunk.filter(o => o.kind !== '+').length;
    const newCount = hunk.filter(o => o.kind !== '-').length;
    const oldStart = hunk[0].oldLine, newStart = hunk[0].newLine;
    out.push(`@@ -${oldCount ? oldStart + 1 : oldStart},${oldCount} +${newCount ? newStart + 1 : newStart},${newCount} @@`);
    for (const op of hunk) {
      out.push(op.kind + op.text.replace(/\n$/, ''));
      if (!op.text.endsWith('\n')) out.push('\\ No newline at end of file');
    }
  }
  return out.join('\n') + '\n';
}

interface Op { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number }

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Longest-common-subsequence diff after trimming the common prefix and suffix. */
function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf), bm = b.slice(pre, b.length - suf);
  const n = am.length, m = bm.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
    lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops: Op[] = [];
  let oi = 0, ni = 0;
  const push = (kind: Op['kind'], text: string) => {
    ops.push({ kind, text, oldLine: oi, newLine: ni });
    if (kind !== '+') oi++;
    if (kind !== '-') ni++;
  };
  for (let k = 0; k < pre; k++) push(' ', a[k]);
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) { push(' ', am[i]); i++; j++; }
    else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) { push('+', bm[j]); j++; }
    else { push('-', am[i]); i++; }
  }
  for (let k = a.length - suf; k < a.length; k++) push(' ', a[k]);
  return ops;
}
