import type { OdooWarning } from '../../shared/schemas/pairing';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import type { ClockPort, HttpPort, LogPort } from '../ports';
import {
  ConfigParameterRecordsSchema,
  DatabaseListSchema,
  VersionInfoSchema,
} from './odoo-schemas';
import { JsonRpcReplySchema } from '../json-rpc';
import { rememberSecret } from '../redact';

/*
 * Reads what an IoT box needs from an Odoo database (doc §8, §13) through Odoo's external
 * JSON-RPC API, as an administrator: database.uuid, database.enterprise_code,
 * database.expiration_date and database.is_neutralized, plus the server version. Redirects are
 * never followed with the password: a login page or another host gets its own code.
 * The password is sent to the database only, never logged, never kept.
 */

export type OdooCredentialsInput = {
  readonly url: string;
  readonly login: string;
  readonly password: string;
  readonly database?: string | undefined;
  /** The user was warned that the password would cross the network unencrypted, and agreed. */
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
const LOGIN_PATH = /\/(web\/)?login|\/auth|\/signin|\/sso/i;

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

type Rpc = (path: string, params: Record<string, unknown>) => Promise<Result<unknown, Failure>>;

/** Traffic to these never leaves this computer, so plain http cannot expose a password. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function createOdooClient(deps: OdooClientDeps): OdooClient {
  const timeoutMs = deps.timeoutMs ?? 10_000;

  const rpcAt =
    (base: URL, signal: AbortSignal): Rpc =>
    async (path, params) => {
      if (signal.aborted) {
        return fail('cancelled');
      }
      const answer = await deps.http.request(
        {
          method: 'POST',
          url: new URL(path, base).href,
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params }),
          timeoutMs,
          maxBodyBytes: 1024 * 1024,
        },
        signal,
      );
      if (!answer.ok) {
        return answer.error.kind === 'aborted'
          ? fail('cancelled')
          : fail('odoo-unreachable', `${answer.error.kind}: ${answer.error.message}`);
      }
      const { status, headers, body } = answer.value;
      if (status >= 300 && status < 400) {
        return redirectFailure(base, headers['location'] ?? '');
      }
      if (status !== 200) {
        return fail('odoo-not-odoo', `${path} answered HTTP ${status}`);
      }
      let raw: unknown;
      try {
        raw = JSON.parse(body);
      } catch {
        // A login wall or a proxy's HTML page in place of Odoo's JSON.
        return LOGIN_PATH.test(body.slice(0, 4096)) && /<form/i.test(body)
          ? fail('odoo-redirect-login', `${path} answered a login page`)
          : fail('odoo-not-odoo', `${path} did not answer JSON`);
      }
      const reply = JsonRpcReplySchema.safeParse(raw);
      if (!reply.success || (reply.data.result === undefined && reply.data.error === undefined)) {
        return fail('odoo-not-odoo', `${path} did not answer JSON-RPC`);
      }
      if (reply.data.error !== undefined) {
        const name = reply.data.error.data?.name ?? '';
        const message = reply.data.error.data?.message ?? reply.data.error.message ?? '';
        return { ok: false, error: rpcErrorFailure(name, message) };
      }
      return ok(reply.data.result);
    };

  return {
    async readCredentials(input, signal) {
      const base = odooBaseUrl(input.url);
      if (!base.ok) {
        return base;
      }
      let rpc = rpcAt(base.value, signal);
      let version = await rpc('/web/webclient/version_info', {});
      if (
        !version.ok &&
        version.error.code === 'odoo-redirect-other-host' &&
        base.value.protocol === 'http:'
      ) {
        // http → https on the same host is the one redirect we take: the URL was typed without https.
        const secure = new URL(base.value.href.replace(/^http:/, 'https:'));
        if (version.error.detail === secure.host) {
          rpc = rpcAt(secure, signal);
          base.value.protocol = 'https:';
          version = await rpc('/web/webclient/version_info', {});
        }
      }
      if (!version.ok) {
        return version;
      }
      const versionInfo = VersionInfoSchema.safeParse(version.value);
      if (!versionInfo.success) {
        return fail('odoo-not-odoo', 'version_info without server_version');
      }
      const database = await pickDatabase(rpc, input.database);
      if (!database.ok) {
        return database;
      }
      const db = database.value;
      // Decided after the http → https upgrade above: only a database that really answers on
      // plain http gets the password in clear, and only once the user has been warned.
      if (
        base.value.protocol === 'http:' &&
        !isLoopbackHost(base.value.hostname) &&
        input.allowUnencrypted !== true
      ) {
        return fail('odoo-password-unencrypted', base.value.host);
      }
      rememberSecret(input.password);
      const uid = await rpc('/jsonrpc', {
        service: 'common',
        method: 'authenticate',
        args: [db, input.login, input.password, {}],
      });
      if (!uid.ok) {
        return uid;
      }
      if (typeof uid.value !== 'number') {
        return fail('odoo-login-failed', 'authenticate returned false');
      }
      const records = await rpc('/jsonrpc', {
        service: 'object',
        method: 'execute_kw',
        args: [
          db,
          uid.value,
          input.password,
          'ir.config_parameter',
          'search_read',
          [[['key', 'in', PARAMETERS]]],
          { fields: ['key', 'value'] },
        ],
      });
      if (!records.ok) {
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
        database: db,
        version: versionInfo.data.server_version,
        warnings,
      });
      return ok({
        serverUrl: base.value.origin,
        database: db,
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
  const names = DatabaseListSchema.safeParse(listed.value);
  if (!names.success) {
    return fail('odoo-not-odoo', 'unexpected database list');
  }
  const [only, ...others] = names.data;
  if (only === undefined || others.length > 0) {
    return fail('odoo-database-unknown', `${names.data.length} databases listed`);
  }
  return ok(only);
}

function rpcErrorFailure(name: string, message: string): Failure {
  if (name.endsWith('AccessDenied')) {
    return { code: 'odoo-login-failed', detail: name };
  }
  if (name.endsWith('AccessError')) {
    return { code: 'odoo-not-admin', detail: name };
  }
  if (/database .* does not exist|KeyError|OperationalError/i.test(`${name} ${message}`)) {
    return { code: 'odoo-database-unknown', detail: name };
  }
  return { code: 'odoo-not-odoo', detail: `${name}: ${message}`.slice(0, 300) };
}

function redirectFailure(base: URL, location: string): Result<never, Failure> {
  let target: URL;
  try {
    target = new URL(location, base);
  } catch {
    return fail('odoo-not-odoo', 'redirect without a valid Location');
  }
  if (target.host !== base.host || target.protocol !== base.protocol) {
    // The detail carries the host so the caller can recognise a plain http → https upgrade.
    return fail('odoo-redirect-other-host', target.host);
  }
  return LOGIN_PATH.test(target.pathname)
    ? fail('odoo-redirect-login', target.pathname)
    : fail('odoo-not-odoo', `redirect to ${target.pathname}`);
}

/** `2024-01-31 00:00:00` (Odoo datetime, UTC) is in the past. */
function isPast(value: string, now: number): boolean {
  const time = Date.parse(
    `${value.trim().replace(' ', 'T')}${/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? '' : 'Z'}`,
  );
  return !Number.isNaN(time) && time < now;
}
