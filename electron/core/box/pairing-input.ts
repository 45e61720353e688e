import type { ApiGeneration } from '../../shared/schemas/box';
import { fail, ok, type Failure, type Result } from '../../shared/result';

/*
 * What the user pasted or typed, checked BEFORE anything is sent to a box (doc §8). We check
 * what the box itself checks (scheme, netloc, `localhost`, the keywords its save_conf_server
 * accepts) so the user hears about a bad token now, in plain words, instead of from a box that
 * answers "Failed to write server configuration files" — or a G1 box that crashes on it.
 */

export type ServerToken = {
  /** `scheme://netloc` of the database, as the box will store it. */
  readonly serverUrl: string;
  readonly format: 'pipe' | 'url';
  readonly dbUuid: string;
  readonly dbName: string | null;
  /** What goes on the wire: the token unchanged, except for G1 (pipe format only, below). */
  readonly raw: string;
  /** The secret parts, for masking in summaries and never for display. */
  readonly token: string;
  readonly enterpriseCode: string;
};

/** A database without an enterprise code sends an empty one: only the UUID is required. */
export type Credentials = { readonly dbUuid: string; readonly enterpriseCode: string };

// Odoo's database.uuid is `str(uuid.uuid1())`: the canonical 8-4-4-4-12 hex form.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Subscription codes are letters and digits (e.g. M2407abcd0001); allow - and _ for safety.
const ENTERPRISE_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{3,63}$/;
const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/s;
const KNOWN_KEYS = new Set(['token', 'db_uuid', 'enterprise_code', 'db_name']);

export function validateDbUuid(value: string): Result<string, Failure> {
  const trimmed = value.trim();
  return UUID.test(trimmed) ? ok(trimmed) : fail('db-uuid-invalid');
}

/** Empty is valid: databases without a code (a trial) send `enterprise_code=`. */
export function validateEnterpriseCode(value: string): Result<string, Failure> {
  const trimmed = value.trim();
  return trimmed === '' || ENTERPRISE_CODE.test(trimmed)
    ? ok(trimmed)
    : fail('enterprise-code-invalid');
}

export function validateCredentials(input: {
  readonly dbUuid: string;
  readonly enterpriseCode: string;
}): Result<Credentials, Failure> {
  const dbUuid = validateDbUuid(input.dbUuid);
  if (!dbUuid.ok) {
    return dbUuid;
  }
  const enterpriseCode = validateEnterpriseCode(input.enterpriseCode);
  return enterpriseCode.ok
    ? ok({ dbUuid: dbUuid.value, enterpriseCode: enterpriseCode.value })
    : enterpriseCode;
}

/** `urllib3.parse_url` + `url_is_valid` as the box applies them; a failure or `scheme://netloc`. */
function serverBase(url: string): Result<string, Failure> {
  const match = URL_SHAPE.exec(url.trim());
  if (match === null) {
    return fail('token-malformed', 'no scheme://host');
  }
  const scheme = (match[1] ?? '').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return fail('token-bad-scheme', scheme);
  }
  const authority = match[2] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const parts = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  const host = (parts?.[1] ?? '').toLowerCase();
  if (parts === null || host === '') {
    return fail('token-malformed', 'no host');
  }
  if (host === 'localhost') {
    return fail('token-localhost');
  }
  const port = parts[2];
  return ok(`${scheme}://${port === undefined || port === '' ? host : `${host}:${port}`}`);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}

function requireField(value: string | undefined, name: string): Result<string, Failure> {
  return value === undefined || value.trim() === '' ? fail('token-field-missing', name) : ok(value);
}

/** Parses either token format (doc §8) without regard to the box. */
export function parseServerToken(input: string): Result<ServerToken, Failure> {
  const raw = input.trim();
  if (raw === '' || raw.length > 4096 || /[\r\n\t]/.test(raw)) {
    return fail('token-malformed', 'empty, too long or several lines');
  }
  if (raw.includes('|')) {
    const parts = raw.split('|');
    if (parts.length !== 4) {
      return fail('token-malformed', `${parts.length} parts instead of 4`);
    }
    const [url = '', token, dbUuid, enterpriseCode] = parts;
    const base = serverBase(url);
    if (!base.ok) {
      return base;
    }
    // The enterprise code may be empty (a database without one); the other parts may not.
    const fields = [requireField(token, 'token'), requireField(dbUuid, 'db_uuid')];
    const missing = fields.find((field) => !field.ok);
    if (missing !== undefined && !missing.ok) {
      return missing;
    }
    const uuid = validateDbUuid(dbUuid ?? '');
    if (!uuid.ok) {
      return uuid;
    }
    return ok({
      serverUrl: base.value,
      format: 'pipe',
      dbUuid: uuid.value,
      dbName: null,
      raw,
      token: token ?? '',
      enterpriseCode: enterpriseCode ?? '',
    });
  }
  const base = serverBase(raw);
  if (!base.ok) {
    return base;
  }
  const query = URL_SHAPE.exec(raw)?.[4] ?? '';
  const params = new Map<string, string>();
  for (const piece of query.split('&').filter((part) => part !== '')) {
    const equals = piece.indexOf('=');
    const key = decode(equals === -1 ? piece : piece.slice(0, equals));
    if (!params.has(key)) {
      params.set(key, equals === -1 ? '' : decode(piece.slice(equals + 1)));
    }
  }
  const unknown = [...params.keys()].find((key) => !KNOWN_KEYS.has(key));
  if (unknown !== undefined) {
    return fail('token-field-unexpected', unknown);
  }
  for (const name of ['token', 'db_uuid']) {
    const field = requireField(params.get(name), name);
    if (!field.ok) {
      return field;
    }
  }
  // save_conf_server needs the keyword even when the database has no code (`enterprise_code=`).
  if (!params.has('enterprise_code')) {
    return fail('token-field-missing', 'enterprise_code');
  }
  const uuid = validateDbUuid(params.get('db_uuid') ?? '');
  if (!uuid.ok) {
    return uuid;
  }
  const dbName = params.get('db_name');
  return ok({
    serverUrl: base.value,
    format: 'url',
    dbUuid: uuid.value,
    dbName: dbName === undefined || dbName === '' ? null : dbName,
    raw,
    token: params.get('token') ?? '',
    enterpriseCode: params.get('enterprise_code') ?? '',
  });
}

/** The same connection as `url|token|db_uuid|enterprise_code`, which every generation reads. */
export function pipeForm(token: ServerToken): string {
  return [token.serverUrl, token.token, token.dbUuid, token.enterpriseCode].join('|');
}

/**
 * The token string to send to a box of this generation (doc §8, §17 C6):
 * - G1's `/server_connect` only splits on `|`, and G2's `save_conf_server` has no `db_name`:
 *   both get the equivalent pipe form. `db_name` only sets the X-Odoo-Database header and the
 *   websocket login, so a box without it still connects to its database;
 * - G3 and G4 read the token as it came.
 */
export function tokenForGeneration(token: ServerToken, api: ApiGeneration): string {
  return api === 'g1' || api === 'g2' ? pipeForm(token) : token.raw;
}

export function validateWifi(input: {
  readonly essid: string;
  readonly password: string;
}): Result<{ essid: string; password: string }, Failure> {
  const essid = input.essid;
  if (essid.trim() === '' || new TextEncoder().encode(essid).length > 32) {
    return fail('wifi-ssid-invalid');
  }
  return ok({ essid, password: input.password });
}
