import type { BoxConfig } from './box-state';

// `connect_to_server` token handling (protocol doc §8), mirroring helpers.url_is_valid,
// helpers.parse_url (urllib3.util.parse_url + parse_qs) and save_conf_server(**configuration).

export const INVALID_URL_MESSAGE = 'Invalid URL provided.';
export const WRITE_FAILED_MESSAGE =
  'Failed to write server configuration files on IoT. Please try again.';
export const CONNECTED_MESSAGE =
  'Successfully connected to db, IoT will restart to update the configuration.';

export type ServerConfiguration = {
  readonly url: string;
  readonly token: string;
  readonly dbUuid: string;
  readonly enterpriseCode: string;
  readonly dbName: string | null;
};

export type TokenOutcome =
  | { readonly ok: true; readonly configuration: ServerConfiguration }
  | { readonly ok: false; readonly message: string };

const URL_PATTERN = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/s;

type ParsedUrl = { readonly base: string; readonly params: ReadonlyMap<string, string> };

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}

/** parse_qs(keep_blank_values=True), keeping the first value of each key as the box does. */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const piece of query.split('&')) {
    if (piece === '') {
      continue;
    }
    const equals = piece.indexOf('=');
    const key = decodeComponent(equals === -1 ? piece : piece.slice(0, equals));
    const value = equals === -1 ? '' : decodeComponent(piece.slice(equals + 1));
    if (!params.has(key)) {
      params.set(key, value);
    }
  }
  return params;
}

/** `helpers.parse_url`: null where the box raises ValueError("Invalid URL provided."). */
export function parseBoxUrl(raw: string): ParsedUrl | null {
  const match = URL_PATTERN.exec(raw.trim());
  if (match === null) {
    return null;
  }
  const scheme = (match[1] ?? '').toLowerCase();
  const authority = match[2] ?? '';
  const hostPort = authority.includes('@')
    ? authority.slice(authority.lastIndexOf('@') + 1)
    : authority;
  const portMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (portMatch === null) {
    // urllib3 raises LocationParseError on a non-numeric port: url_is_valid() → False.
    return null;
  }
  const host = (portMatch[1] ?? '').toLowerCase();
  const port = portMatch[2];
  const netloc = port === undefined || port === '' ? host : `${host}:${port}`;
  if (!['http', 'https'].includes(scheme) || netloc === '' || host === 'localhost') {
    return null;
  }
  return { base: `${scheme}://${netloc}`, params: parseQuery(match[4] ?? '') };
}

/**
 * Apply a token as `connect_to_server` does. `acceptsDbName` selects the save_conf_server
 * signature: with db_name (newer code) or without (older code, where db_name is unexpected).
 */
export function parseConnectToken(token: string, acceptsDbName: boolean): TokenOutcome {
  const parts = token.split('|');
  if (parts.length === 4) {
    const [url = '', serverToken = '', dbUuid = '', enterpriseCode = ''] = parts;
    const parsed = parseBoxUrl(url);
    if (parsed === null) {
      return { ok: false, message: INVALID_URL_MESSAGE };
    }
    // Pipe tokens keep only scheme://netloc; any query on the URL part is ignored.
    return {
      ok: true,
      configuration: { url: parsed.base, token: serverToken, dbUuid, enterpriseCode, dbName: null },
    };
  }
  const parsed = parseBoxUrl(token);
  if (parsed === null) {
    return { ok: false, message: INVALID_URL_MESSAGE };
  }
  // save_conf_server(**{url, **query}): unknown or missing keywords raise TypeError, which the
  // route turns into the generic write failure.
  const kwargs = new Map<string, string>([['url', parsed.base], ...parsed.params]);
  const allowed = [
    'url',
    'token',
    'db_uuid',
    'enterprise_code',
    ...(acceptsDbName ? ['db_name'] : []),
  ];
  const unexpected = [...kwargs.keys()].some((key) => !allowed.includes(key));
  const missing = ['token', 'db_uuid', 'enterprise_code'].some((key) => !kwargs.has(key));
  if (unexpected || missing) {
    return { ok: false, message: WRITE_FAILED_MESSAGE };
  }
  return {
    ok: true,
    configuration: {
      url: kwargs.get('url') ?? parsed.base,
      token: kwargs.get('token') ?? '',
      dbUuid: kwargs.get('db_uuid') ?? '',
      enterpriseCode: kwargs.get('enterprise_code') ?? '',
      dbName: kwargs.get('db_name') ?? null,
    },
  };
}

/** update_conf() drops keys whose value is empty, so '' reads back as None/null. */
function orNull(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

export function saveServerConfiguration(
  config: BoxConfig,
  configuration: ServerConfiguration,
): void {
  config.serverUrl = orNull(configuration.url);
  config.token = orNull(configuration.token);
  config.dbUuid = orNull(configuration.dbUuid);
  config.enterpriseCode = orNull(configuration.enterpriseCode);
  config.dbName = orNull(configuration.dbName);
}

export function clearServerConfiguration(config: BoxConfig): void {
  config.serverUrl = null;
  config.token = null;
  config.dbUuid = null;
  config.enterpriseCode = null;
  config.dbName = null;
}

/** rename_iot.sh keeps only [a-zA-Z0-9-]. */
export function sanitizeHostname(name: string): string {
  return name.replace(/[^a-zA-Z0-9-]/g, '');
}
