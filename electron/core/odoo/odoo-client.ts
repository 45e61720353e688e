import type { OdooSignInWith, OdooWarning } from '../../shared/schemas/pairing';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import type { ClockPort, HttpPort, LogPort } from '../ports';
import { rememberSecret } from '../redact';
import {
  ConfigParameterRecordsSchema,
  DatabaseListSchema,
  SessionAuthenticateSchema,
  VersionInfoSchema,
} from './odoo-schemas';
import { json2Call, rpcAt, type Rpc } from './odoo-transport';

/*
 * Reads what an IoT box needs from an Odoo database (doc §8, §13, §17 C18), as an administrator:
 * database.uuid, database.enterprise_code, database.expiration_date and database.is_neutralized,
 * plus the server version. With an API key on 19.0 and later through JSON-2 (`Authorization:
 * bearer`), otherwise through the external JSON-RPC API with the password — or the API key in
 * its place. When the database refuses, the refusal is named: wrong password, two-factor
 * authentication, an Odoo Online account without a password of its own, or a plan without the
 * external API (One App Free, Standard). The secret is sent to the database only, never logged,
 * never kept.
 */

export type OdooCredentialsInput = {
  readonly url: string;
  readonly login: string;
  /** The password or the API key, as `signInWith` says (password when absent). */
  readonly password: string;
  readonly signInWith?: OdooSignInWith | undefined;
  readonly database?: string | undefined;
  /** The user was warned that the secret would cross the network unencrypted, and agreed. */
  readonly allowUnencrypted?: boolean | undefined;
};

export type OdooCredentialsRead = {
  readonly serverUrl: string;
  readonly database: string;
  readonly serverVersion: string;
  readonly dbUuid: string;
  readonly enterpriseCode: string | null;
  readonly expirationDate: string | null;
  readonly neutralized: boolean;
  readonly warnings: readonly OdooWarning[];
};

export type OdooClientDeps = {
  readonly http: HttpPort;
  readonly log: LogPort;
  readonly clock: ClockPort;
  readonly timeoutMs?: number;
};

export type OdooClient = {
  readCredentials(
    input: OdooCredentialsInput,
    signal: AbortSignal,
  ): Promise<Result<OdooCredentialsRead, Failure>>;
};

const PARAMETERS = [
  'database.uuid',
  'database.enterprise_code',
  'database.expiration_date',
  'database.is_neutralized',
];
/** JSON-2 (`/json/2/<model>/<method>`) exists from 19.0 (addons/rpc/controllers/json2.py). */
const JSON2_SINCE = 19;

/** scheme://host[:port] of what the user typed; paths inside Odoo (/odoo/…, /web#…) are dropped. */
export function odooBaseUrl(raw: string): Result<URL, Failure> {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return fail('odoo-url-invalid');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    return fail('odoo-url-invalid', url.protocol);
  }
  if (url.username !== '' || url.password !== '') {
    return fail('odoo-url-invalid', 'credentials in URL');
  }
  return ok(new URL(url.origin));
}

/** The major version of `server_serie` / `server_version`: 19 for '19.0+e' and 'saas~19.1'. */
export function majorVersion(serie: string): number {
  return Number(/^(?:saas~)?(\d+)\./.exec(serie.trim())?.[1] ?? '0');
}

/** Traffic to these never leaves this computer, so plain http cannot expose a password. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Odoo Online: users sign in through odoo.com and often have no password in the database. */
function isOdooOnline(base: URL): boolean {
  return /(^|\.)odoo\.com$/i.test(base.hostname);
}

/**
 * What a refused external API call means. A 403 where the web client's own routes answered is
 * the plan (the external API belongs to Custom plans only; §17 C18); a missing `/jsonrpc` on a
 * server that has JSON-2 means it only takes API keys from other programs.
 */
function externalApiStatus(major: number): (path: string, status: number) => Failure | null {
  return (path, status) => {
    if (status === 403) {
      return { code: 'odoo-api-unavailable', detail: `${path} answered HTTP 403` };
    }
    if (status === 404) {
      return major >= JSON2_SINCE
        ? { code: 'odoo-api-key-required', detail: `${path} answered HTTP 404` }
        : { code: 'odoo-api-unavailable', detail: `${path} answered HTTP 404` };
    }
    return null;
  };
}

type Target = {
  readonly rpc: Rpc;
  readonly base: URL;
  readonly database: string;
  readonly login: string;
  readonly secret: string;
  readonly kind: OdooSignInWith;
  readonly major: number;
};

