/**
 * Does a variable name look like it holds a credential? Names are split into words
 * (`_`, `-`, `.`, camelCase) and judged on those words, so `API_TOKEN` matches while
 * `TOKENIZER_PATH` and official images' `GPG_KEY` fingerprints do not.
 */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pword', 'passphrase', 'secret', 'secrets', 'token', 'tokens',
  'credential', 'credentials', 'apikey', 'privatekey', 'accesskey', 'secretkey', 'authtoken', 'pat',
]);

/**
 * `KEY` is a credential (`API_KEY`, `SSH_KEY`, `MAILGUN_KEY`, `LICENSE_KEY`) unless the word before
 * it says it is public or not a secret at all (`GPG_KEY` fingerprints, reCAPTCHA's `SITE_KEY`,
 * `CACHE_KEY`, `PARTITION_KEY`).
 */
const NON_CREDENTIAL_KEY_QUALIFIERS = new Set([
  'gpg', 'pgp', 'gnupg', 'public', 'pub', 'site', 'publishable', 'cache', 'sort', 'partition', 'primary', 'foreign',
  'routing', 'hash', 'lookup', 'index', 'row', 'object', 'config', 'hot', 'short', 'composite', 'unique', 'dedup',
  'idempotency', 'translation', 'i18n', 'map', 'dict', 'group', 'shard', 'bucket', 'prefix', 'redis', 'memcache', 's3',
  // Package signing keys (public): `APT_KEY`, `REPO_KEY`, `YUM_KEY`.
  'apt', 'yum', 'rpm', 'deb', 'repo', 'repository', 'archive',
]);

/** Words that mark the value as a reference to a secret, as public, or as a setting, rather than the secret itself. */
const NOT_SECRET_WORDS = new Set([
  'public', 'pub', 'file', 'path', 'dir', 'directory', 'url', 'uri', 'endpoint', 'name', 'id', 'type', 'length', 'size',
  'algorithm', 'alg', 'header', 'enabled', 'enable', 'required', 'expiry', 'expires', 'ttl', 'timeout', 'version',
  'fingerprint', 'keyring', 'keyserver', 'location', 'mount', 'env', 'var', 'field', 'format', 'count', 'prefix',
  'limit', 'max', 'min', 'rotation', 'issuer', 'audience', 'scope', 'scopes', 'hint', 'policy', 'usage',
  'tokenizer', 'tokenizers', 'ids', 'disable', 'disabled', 'skip', 'allow', 'allowed', 'use', 'server', 'host', 'port',
  'user', 'username', 'method', 'mode', 'provider', 'strategy', 'backend', 'realm', 'domain',
]);

/** Exact names that are well known and not secrets. */
const KNOWN_SAFE = new Set(['GPG_KEY', 'GPG_KEYS', 'PWD', 'OLDPWD', 'KEY', 'TOKENIZERS_PARALLELISM', 'NPM_CONFIG_TOKEN_PATH']);

/** Names that hold credentials even though their words look harmless. */
const KNOWN_SECRET = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'DATABASE_PASSWORD', 'PGPASSWORD', 'MYSQL_PWD']);

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\-.\s]+/)
    .filter(Boolean)
    .map(w => w.toLowerCase());
}

export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (KNOWN_SECRET.has(upper)) return true;
  if (KNOWN_SAFE.has(upper)) return false;
  const words = splitWords(name);
  if (words.some(w => NOT_SECRET_WORDS.has(w))) return false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (SECRET_WORDS.has(w)) return true;
    if ((w === 'key' || w === 'keys') && i > 0 && !NON_CREDENTIAL_KEY_QUALIFIERS.has(words[i - 1])) return true;
    // `BASIC_AUTH`, `NPM_AUTH`, `AUTH`: credentials; `AUTH_PROVIDER`, `AUTH_MODE`: settings.
    if (w === 'auth' && i === words.length - 1) return true;
  }
  return false;
}

/** A literal that switches something on or off is not a credential, whatever the name says. */
export function isFlagValue(value: string): boolean {
  return /^["']?(true|false|yes|no|on|off|0|1|enabled|disabled)["']?$/i.test(value.trim());
}

/** A value that only forwards another variable (`$TOKEN`, `${TOKEN}`) carries no literal secret. */
export function isVariableReference(value: string): boolean {
  return /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(value.trim());
}
