/**
 * Credential formats that can be recognised from the value alone: vendor tokens with a
 * fixed prefix, private key blocks, signed JWTs, passwords in URLs. Each format says how
 * much of a match may be shown (the public prefix), so messages never repeat a secret.
 *
 * Placeholders are not credentials: documentation examples (AWS's `…EXAMPLE` keys),
 * `xxxx`, `<token>`, `${TOKEN}`, `changeme`, runs of one character or of the alphabet.
 */

export interface CredentialFormat {
  id: string;
  /** What it is, for messages: "GitHub personal access token". */
  name: string;
  /** Global pattern. The credential is the `secret` group when there is one, else the whole match. */
  pattern: RegExp;
  /** How many leading characters of the credential are a public prefix that may be shown. */
  prefix: number | ((secret: string) => number);
  /** Show the last four characters too (identifiers, such as AWS access key ids, not secrets). */
  showTail?: boolean;
  /** Lower runs first; a later match overlapping an earlier one is dropped. */
  priority: number;
  /** Extra checks on a match; false drops it. */
  accept?(secret: string, match: RegExpExecArray, text: string): boolean;
  /** Where the reported range ends, when it is not the end of the credential (private key blocks). */
  extend?(text: string, end: number): number;
  /** A description of the credential for the message when the name alone is not enough. */
  describe?(secret: string, match: RegExpExecArray): string;
  /**
   * Literal text in every match, whose first occurrence after the start of a match is at most
   * `within` characters in. The text is then searched for the literal, and the pattern is only
   * tried at the positions before it: the same matches as a scan of the whole text, for
   * patterns that V8 cannot search for quickly.
   */
  anchor?: { text: string; within: number };
}

export interface CredentialMatch {
  format: CredentialFormat;
  start: number;
  end: number;
  /** Safe to show: the public prefix and `…`. */
  masked: string;
  /** The credential's length. */
  length: number;
  /** Name with any detail the format adds ("JWT signed with HS256"). */
  description: string;
}

// Boundaries: a token must not be glued to other token characters.
const B = '(?<![A-Za-z0-9_])';
const E = '(?![A-Za-z0-9_])';

