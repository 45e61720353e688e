import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

import { z } from 'zod';

import { formatHostForUrl, listen, readRequest, sendWire, stopListening } from './listener';
import type { ReceivedRequest } from './listener';
import {
  badRequestPage,
  htmlResponse,
  isJsonContentType,
  JSON_CONTENT_TYPE,
  jsonResponse,
  jsonRpcErrorBody,
  jsonRpcResultBody,
  methodNotAllowedPage,
  notFoundPage,
  OdooError,
  parseJsonRpcBody,
  pyJsonDumps,
  requireParams,
  serializeException,
} from './odoo-wire';
import type { WireResponse } from './odoo-wire';

// A simulated Odoo database: just enough of /web and the external APIs (/jsonrpc, and JSON-2 from
// 19.0) for the assistant to check a version, log in, and read the IoT-relevant system
// parameters — with the refusals shops really meet: a plan without the external API, a user with
// two-factor authentication, an Odoo Online user without a password of their own, API keys.

export type OdooDbUser = {
  readonly login: string;
  /** null: an Odoo Online user who signs in through odoo.com and has no password of their own. */
  readonly password: string | null;
  /** API keys are accepted wherever the password is (Odoo ≥ 14) and as JSON-2 bearers (≥ 19). */
  readonly apiKeys?: readonly string[];
  /**
   * Two-factor authentication: a password no longer works for other programs, only an API key
   * (auth_totp/models/res_users.py `_rpc_api_keys_only`); the web login stops at the second
   * factor (web/controllers/session.py answers `{'uid': None}`).
   */
  readonly totp?: boolean;
  /** Member of Settings/Administration (may read ir.config_parameter). */
  readonly admin: boolean;
  readonly uid?: number;
  readonly name?: string;
};

export type OdooDbSimulatorOptions = {
  readonly host?: string;
  readonly port?: number;
  /** e.g. '17.0', '18.0', 'saas-18.3' (or 'saas~18.3'), '19.0'. Default '18.0'. */
  readonly version?: string;
  readonly dbName?: string;
  readonly uuid?: string;
  /** null = no enterprise code (community or no subscription). */
  readonly enterpriseCode?: string | null;
  /** `database.expiration_date`, e.g. '2026-12-31 00:00:00'; null = unset. */
  readonly expirationDate?: string | null;
  readonly neutralized?: boolean;
  /**
   * The subscription's pricing plan. [I] Outside *Custom* the external API is refused: Odoo
   * documents that it is unavailable on One App Free and Standard (external_rpc_api.rst) but
   * not how a refusal looks; here /xmlrpc, /jsonrpc and /json/2 answer HTTP 403 while the web
   * client's own routes keep working.
   */
  readonly plan?: 'custom' | 'standard' | 'one-app-free';
  /**
   * [I] How that refusal shows: `forbidden` (default, HTTP 403 on the external endpoints) or
   * `access-denied` (the endpoints answer, but no password or key gets through them).
   */
  readonly apiRefusal?: 'forbidden' | 'access-denied';
  readonly users?: readonly OdooDbUser[];
  /** Called with every request once received (the lab CLI reports them). */
  readonly onRequest?: (request: ReceivedRequest) => void;
};

export type OdooDbSimulator = {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly dbName: string;
  readonly uuid: string;
  readonly enterpriseCode: string | null;
  readonly versionInfo: VersionInfo;
  readonly received: readonly ReceivedRequest[];
  /** Web sessions logged in and not destroyed since (a password check must not leave one). */
  readonly openSessions: number;
  close(): Promise<void>;
};

export type VersionInfo = {
  readonly server_version: string;
  readonly server_version_info: readonly (string | number)[];
  readonly server_serie: string;
  readonly protocol_version: number;
};

