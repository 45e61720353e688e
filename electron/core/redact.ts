/*
 * One place that decides what is secret. Used by the logger and by diagnostics reports, so a
 * support ticket can never carry an enterprise code, a token, a password, an API key or a
 * private key, and shows a UUID only by its first 8 characters.
 *
 * Three layers, each catching what the one before cannot:
 * 1. exact values this process has handled (the box's own db_uuid and enterprise code, the token
 *    and Wi-Fi password we sent, the code read from a database), registered with rememberSecret;
 * 2. names: a field or a `key: value` / `'key': 'value'` / `"key": "value"` / `key=value` pair
 *    whose name says credential;
 * 3. shapes: PEM private keys, bearer headers, URL userinfo, pipe tokens, UUIDs.
 */

export const REMOVED = '[removed]';

/** A name that always means a credential, wherever it appears in a key (case-insensitive). */
const CREDENTIAL_WORDS =
  'token|secret|passw(?:or)?d|passphrase|psk|api[_-]?key|authorization|private[_-]?key|x509_pem|cookie|session[_-]?id|enterprise[_-]?code';
const CREDENTIAL_KEY = new RegExp(CREDENTIAL_WORDS, 'i');
/**
 * `code` is ambiguous: an enterprise or OAuth code is a secret; an HTTP status, exit code or
 * error name is what support needs. Rule: a `*code*` value is kept only when it is a status — a
 * number (HTTP status, exit code, a barcode), an UPPER_SNAKE name
 * (`ERR_IOT_HTTPS_LOAD_REQUEST_STATUS`, `ECONNREFUSED`) or a lower-kebab name (`box-not-odoo`).
 * Secrets are random: they mix letters with digits or cases (`M2407abcd0001`), so they never
 * pass. One random code is public: the box's pairing code, which it prints on a receipt and
 * shows on its screen and homepage for anyone to type into Odoo; the assistant shows it too.
 */
const CODE_KEY = /code/i;
const PUBLIC_CODE_KEY = /^pairing[_-]?code$/i;
const STATUS_VALUE = /^(?:\d+|[A-Z]+(?:_[A-Z]+)*(?:_\d+)?|[a-z]+(?:-[a-z0-9]+)*)$/;
const UUID_KEY = /(db[_-]?uuid|database[_.-]?uuid|dbuuid)/i;
/** Our own fields that carry a public identifier, shown whole even when it is UUID-shaped. */
const PUBLIC_ID_KEY = /^identifier$/;

const KEY_CHARS = '[A-Za-z0-9_.-]';
const SECRETISH_KEY = `${KEY_CHARS}*(?:${CREDENTIAL_WORDS}|code)${KEY_CHARS}*`;
/** A value as logs print it: quoted (Python repr, JSON, shell) or a bare run. */
const VALUE = `b?'(?:[^'\\\\\\n]|\\\\.)*'|b?"(?:[^"\\\\\\n]|\\\\.)*"|[^\\s,;&"'<>(){}\\[\\]]+`;
/** `key=value`, `key: value`, `'key': 'value'`, `"key": "value"` (key quotes optional). */
const KEY_VALUE = new RegExp(
  `(?<![A-Za-z0-9_.-])(['"]?)(${SECRETISH_KEY})\\1(\\s*[:=]\\s*)(${VALUE})`,
  'gi',
);
/**
 * Command-line arguments, typed or as Python prints an argument list: `--password X`,
 * `ngrok config add-authtoken X`, `['ngrok', 'tcp', '--authtoken', 'X']`.
 */
