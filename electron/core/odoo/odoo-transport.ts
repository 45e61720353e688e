import { fail, ok, type Failure, type Result } from '../../shared/result';
import type { HttpPort, HttpResponse } from '../ports';
import { JsonRpcReplySchema } from '../json-rpc';
import { Json2ErrorSchema } from './odoo-schemas';

/*
 * The two ways a program talks to an Odoo database: JSON-RPC (the web client's routes and the
 * external `/jsonrpc` API, errors inside HTTP 200) and JSON-2 (`POST /json/2/<model>/<method>`
 * from 19.0, a bearer API key, named arguments, real HTTP status codes — odoo/odoo
 * addons/rpc/controllers/json2.py). Redirects are never followed with a secret: a login page or
 * another host gets its own code.
 */

const LOGIN_PATH = /\/(web\/)?login|\/auth|\/signin|\/sso/i;
const MAX_BODY_BYTES = 1024 * 1024;

export type RpcOptions = {
  readonly headers?: Readonly<Record<string, string>>;
  /** Names a non-200 answer (e.g. the external API refused); null keeps `odoo-not-odoo`. */
  readonly onStatus?: (path: string, status: number) => Failure | null;
};

export type Rpc = (
  path: string,
  params: Record<string, unknown>,
  options?: RpcOptions,
) => Promise<Result<RpcAnswer, Failure>>;

/** A JSON-RPC result, with the response headers (a session cookie to log out afterwards). */
export type RpcAnswer = { readonly result: unknown; readonly headers: HttpResponse['headers'] };

/** What a JSON-2 call answered: the value, or Odoo's error with its HTTP status. */
export type Json2Answer =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly status: number; readonly errorName: string | null };

type Transport = { readonly http: HttpPort; readonly timeoutMs: number };

function transportFailure(kind: string, message: string): Failure {
  return kind === 'aborted'
    ? { code: 'cancelled' }
    : { code: 'odoo-unreachable', detail: `${kind}: ${message}` };
}

/**
 * POSTs to the database without following a redirect: a cancelled call, a transport problem and
 * a 3xx are failures here; any other status is the caller's to read.
 */
async function postToOdoo(
  transport: Transport,
  base: URL,
  request: {
    readonly path: string;
    readonly headers: Record<string, string>;
    readonly body: string;
  },
  signal: AbortSignal,
): Promise<Result<HttpResponse, Failure>> {
  if (signal.aborted) {
    return fail('cancelled');
  }
  const answer = await transport.http.request(
    {
      method: 'POST',
      url: new URL(request.path, base).href,
      headers: request.headers,
      body: request.body,
      timeoutMs: transport.timeoutMs,
      maxBodyBytes: MAX_BODY_BYTES,
    },
    signal,
  );
  if (!answer.ok) {
    return { ok: false, error: transportFailure(answer.error.kind, answer.error.message) };
  }
  const { status } = answer.value;
  if (status >= 300 && status < 400) {
    return redirectFailure(base, answer.value.headers['location'] ?? '');
  }
  return answer;
}

export function rpcAt(transport: Transport, base: URL, signal: AbortSignal): Rpc {
  return async (path, params, options = {}) => {
    const answer = await postToOdoo(
      transport,
      base,
      {
        path,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...options.headers,
        },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params }),
      },
      signal,
    );
    if (!answer.ok) {
      return answer;
    }
    const { status, body } = answer.value;
    if (status !== 200) {
      const named = options.onStatus?.(path, status) ?? null;
      return named === null
        ? fail('odoo-not-odoo', `${path} answered HTTP ${status}`)
        : { ok: false, error: named };
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
    return ok({ result: reply.data.result, headers: answer.value.headers });
  };
}

/**
 * One JSON-2 call with an API key. `database` goes in `X-Odoo-Database` (needed when the server
 * hosts several). Statuses are returned for the caller to explain; only transport problems and
 * redirects are failures here.
 */
export async function json2Call(
  transport: Transport,
  base: URL,
  call: {
    readonly model: string;
    readonly method: string;
    readonly apiKey: string;
    readonly database: string;
    readonly args: Record<string, unknown>;
  },
  signal: AbortSignal,
): Promise<Result<Json2Answer, Failure>> {
  const answer = await postToOdoo(
    transport,
    base,
    {
      path: `/json/2/${call.model}/${call.method}`,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        Accept: 'application/json',
        Authorization: `bearer ${call.apiKey}`,
        'X-Odoo-Database': call.database,
        'User-Agent': 'IoT Box Assistant',
      },
      body: JSON.stringify(call.args),
    },
    signal,
  );
  if (!answer.ok) {
    return answer;
  }
  const { status, body } = answer.value;
  let raw: unknown = null;
  try {
    raw = JSON.parse(body);
  } catch {
    // An HTML error page (a proxy, a plan's refusal): the status says enough.
  }
  if (status === 200) {
    return raw === null
      ? fail('odoo-not-odoo', 'JSON-2 did not answer JSON')
      : ok({ ok: true, value: raw });
  }
  const error = Json2ErrorSchema.safeParse(raw);
  return ok({ ok: false, status, errorName: error.success ? error.data.name : null });
}

export function rpcErrorFailure(name: string, message: string): Failure {
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