/** `odoo.service.common.exp_version()` for a branch name. */
export function versionInfoFor(version: string, enterprise: boolean): VersionInfo {
  const serie = version.replace(/^saas-/, 'saas~');
  const saas = /^saas~(\d+)\.(\d+)$/.exec(serie);
  const major = /^(\d+)\.(\d+)$/.exec(serie);
  let info: (string | number)[];
  if (saas !== null) {
    // release.py: version_info = ('saas~18', 3, 0, 'final', 0, '')
    info = [`saas~${saas[1] ?? ''}`, Number(saas[2]), 0, 'final', 0, ''];
  } else if (major !== null) {
    info = [Number(major[1]), Number(major[2]), 0, 'final', 0, ''];
  } else {
    info = [serie, 0, 0, 'alpha', 1, ''];
  }
  return {
    server_version: enterprise ? `${serie}+e` : serie,
    server_version_info: info,
    server_serie: serie,
    protocol_version: 1,
  };
}

const externalCallSchema = z.object({
  service: z.string(),
  method: z.string(),
  args: z.array(z.unknown()).default([]),
});

const Json2BodySchema = z.record(z.string(), z.unknown());

function accessDenied(): OdooError {
  return new OdooError('odoo.exceptions.AccessDenied', 'Access Denied');
}

function accessError(): OdooError {
  return new OdooError(
    'odoo.exceptions.AccessError',
    "You are not allowed to access 'System Parameter' (ir.config_parameter) records.\n\nThis operation is allowed for the following groups:\n\t- Administration/Settings\n\nContact your administrator to request access if necessary.",
  );
}

/** The major version of a serie: 19 for '19.0' and 'saas~19.1'. */
function majorOf(serie: string): number {
  return Number(/^(?:saas~)?(\d+)\./.exec(serie)?.[1] ?? '0');
}

/** The IoT parameters' domain, as search_read takes it (`[['key', 'in', […]]]`). */
function wantedKeys(domain: unknown): Set<string> {
  const wanted = new Set<string>();
  if (Array.isArray(domain)) {
    for (const leaf of domain) {
      if (Array.isArray(leaf) && leaf[0] === 'key') {
        const value: unknown = leaf[2];
        if (leaf[1] === '=' && typeof value === 'string') {
          wanted.add(value);
        } else if (leaf[1] === 'in' && Array.isArray(value)) {
          value
            .filter((item): item is string => typeof item === 'string')
            .forEach((item) => wanted.add(item));
        }
      }
    }
  }
  return wanted;
}

/** A JSON-2 answer: the value itself, or `serialize_exception` with a real HTTP status. */
function json2Response(status: number, body: unknown, headers: Record<string, string> = {}) {
  return {
    status,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers },
    body: pyJsonDumps(body, false),
  };
}