const ARGUMENT = new RegExp(
  `((?:--|\\badd-)${KEY_CHARS}*(?:${CREDENTIAL_WORDS})${KEY_CHARS}*['"]?(?:\\s*,\\s*|\\s+))(${VALUE})`,
  'gi',
);
const UUID_TEXT = /\b([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** Exact secrets seen by this process; kept for its lifetime, bounded so it cannot grow forever. */
const MAX_REMEMBERED = 256;
const MIN_SECRET_LENGTH = 4;
const remembered = new Set<string>();

/**
 * Registers values this process handled as secrets, so every later report and log line removes
 * them wherever they appear, in whatever form (a box log quoting the box's own enterprise code).
 */
export function rememberSecret(...values: readonly (string | null | undefined)[]): void {
  for (const value of values) {
    const secret = value?.trim() ?? '';
    if (secret.length < MIN_SECRET_LENGTH || remembered.has(secret)) {
      continue;
    }
    if (remembered.size >= MAX_REMEMBERED) {
      const oldest = remembered.values().next();
      if (!oldest.done) {
        remembered.delete(oldest.value);
      }
    }
    remembered.add(secret);
  }
}

/** `0f3c9a2e-…` keeps 8 characters: enough to tell databases apart in a ticket. */
export function maskUuid(value: string): string {
  return value.length <= 8 ? value : `${value.slice(0, 8)}…`;
}

function isCredentialKey(key: string): boolean {
  return CREDENTIAL_KEY.test(key);
}

/** Whether a value under `key` must go: credentials always, codes unless they are a status. */
function isSecretPair(key: string, value: string): boolean {
  if (isCredentialKey(key)) {
    return true;
  }
  return CODE_KEY.test(key) && !PUBLIC_CODE_KEY.test(key) && !STATUS_VALUE.test(value);
}

/** `'abc'` → `'[removed]'`, keeping the quotes so the line still reads as what it was. */
function removeValue(raw: string): string {
  const quote = /^b?(['"])/.exec(raw)?.[1];
  return quote === undefined ? REMOVED : `${quote}${REMOVED}${quote}`;
}

function unquote(raw: string): string {
  return raw.replace(/^b?(['"])([\s\S]*)\1$/, '$2');
}

/** Secrets that travel inside text: box logs, error messages, anything a box or server wrote. */
function scrubText(
  text: string,
  knownSecrets: readonly string[],
  options: { readonly maskUuids: boolean },
): string {
  let result = text
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REMOVED)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REMOVED}`)
    // URL userinfo (`https://user:password@host`, `https://TOKEN@host`): the whole of it.
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, `$1${REMOVED}@`)
    // Pipe-format server token: url|token|db_uuid|enterprise_code.
    .replace(
      /(https?:\/\/[^\s|]+)\|[^\s|]+\|([0-9a-f-]{8})[0-9a-f-]*\|[^\s|"'<>]+/gi,
      `$1|${REMOVED}|$2…|${REMOVED}`,
    )
    .replace(KEY_VALUE, (whole, quote: string, key: string, separator: string, value: string) =>
      isSecretPair(key, unquote(value))
        ? `${quote}${key}${quote}${separator}${removeValue(value)}`
        : whole,
    )
    .replace(ARGUMENT, (_whole, flag: string, value: string) => `${flag}${removeValue(value)}`);
  if (options.maskUuids) {
    result = result.replace(UUID_TEXT, '$1…');
  }
  for (const secret of knownSecrets) {
    result = result.split(secret).join(REMOVED);
  }
  return result;
}

function collectSecrets(value: unknown, found: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if (value !== '' && isSecretPair(key, value)) {
      found.add(value);
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item) => collectSecrets(item, found, key));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [childKey, child] of Object.entries(value)) {
      collectSecrets(child, found, childKey);
    }
  }
}

function redactValue(value: unknown, key: string, secrets: readonly string[]): unknown {
  // Booleans and absent values about secrets (`tokenValid: false`) are facts, not secrets.
  if (typeof value === 'string' || typeof value === 'number') {
    if (value !== '' && isSecretPair(key, String(value))) {
      return REMOVED;
    }
  }
  if (typeof value === 'string') {
    return UUID_KEY.test(key)
      ? maskUuid(value)
      : scrubText(value, secrets, { maskUuids: !PUBLIC_ID_KEY.test(key) });
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactValue(item, key, secrets));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([childKey, child]) => [
        childKey,
        redactValue(child, childKey, secrets),
      ]),
    );
  }
  return value;
}

/**
 * A deep copy with every secret removed: secret-named fields, secrets found in free text (box
 * logs, error messages), every value registered with rememberSecret, and any other occurrence
 * of a secret value seen under a secret name. `extraSecrets` adds values known to the caller.
 */
export function redact<T>(value: T, extraSecrets: readonly string[] = []): T {
  const found = new Set<string>(remembered);
  for (const secret of extraSecrets) {
    if (secret.trim().length >= MIN_SECRET_LENGTH) {
      found.add(secret.trim());
    }
  }
  collectSecrets(value, found);
  // Longest first, so a secret that contains another is removed whole.
  const secrets = [...found]
    .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  return redactValue(value, '', secrets) as T;
}

/** One line of free text (a log message) with the same rules as a report. */
export function redactText(text: string): string {
  return redact({ text }).text;
}