export function createOdooClient(deps: OdooClientDeps): OdooClient {
  const transport = { http: deps.http, timeoutMs: deps.timeoutMs ?? 10_000 };

  /**
   * `authenticate` said no. For a password, the web login tells why: refused (wrong, or an Odoo
   * Online account without a password), stopped at the second factor (2FA: programs need an API
   * key), or accepted — then only the external API is closed to it (the plan). The web session
   * it opens is closed again at once.
   */
  const explainRefusal = async (target: Target): Promise<Failure> => {
    if (target.kind === 'api-key') {
      return { code: 'odoo-api-key-refused', detail: 'authenticate returned false' };
    }
    const web = await target.rpc('/web/session/authenticate', {
      db: target.database,
      login: target.login,
      password: target.secret,
    });
    const session = web.ok ? SessionAuthenticateSchema.safeParse(web.value.result) : null;
    if (session === null || !session.success) {
      return isOdooOnline(target.base)
        ? { code: 'odoo-online-no-password', detail: 'authenticate returned false' }
        : { code: 'odoo-login-failed', detail: 'authenticate returned false' };
    }
    if (session.data.uid === null) {
      return { code: 'odoo-2fa-enabled', detail: 'the web login asks for a second factor' };
    }
    const cookie = /session_id=[^;]+/.exec((web.ok && web.value.headers['set-cookie']) || '')?.[0];
    if (cookie !== undefined) {
      await target.rpc('/web/session/destroy', {}, { headers: { Cookie: cookie } });
    }
    return {
      code: 'odoo-api-unavailable',
      detail: 'the web login works, the external API refuses',
    };
  };

  /** Through `/jsonrpc`: `common.authenticate`, then `object.execute_kw` (password or key). */
  const readWithJsonRpc = async (target: Target): Promise<Result<unknown, Failure>> => {
    const onStatus = externalApiStatus(target.major);
    const uid = await target.rpc(
      '/jsonrpc',
      {
        service: 'common',
        method: 'authenticate',
        args: [target.database, target.login, target.secret, {}],
      },
      { onStatus },
    );
    if (!uid.ok) {
      return uid;
    }
    if (typeof uid.value.result !== 'number') {
      return { ok: false, error: await explainRefusal(target) };
    }
    const records = await target.rpc(
      '/jsonrpc',
      {
        service: 'object',
        method: 'execute_kw',
        args: [
          target.database,
          uid.value.result,
          target.secret,
          'ir.config_parameter',
          'search_read',
          [[['key', 'in', PARAMETERS]]],
          { fields: ['key', 'value'] },
        ],
      },
      { onStatus },
    );
    return records.ok ? ok(records.value.result) : records;
  };

  /** Through JSON-2 with the API key as bearer; a server without it falls back to `/jsonrpc`. */
  const readWithJson2 = async (
    target: Target,
    signal: AbortSignal,
  ): Promise<Result<unknown, Failure>> => {
    const answer = await json2Call(
      transport,
      target.base,
      {
        model: 'ir.config_parameter',
        method: 'search_read',
        apiKey: target.secret,
        database: target.database,
        args: { domain: [['key', 'in', PARAMETERS]], fields: ['key', 'value'] },
      },
      signal,
    );
    if (!answer.ok || answer.value.ok) {
      return answer.ok ? ok(answer.value.ok ? answer.value.value : null) : answer;
    }
    const { status, errorName } = answer.value;
    if (status === 404 && errorName === null) {
      return readWithJsonRpc(target);
    }
    if (status === 401) {
      return fail('odoo-api-key-refused', 'JSON-2 answered HTTP 401');
    }
    if (errorName?.endsWith('AccessError') === true) {
      return fail('odoo-not-admin', errorName);
    }
    if (status === 403) {
      return fail('odoo-api-unavailable', 'JSON-2 answered HTTP 403');
    }
    return fail(
      'odoo-not-odoo',
      `JSON-2 answered HTTP ${status}${errorName ? ` (${errorName})` : ''}`,
    );
  };

  return {
    async readCredentials(input, signal) {
      const base = odooBaseUrl(input.url);
      if (!base.ok) {
        return base;
      }
      let rpc = rpcAt(transport, base.value, signal);
      let version = await rpc('/web/webclient/version_info', {});
      if (
        !version.ok &&
        version.error.code === 'odoo-redirect-other-host' &&
        base.value.protocol === 'http:'
      ) {
        // http → https on the same host is the one redirect we take: the URL was typed without https.
        const secure = new URL(base.value.href.replace(/^http:/, 'https:'));
        if (version.error.detail === secure.host) {
          rpc = rpcAt(transport, secure, signal);
          base.value.protocol = 'https:';
          version = await rpc('/web/webclient/version_info', {});
        }
      }
      if (!version.ok) {
        return version;
      }
      const versionInfo = VersionInfoSchema.safeParse(version.value.result);
      if (!versionInfo.success) {
        return fail('odoo-not-odoo', 'version_info without server_version');
      }
      const database = await pickDatabase(rpc, input.database);
      if (!database.ok) {
        return database;
      }
      // Decided after the http → https upgrade above: only a database that really answers on
      // plain http gets the secret in clear, and only once the user has been warned.
      if (
        base.value.protocol === 'http:' &&
        !isLoopbackHost(base.value.hostname) &&
        input.allowUnencrypted !== true
      ) {
        return fail('odoo-password-unencrypted', base.value.host);
      }
      rememberSecret(input.password);
      const kind = input.signInWith ?? 'password';
      const target: Target = {
        rpc,
        base: base.value,
        database: database.value,
        login: input.login,
        secret: input.password,
        kind,
        major: majorVersion(versionInfo.data.server_serie ?? versionInfo.data.server_version),
      };
      const records =
        kind === 'api-key' && target.major >= JSON2_SINCE
          ? await readWithJson2(target, signal)
          : await readWithJsonRpc(target);
      if (!records.ok) {
        deps.log.info('database refused', {
          host: base.value.host,
          version: versionInfo.data.server_version,
          kind,
          ...records.error,
        });
        return records;
      }
      const parsed = ConfigParameterRecordsSchema.safeParse(records.value);
      if (!parsed.success) {
        return fail('odoo-not-odoo', 'unexpected ir.config_parameter records');
      }
      const values = new Map(
        parsed.data.map((record) => [
          record.key,
          record.value === false ? '' : record.value.trim(),
        ]),
      );
      const dbUuid = values.get('database.uuid') ?? '';
      if (dbUuid === '') {
        return fail('odoo-not-odoo', 'no database.uuid');
      }
      const enterpriseCode = values.get('database.enterprise_code') || null;
      rememberSecret(dbUuid, enterpriseCode);
      const expirationDate = values.get('database.expiration_date') || null;
      const neutralized = ['true', '1'].includes(
        (values.get('database.is_neutralized') ?? '').toLowerCase(),
      );
      const warnings: OdooWarning[] = [];
      if (neutralized) {
        warnings.push('odoo-db-neutralized');
      }
      if (expirationDate !== null && isPast(expirationDate, deps.clock.now())) {
        warnings.push('odoo-subscription-expired');
      }
      if (enterpriseCode === null) {
        warnings.push('odoo-no-enterprise-code');
      }
      deps.log.info('database credentials read', {
        host: base.value.host,
        database: database.value,
        version: versionInfo.data.server_version,
        kind,
        warnings,
      });
      return ok({
        serverUrl: base.value.origin,
        database: database.value,
        serverVersion: versionInfo.data.server_version,
        dbUuid,
        enterpriseCode,
        expirationDate,
        neutralized,
        warnings,
      });
    },
  };
}

/** The database to sign in to: the one given, or the only one the server lists. */
async function pickDatabase(rpc: Rpc, given: string | undefined): Promise<Result<string, Failure>> {
  if (given !== undefined && given.trim() !== '') {
    return ok(given.trim());
  }
  const listed = await rpc('/web/database/list', {});
  if (!listed.ok) {
    // Hosted servers disable the list (list_db = False): we cannot guess safely.
    return listed.error.code === 'odoo-unreachable' || listed.error.code === 'cancelled'
      ? listed
      : fail('odoo-database-unknown', 'the server does not list its databases');
  }
  const names = DatabaseListSchema.safeParse(listed.value.result);
  if (!names.success) {
    return fail('odoo-not-odoo', 'unexpected database list');
  }
  const [only, ...others] = names.data;
  if (only === undefined || others.length > 0) {
    return fail('odoo-database-unknown', `${names.data.length} databases listed`);
  }
  return ok(only);
}

/** `2024-01-31 00:00:00` (Odoo datetime, UTC) is in the past. */
function isPast(value: string, now: number): boolean {
  const time = Date.parse(
    `${value.trim().replace(' ', 'T')}${/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? '' : 'Z'}`,
  );
  return !Number.isNaN(time) && time < now;
}