export async function startOdooDbSimulator(
  options: OdooDbSimulatorOptions = {},
): Promise<OdooDbSimulator> {
  const host = options.host ?? '127.0.0.1';
  const dbName = options.dbName ?? 'lab';
  const uuid = options.uuid ?? randomUUID();
  const enterpriseCode =
    options.enterpriseCode === undefined ? 'M2407lab0001' : options.enterpriseCode;
  const versionInfo = versionInfoFor(options.version ?? '18.0', enterpriseCode !== null);
  const major = majorOf(versionInfo.server_serie);
  const externalApi = (options.plan ?? 'custom') === 'custom';
  const refusal = externalApi ? null : (options.apiRefusal ?? 'forbidden');
  const users = (options.users ?? [{ login: 'admin', password: 'admin', admin: true }]).map(
    (user, index) => ({ ...user, uid: user.uid ?? index + 2 }),
  );
  type User = (typeof users)[number];
  const received: ReceivedRequest[] = [];
  const sessions = new Set<string>();

  const params = new Map<string, string>([
    ['database.uuid', uuid],
    ...(enterpriseCode === null ? [] : [['database.enterprise_code', enterpriseCode] as const]),
    ['database.create_date', '2024-01-01 00:00:00'],
    ['web.base.url', 'http://placeholder.invalid'],
  ]);
  if (options.expirationDate !== undefined && options.expirationDate !== null) {
    params.set('database.expiration_date', options.expirationDate);
  }
  if (options.neutralized === true) {
    params.set('database.is_neutralized', 'True');
  }
  // Record ids follow creation order, as in a fresh database.
  const parameterIds = new Map([...params.keys()].map((key, index) => [key, index + 1]));

  const withKey = (key: unknown): User | undefined =>
    typeof key === 'string' ? users.find((user) => (user.apiKeys ?? []).includes(key)) : undefined;

  /**
   * res.users._check_credentials for a program: the password (unless 2FA allows API keys only,
   * `_rpc_api_keys_only`) or one of the user's API keys.
   */
  const authenticate = (db: unknown, login: unknown, password: unknown): User => {
    if (refusal === 'access-denied') {
      throw accessDenied();
    }
    const user = users.find((candidate) => candidate.login === login);
    const byPassword =
      user !== undefined && user.password !== null && password === user.password && !user.totp;
    if (db !== dbName || user === undefined || (!byPassword && withKey(password) !== user)) {
      throw accessDenied();
    }
    return user;
  };

  const byUid = (db: unknown, uid: unknown, password: unknown): User => {
    const user = users.find((candidate) => candidate.uid === uid);
    if (user === undefined) {
      throw accessDenied();
    }
    return authenticate(db, user.login, password);
  };

  const configParameter = (
    user: User,
    method: string,
    args: readonly unknown[],
    kwargs: Record<string, unknown>,
  ): unknown => {
    if (!user.admin) {
      throw accessError();
    }
    if (method === 'get_param') {
      const key = args[0] ?? kwargs['key'];
      if (typeof key !== 'string') {
        throw new OdooError(
          'builtins.TypeError',
          "get_param() missing 1 required positional argument: 'key'",
        );
      }
      return params.get(key) ?? args[1] ?? kwargs['default'] ?? false;
    }
    if (method === 'search_read') {
      const wanted = wantedKeys(args[0] ?? kwargs['domain'] ?? []);
      return [...params.entries()]
        .map(([key, value]) => ({ id: parameterIds.get(key) ?? 0, key, value }))
        .filter((record) => wanted.size === 0 || wanted.has(record.key));
    }
    throw new OdooError(
      'builtins.AttributeError',
      `The method 'ir.config_parameter.${method}' does not exist`,
    );
  };

  const external = (raw: Record<string, unknown>): unknown => {
    const call = externalCallSchema.safeParse(raw);
    if (!call.success) {
      throw new OdooError('builtins.KeyError', "'service'", ['service']);
    }
    const { service, method, args } = call.data;
    if (service === 'common') {
      if (method === 'version') {
        return versionInfo;
      }
      if (method === 'login' || method === 'authenticate') {
        // exp_login/exp_authenticate swallow AccessDenied and return False.
        try {
          return authenticate(args[0], args[1], args[2]).uid;
        } catch {
          return false;
        }
      }
    }
    if (service === 'db' && method === 'list') {
      return [dbName];
    }
    if (service === 'object' && (method === 'execute_kw' || method === 'execute')) {
      const [db, uid, password, model, modelMethod, modelArgs, modelKwargs] = args;
      const user = byUid(db, uid, password);
      if (typeof model !== 'string' || typeof modelMethod !== 'string') {
        throw new OdooError('builtins.TypeError', 'execute_kw() missing required arguments');
      }
      if (model !== 'ir.config_parameter') {
        throw new OdooError('builtins.KeyError', `'${model}'`, [model]);
      }
      const kwargs =
        typeof modelKwargs === 'object' && modelKwargs !== null && !Array.isArray(modelKwargs)
          ? (modelKwargs as Record<string, unknown>)
          : {};
      return configParameter(user, modelMethod, Array.isArray(modelArgs) ? modelArgs : [], kwargs);
    }
    throw new OdooError('builtins.NameError', `${service}.${method} is not available`);
  };

  const sessionInfo = (user: User): Record<string, unknown> => ({
    uid: user.uid,
    is_system: user.admin,
    is_admin: user.admin,
    is_public: false,
    user_context: { lang: 'en_US', tz: 'Europe/Brussels', uid: user.uid },
    db: dbName,
    server_version: versionInfo.server_version,
    server_version_info: versionInfo.server_version_info,
    name: user.name ?? user.login,
    username: user.login,
    partner_id: user.uid + 1,
  });

  const sessionOf = (record: ReceivedRequest): string | null =>
    /(?:^|;\s*)session_id=([0-9a-f]+)/.exec(String(record.headers['cookie'] ?? ''))?.[1] ?? null;

  /** `POST /json/2/<model>/<method>`: a bearer API key, named arguments, real status codes. */
  const json2 = (record: ReceivedRequest): WireResponse => {
    // odoo/addons/base/models/ir_http.py _auth_method_bearer (id:247898445): an unknown key → 401.
    const bearer = /^bearer\s+(.+)$/i.exec(String(record.headers['authorization'] ?? ''));
    const unauthorized = (message: string) =>
      json2Response(
        401,
        {
          name: 'werkzeug.exceptions.Unauthorized',
          message,
          arguments: [message, 401],
          context: {},
        },
        { 'WWW-Authenticate': 'Bearer' },
      );
    if (bearer === null) {
      return unauthorized('User not authenticated, use the "Authorization" header');
    }
    const user = refusal === null ? withKey(bearer[1]?.trim()) : undefined;
    if (user === undefined) {
      return unauthorized('Invalid apikey');
    }
    const requestedDb = record.headers['x-odoo-database'];
    if (requestedDb !== undefined && requestedDb !== dbName) {
      return json2Response(404, {
        name: 'werkzeug.exceptions.NotFound',
        message: 'database not found',
        arguments: [],
        context: {},
      });
    }
    const [, , model = '', method = ''] = record.path.split('/').filter(Boolean);
    let raw: unknown;
    try {
      raw = record.body === '' ? {} : JSON.parse(record.body);
    } catch {
      raw = null;
    }
    const body = Json2BodySchema.safeParse(raw);
    if (!body.success) {
      const message = 'could not parse the body, expecting a json object';
      return json2Response(400, {
        name: 'werkzeug.exceptions.BadRequest',
        message,
        arguments: [message, 400],
        context: {},
      });
    }
    if (model !== 'ir.config_parameter') {
      const message = `the model '${model}' does not exist`;
      return json2Response(404, {
        name: 'werkzeug.exceptions.NotFound',
        message,
        arguments: [message, 404],
        context: {},
      });
    }
    try {
      // `ids` and `context` build the recordset; the rest are the method's named arguments.
      const kwargs = Object.fromEntries(
        Object.entries(body.data).filter(([name]) => name !== 'ids' && name !== 'context'),
      );
      return json2Response(200, configParameter(user, method, [], kwargs));
    } catch (error) {
      const odooError =
        error instanceof OdooError ? error : new OdooError('builtins.Exception', String(error));
      // odoo.exceptions: AccessError.http_status = 403; anything else unexpected is a 500.
      return json2Response(
        odooError.pythonName.endsWith('AccessError') ? 403 : 500,
        serializeException(odooError),
      );
    }
  };

  const answer = (record: ReceivedRequest): WireResponse => {
    const isExternal =
      record.path === '/jsonrpc' ||
      record.path.startsWith('/xmlrpc') ||
      record.path.startsWith('/json/2');
    if (isExternal && refusal === 'forbidden') {
      return htmlResponse(
        '<h1>Forbidden</h1><p>The external API is not available on this plan.</p>',
        403,
      );
    }
    // addons/rpc/controllers/json2.py @09df5d19 (19.0): the JSON-2 API.
    if (major >= 19 && /^\/json\/2\/[^/]+\/[^/]+$/.test(record.path)) {
      return record.method === 'POST' ? json2(record) : methodNotAllowedPage('POST');
    }
    const routes = [
      '/web/webclient/version_info',
      '/web/session/authenticate',
      '/web/session/destroy',
      '/web/database/list',
      // [I] Removal of /jsonrpc is announced for Odoo 22 (external_rpc_api.rst, odoo#197801).
      ...(major >= 22 ? [] : ['/jsonrpc']),
    ];
    if (!routes.includes(record.path)) {
      return notFoundPage();
    }
    if (record.method === 'GET' && record.path === '/web/webclient/version_info') {
      // [I] Real Odoo declares this route type='json' (POST); GET is a convenience for probes.
      return jsonResponse(jsonRpcResultBody(null, versionInfo));
    }
    if (record.method !== 'POST' || !isJsonContentType(record.headers['content-type'])) {
      return badRequestPage(
        `Request inferred type is compatible with ['http'] but ${record.path} is type=json.`,
      );
    }
    const rpcCall = parseJsonRpcBody(record.body);
    if (rpcCall === null) {
      return badRequestPage('Invalid JSON data');
    }
    const extraHeaders: Record<string, string> = {};
    try {
      let result: unknown;
      switch (record.path) {
        // addons/web/controllers/webclient.py: odoo.service.common.exp_version().
        case '/web/webclient/version_info':
          result = versionInfo;
          break;
        // addons/web/controllers/database.py: http.db_list().
        case '/web/database/list':
          result = [dbName];
          break;
        // addons/web/controllers/session.py (id:5968784349): a 2FA user stops at `{'uid': None}`.
        case '/web/session/authenticate': {
          requireParams('Session.authenticate', rpcCall.params, ['db', 'login', 'password']);
          const { db, login, password } = rpcCall.params;
          const user = users.find((candidate) => candidate.login === login);
          if (
            db !== dbName ||
            user === undefined ||
            user.password === null ||
            password !== user.password
          ) {
            throw accessDenied();
          }
          if (user.totp === true) {
            result = { uid: null };
            break;
          }
          const sid = randomBytes(20).toString('hex');
          sessions.add(sid);
          extraHeaders['Set-Cookie'] = `session_id=${sid}; HttpOnly; Path=/; SameSite=Lax`;
          result = sessionInfo(user);
          break;
        }
        // addons/web/controllers/session.py (id:5968784349): auth='user', logs the session out.
        case '/web/session/destroy': {
          const sid = sessionOf(record);
          if (sid === null || !sessions.delete(sid)) {
            throw new OdooError('odoo.http.SessionExpiredException', 'Session expired');
          }
          result = null;
          break;
        }
        // odoo/http.py (≤ 18.0), addons/rpc/controllers/jsonrpc.py (19.0): dispatch_rpc.
        default:
          result = external(rpcCall.params);
      }
      return jsonResponse(jsonRpcResultBody(rpcCall.id, result), extraHeaders);
    } catch (error) {
      const odooError =
        error instanceof OdooError ? error : new OdooError('builtins.Exception', String(error));
      return jsonResponse(jsonRpcErrorBody(rpcCall.id, odooError));
    }
  };

  const server = createServer((request, response) => {
    void readRequest(request, false).then((record) => {
      received.push(record);
      options.onRequest?.(record);
      sendWire(response, answer(record), record.method === 'HEAD');
    });
  });
  const port = await listen(server, options.port ?? 0, host);
  return {
    url: `http://${formatHostForUrl(host)}:${port}`,
    host,
    port,
    dbName,
    uuid,
    enterpriseCode,
    versionInfo,
    received,
    get openSessions() {
      return sessions.size;
    },
    close: () => stopListening(server),
  };
}
