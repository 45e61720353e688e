import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

import { z } from 'zod';

import { formatHostForUrl, listen, readRequest, sendWire, stopListening } from './listener';
import type { ReceivedRequest } from './listener';
import {
  badRequestPage,
  isJsonContentType,
  jsonResponse,
  jsonRpcErrorBody,
  jsonRpcResultBody,
  notFoundPage,
  OdooError,
  parseJsonRpcBody,
  requireParams,
} from './odoo-wire';
import type { WireResponse } from './odoo-wire';

// A simulated Odoo database: just enough of /web and the external /jsonrpc API for the
// assistant to check a version, log in, and read the IoT-relevant system parameters.

export type OdooDbUser = {
  readonly login: string;
  readonly password: string;
  /** API keys are accepted wherever the password is (Odoo ≥ 14). */
  readonly apiKeys?: readonly string[];
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

function accessDenied(): OdooError {
  return new OdooError('odoo.exceptions.AccessDenied', 'Access Denied');
}

function accessError(): OdooError {
  return new OdooError(
    'odoo.exceptions.AccessError',
    "You are not allowed to access 'System Parameter' (ir.config_parameter) records.\n\nThis operation is allowed for the following groups:\n\t- Administration/Settings\n\nContact your administrator to request access if necessary.",
  );
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
  const users = (options.users ?? [{ login: 'admin', password: 'admin', admin: true }]).map(
    (user, index) => ({ ...user, uid: user.uid ?? index + 2 }),
  );
  const received: ReceivedRequest[] = [];

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

  const authenticate = (db: unknown, login: unknown, password: unknown): (typeof users)[number] => {
    const user = users.find((candidate) => candidate.login === login);
    if (
      db !== dbName ||
      user === undefined ||
      typeof password !== 'string' ||
      (password !== user.password && !(user.apiKeys ?? []).includes(password))
    ) {
      throw accessDenied();
    }
    return user;
  };

  const byUid = (db: unknown, uid: unknown, password: unknown): (typeof users)[number] => {
    const user = users.find((candidate) => candidate.uid === uid);
    if (user === undefined) {
      throw accessDenied();
    }
    return authenticate(db, user.login, password);
  };

  const configParameter = (
    method: string,
    args: readonly unknown[],
    kwargs: Record<string, unknown>,
  ): unknown => {
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
      const domain = args[0] ?? kwargs['domain'] ?? [];
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
      if (!user.admin) {
        throw accessError();
      }
      const kwargs =
        typeof modelKwargs === 'object' && modelKwargs !== null && !Array.isArray(modelKwargs)
          ? (modelKwargs as Record<string, unknown>)
          : {};
      return configParameter(modelMethod, Array.isArray(modelArgs) ? modelArgs : [], kwargs);
    }
    throw new OdooError('builtins.NameError', `${service}.${method} is not available`);
  };

  const sessionInfo = (user: (typeof users)[number]): Record<string, unknown> => ({
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

  const answer = (record: ReceivedRequest): WireResponse => {
    const routes = [
      '/web/webclient/version_info',
      '/web/session/authenticate',
      '/jsonrpc',
      '/web/database/list',
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
        case '/web/webclient/version_info':
          result = versionInfo;
          break;
        case '/web/database/list':
          result = [dbName];
          break;
        case '/web/session/authenticate': {
          requireParams('Session.authenticate', rpcCall.params, ['db', 'login', 'password']);
          const user = authenticate(
            rpcCall.params['db'],
            rpcCall.params['login'],
            rpcCall.params['password'],
          );
          extraHeaders['Set-Cookie'] =
            `session_id=${randomBytes(20).toString('hex')}; HttpOnly; Path=/; SameSite=Lax`;
          result = sessionInfo(user);
          break;
        }
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
    close: () => stopListening(server),
  };
}
