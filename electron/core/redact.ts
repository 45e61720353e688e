/*
 * One place that decides what is secret. Used by the logger and by diagnostics reports, so a
 * support ticket can never carry an enterprise code, a token, a password, an API key or a
 * private key, and shows a database UUID only by its first 8 characters.
 */

const SECRET_KEY =
  /(enterprise[_-]?code|token|password|passwd|secret|api[_-]?key|authorization|private[_-]?key|x509_pem|cookie)/i;
const UUID_KEY = /(db[_-]?uuid|database[_.-]?uuid|dbuuid)/i;

export const REMOVED = '[removed]';

/** `0f3c9a2e-…` keeps 8 characters: enough to tell databases apart in a ticket. */
export function maskUuid(value: string): string {
  return value.length <= 8 ? value : `${value.slice(0, 8)}…`;
}

/** Secrets that travel inside text: token URLs, pipe tokens, PEM keys, bearer headers. */
function scrubText(text: string, knownSecrets: ReadonlySet<string>): string {
  let result = text
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REMOVED)
    .replace(/\b(token|enterprise_code|password|api_key|apikey)=([^&\s"'<>]+)/gi, `$1=${REMOVED}`)
    .replace(/\b(db_uuid)=([0-9a-f-]{8})[0-9a-f-]*/gi, '$1=$2…')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REMOVED}`)
    // Pipe-format server token: url|token|db_uuid|enterprise_code.
    .replace(
      /(https?:\/\/[^\s|]+)\|[^\s|]+\|([0-9a-f-]{8})[0-9a-f-]*\|[^\s|"'<>]+/gi,
      `$1|${REMOVED}|$2…|${REMOVED}`,
    );
  for (const secret of knownSecrets) {
    if (secret.length >= 4) {
      result = result.split(secret).join(REMOVED);
    }
  }
  return result;
}

function collectSecrets(value: unknown, found: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key) && value !== '') {
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

function redactValue(value: unknown, key: string, secrets: ReadonlySet<string>): unknown {
  if (
    SECRET_KEY.test(key) &&
    value !== null &&
    value !== undefined &&
    value !== false &&
    value !== ''
  ) {
    return typeof value === 'boolean' ? value : REMOVED;
  }
  if (typeof value === 'string') {
    return UUID_KEY.test(key) ? maskUuid(value) : scrubText(value, secrets);
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
 * logs, error messages) and any other occurrence of a secret value seen under a secret name.
 * `extraSecrets` adds values known to the caller (e.g. the enterprise code the user typed).
 */
export function redact<T>(value: T, extraSecrets: readonly string[] = []): T {
  const secrets = new Set(extraSecrets.filter((secret) => secret !== ''));
  collectSecrets(value, secrets);
  return redactValue(value, '', secrets) as T;
}