/** A value that is obviously not a real credential. */
export function isPlaceholder(value: string): boolean {
  const v = value.toLowerCase();
  if (/example|x{4,}|\*{3,}|\.{3}|<[^>]*>|\$\{|\$\(|\{\{|%s|changeme|change_me|placeholder|redacted|dummy|sample|your[_-]|insert[_-]|replace[_-]?me|fake|notreal|not[_-]a[_-]real/.test(v)) return true;
  const body = value.replace(/[^A-Za-z0-9]/g, '');
  if (body.length >= 12 && new Set(body).size < 6) return true;
  return hasLongRun(body);
}

/** Ten or more characters counting up (`0123456789`, `abcdefghij`): typed, not generated. */
function hasLongRun(s: string): boolean {
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    run = s.charCodeAt(i) === s.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 10) return true;
  }
  return false;
}

/** Mixed letters and digits, as generated tokens are. */
function looksGenerated(s: string): boolean {
  return /[0-9]/.test(s) && /[A-Za-z]/.test(s) && !isPlaceholder(s);
}

function base64UrlJson(segment: string): Record<string, unknown> | undefined {
  try {
    const json = Buffer.from(segment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const v = JSON.parse(json);
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Passwords in URLs that only stand in for one. */
const PLACEHOLDER_PASSWORDS = new Set(['pass', 'password', 'passwd', 'pwd', 'secret', 'token', 'changeme', 'test', 'dummy', 'example', 'x', 'xxx', 'foo', 'bar', 'pw', 'p', '*', 'apikey', 'api_key', 'mypassword', 'yourpassword', 'user', 'username']);

export const CREDENTIAL_FORMATS: readonly CredentialFormat[] = [
  {
    id: 'private-key',
    name: 'private key',
    pattern: /-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g,
    prefix: s => s.length,
    priority: 0,
    // A header alone (in a grep, a sed script, prose) is not a key: key material must follow it directly,
    // on the next lines, after `\n` escapes, or after encryption headers.
    accept: (_s, m, text) => /^(?:\s|\\n|\\\r?\n|["'])*(?:(?:Proc-Type|DEK-Info):[^\n\\]*(?:\s|\\n|\\\r?\n)+)*[A-Za-z0-9+/=]{40,}/
      .test(text.slice(m.index + m[0].length, m.index + m[0].length + 400)),
    extend: (text, end) => {
      const close = /-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----/.exec(text.slice(end, end + 20000));
      return close ? end + close.index + close[0].length : end;
    },
    describe: s => `private key (\`${s}\`)`,
  },
  { id: 'aws-access-key-id', name: 'AWS access key id', pattern: new RegExp(`(?<![A-Za-z0-9+/])(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Za-z0-9+/])`, 'g'), prefix: 4, showTail: true, priority: 1, accept: s => !isPlaceholder(s) && /[0-9]/.test(s.slice(4)) },
  {
    id: 'aws-secret-access-key',
    name: 'AWS secret access key',
    pattern: /(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key)["']?\s*(?:[:=]|\s)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    prefix: 0,
    priority: 5,
    accept: s => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s) && !isPlaceholder(s),
  },
  { id: 'github-fine-grained-pat', name: 'GitHub fine-grained personal access token', pattern: new RegExp(`${B}github_pat_[A-Za-z0-9_]{70,}${E}`, 'g'), prefix: 11, priority: 1, accept: s => looksGenerated(s.slice(11)) },
  {
    id: 'github-token',
    name: 'GitHub token',
    pattern: new RegExp(`${B}gh[pousr]_[A-Za-z0-9]{36,251}${E}`, 'g'),
    prefix: 4,
    priority: 1,
    accept: s => looksGenerated(s.slice(4)),
    describe: s => ({ ghp: 'GitHub personal access token', gho: 'GitHub OAuth access token', ghu: 'GitHub user access token', ghs: 'GitHub app installation token', ghr: 'GitHub refresh token' } as Record<string, string>)[s.slice(0, 3)] ?? 'GitHub token',
  },
  { id: 'gitlab-token', name: 'GitLab token', pattern: new RegExp(`${B}gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_.-]{20,}${E}`, 'g'), prefix: s => s.indexOf('-') + 1, priority: 1, accept: s => looksGenerated(s.slice(s.indexOf('-') + 1)) || /[A-Z]/.test(s) && /[a-z]/.test(s) && !isPlaceholder(s) },
  { id: 'anthropic-api-key', name: 'Anthropic API key', pattern: new RegExp(`${B}sk-ant-[a-z]+\\d*-[A-Za-z0-9_-]{40,}${E}`, 'g'), prefix: 7, priority: 1, accept: s => looksGenerated(s.slice(7)) },
  { id: 'openai-api-key', name: 'OpenAI API key', pattern: new RegExp(`(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{32,})${E}`, 'g'), prefix: s => /^sk-(proj|svcacct|admin)-/.test(s) ? s.indexOf('-', 3) + 1 : 3, priority: 2, accept: s => !s.startsWith('sk-ant-') && looksGenerated(s.slice(3)) },
  { id: 'slack-token', name: 'Slack token', pattern: new RegExp(`${B}xox[baprs]-[0-9]+-[A-Za-z0-9-]{10,}${E}`, 'g'), prefix: 5, priority: 1, accept: s => !isPlaceholder(s.slice(5)) },
  { id: 'slack-webhook', name: 'Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,}/g, prefix: 'https://hooks.slack.com/services/'.length, priority: 1, accept: s => !isPlaceholder(s.slice(33)) },
  { id: 'stripe-live-key', name: 'Stripe live secret key', pattern: new RegExp(`${B}(?:sk|rk)_live_[A-Za-z0-9]{20,}${E}`, 'g'), prefix: 8, priority: 1, accept: s => looksGenerated(s.slice(8)) },
  { id: 'google-api-key', name: 'Google API key', pattern: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`, 'g'), prefix: 4, priority: 1, accept: s => !isPlaceholder(s.slice(4)) },
  { id: 'npm-token', name: 'npm access token', pattern: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`, 'g'), prefix: 4, priority: 1, accept: s => looksGenerated(s.slice(4)) },
  {
    id: 'npm-auth-token',
    name: 'npm registry auth token',
    pattern: /_auth(?:Token)?\s*=\s*["']?(?<secret>[^\s"'$`;&|]{16,})/g,
    prefix: 0,
    priority: 4,
    accept: s => !isPlaceholder(s),
  },
  { id: 'huggingface-token', name: 'Hugging Face token', pattern: new RegExp(`${B}hf_[A-Za-z]{34,}${E}`, 'g'), prefix: 3, priority: 1, accept: s => /[a-z]/.test(s.slice(3)) && /[A-Z]/.test(s.slice(3)) && !isPlaceholder(s.slice(3)) },
  { id: 'pypi-token', name: 'PyPI API token', pattern: new RegExp(`${B}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}${E}`, 'g'), prefix: 5, priority: 1 },
  { id: 'docker-hub-pat', name: 'Docker Hub access token', pattern: new RegExp(`${B}dckr_pat_[A-Za-z0-9_-]{27,}${E}`, 'g'), prefix: 9, priority: 1, accept: s => !isPlaceholder(s.slice(9)) },
  {
    id: 'jwt',
    name: 'JSON Web Token',
    pattern: new RegExp(`${B}eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}${E}`, 'g'),
    prefix: 3,
    priority: 3,
    // A signed token: the header is JSON naming a real algorithm.
    accept: s => {
      const header = base64UrlJson(s.split('.')[0]);
      return typeof header?.alg === 'string' && header.alg.toLowerCase() !== 'none';
    },
    describe: s => `JSON Web Token signed with ${String(base64UrlJson(s.split('.')[0])?.alg)}`,
  },
  {
    id: 'url-password',
    name: 'password in a URL',
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/(?<user>[^\s/:@'"`$]+):(?<secret>[^\s/@'"`]+)@(?<host>[A-Za-z0-9.-]+)/g,
    prefix: 0,
    priority: 6,
    // The scheme (2 to 21 characters, no `:`) comes right before the first `://` of a match.
    anchor: { text: '://', within: 21 },
    // Short passwords (`a:b@`, `abc:xyz@`) are illustrations; escapes (`\u…`) mean source code, not a Dockerfile value.
    accept: (s, m) => s.length >= 6 && !/[$\\]/.test(s) && !isPlaceholder(s) && !PLACEHOLDER_PASSWORDS.has(s.toLowerCase()) && s !== m.groups?.user && !/^%[0-9A-F]{2}/i.test(s) && !/^[\W_]+$/.test(s),
    describe: (_s, m) => `password in a URL (\`${m[0].slice(0, m[0].indexOf('://') + 3)}${m.groups!.user}:****@${m.groups!.host}\`)`,
  },
];

const ORDERED_FORMATS = [...CREDENTIAL_FORMATS].sort((a, b) => a.priority - b.priority);
const stickyPatterns = new WeakMap<RegExp, RegExp>();

/**
 * Successive matches of a global `pattern` in `text`, as repeated `exec` calls would return
 * them, found by trying the pattern (sticky) only just before each occurrence of the anchor.
 */
function anchoredSearch(pattern: RegExp, anchor: { text: string; within: number }, text: string): () => RegExpExecArray | null {
  let sticky = stickyPatterns.get(pattern);
  if (!sticky) stickyPatterns.set(pattern, (sticky = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'y')));
  const re = sticky;
  let from = 0;
  let at = text.indexOf(anchor.text);
  return () => {
    // The leftmost match from `from` on has its first anchor at the earliest occurrence that admits a match.
    for (; at >= 0; at = text.indexOf(anchor.text, at + 1)) {
      for (let start = Math.max(from, at - anchor.within); start <= at; start++) {
        re.lastIndex = start;
        const m = re.exec(text);
        if (!m) continue;
        from = start + m[0].length;
        at = text.indexOf(anchor.text, from);
        return m;
      }
    }
    return null;
  };
}

/** Every credential in `text`, without overlaps (the most specific format wins), in text order. */
export function findCredentials(text: string): CredentialMatch[] {
  const found: CredentialMatch[] = [];
  for (const format of ORDERED_FORMATS) {
    format.pattern.lastIndex = 0;
    const next = format.anchor ? anchoredSearch(format.pattern, format.anchor, text) : () => format.pattern.exec(text);
    for (let m = next(); m; m = next()) {
      const secret = m.groups?.secret ?? m[0];
      const start = m.index + (m.groups?.secret !== undefined ? m[0].lastIndexOf(secret) : 0);
      let end = start + secret.length;
      if (format.accept && !format.accept(secret, m, text)) continue;
      if (format.extend) end = format.extend(text, end);
      if (found.some(f => start < f.end && f.start < end)) continue;
      const shown = typeof format.prefix === 'function' ? format.prefix(secret) : format.prefix;
      const masked = format.id === 'private-key' ? secret : `${secret.slice(0, shown)}…${format.showTail ? secret.slice(-4) : ''}`;
      found.push({ format, start, end, masked, length: secret.length, description: format.describe?.(secret, m) ?? format.name });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
