import type { z } from 'zod';

import { fail, ok, type Failure, type Result } from '../../shared/result';
import type { HttpError, HttpPort, HttpResponse, HttpResult } from '../ports';
import { boxBaseUrl, type BoxTarget } from './box-target';
import { JsonRpcReplySchema } from '../json-rpc';

/*
 * The box's wire format (protocol doc §2) behind a few calls: GET text, GET JSON (bodies are
 * JSON whatever the Content-Type says), POST JSON-RPC (errors come back with HTTP 200) and the
 * plain POST under it (G1's form routes use it too).
 * Every transport failure becomes a code the user can act on; nothing here throws.
 */

export type BoxHttp = {
  readonly http: HttpPort;
  readonly timeoutMs: number;
};

/** Boxes answer in a few kB; anything near this size is not a box talking. */
const MAX_BODY_BYTES = 512 * 1024;

export function transportFailure(error: HttpError): Failure {
  switch (error.kind) {
    case 'aborted':
      return { code: 'cancelled' };
    case 'reset':
      return { code: 'box-connection-dropped', detail: error.message };
    case 'refused':
    case 'timeout':
    case 'unreachable':
    case 'dns':
      return { code: 'box-unreachable', detail: `${error.kind}: ${error.message}` };
    case 'tls':
    case 'too-large':
    case 'protocol':
      return { code: 'box-unrecognised', detail: `${error.kind}: ${error.message}` };
  }
}

/** How one GET differs from an ordinary box route (deadline, body cap, a Range header…). */
export type BoxGetOptions = {
  readonly timeoutMs?: number | undefined;
  readonly headers?: Readonly<Record<string, string>>;
  readonly maxBodyBytes?: number;
  readonly oversize?: 'fail' | 'keep-tail';
};

/** A GET as the transport answered it, its error's kind kept (discovery tells silence apart). */
export function boxFetch(
  box: BoxHttp,
  target: BoxTarget,
  path: string,
  signal: AbortSignal,
  options: BoxGetOptions = {},
): Promise<HttpResult> {
  return box.http.request(
    {
      method: 'GET',
      url: `${boxBaseUrl(target)}${path}`,
      ...(options.headers ? { headers: options.headers } : {}),
      timeoutMs: options.timeoutMs ?? box.timeoutMs,
      maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
      ...(options.oversize ? { oversize: options.oversize } : {}),
    },
    signal,
  );
}

export async function boxGet(
  box: BoxHttp,
  target: BoxTarget,
  path: string,
  signal: AbortSignal,
  options: BoxGetOptions = {},
): Promise<Result<HttpResponse, Failure>> {
  if (signal.aborted) {
    return fail('cancelled');
  }
  const answer = await boxFetch(box, target, path, signal, options);
  return answer.ok ? ok(answer.value) : { ok: false, error: transportFailure(answer.error) };
}

/** A POST of `content` to a box route, as the transport answered it (any status). */
export async function boxPost(
  box: BoxHttp,
  target: BoxTarget,
  path: string,
  content: { readonly type: string; readonly body: string },
  signal: AbortSignal,
  timeoutMs = box.timeoutMs,
): Promise<Result<HttpResponse, Failure>> {
  if (signal.aborted) {
    return fail('cancelled');
  }
  const answer = await box.http.request(
    {
      method: 'POST',
      url: `${boxBaseUrl(target)}${path}`,
      headers: { 'Content-Type': content.type },
      body: content.body,
      timeoutMs,
      maxBodyBytes: MAX_BODY_BYTES,
    },
    signal,
  );
  return answer.ok ? ok(answer.value) : { ok: false, error: transportFailure(answer.error) };
}

/** A failure for a non-200 answer: a missing route means "not this API", a 500 a box error. */
export function statusFailure(path: string, status: number): Failure {
  return status >= 500
    ? { code: 'box-error', detail: `${path} answered HTTP ${status}` }
    : { code: 'box-unrecognised', detail: `${path} answered HTTP ${status}` };
}

export function parseJsonBody<T>(
  path: string,
  body: string,
  schema: z.ZodType<T>,
): Result<T, Failure> {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return fail('box-unrecognised', `${path}: body is not JSON`);
  }
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? ok(parsed.data)
    : fail('box-unrecognised', `${path}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
}

export async function boxGetJson<T>(
  box: BoxHttp,
  target: BoxTarget,
  path: string,
  schema: z.ZodType<T>,
  signal: AbortSignal,
  timeoutMs = box.timeoutMs,
): Promise<Result<T, Failure>> {
  const answer = await boxGet(box, target, path, signal, { timeoutMs });
  if (!answer.ok) {
    return answer;
  }
  if (answer.value.status !== 200) {
    return { ok: false, error: statusFailure(path, answer.value.status) };
  }
  return parseJsonBody(path, answer.value.body, schema);
}

/** The exact request body the box receives for `params` (doc §2 envelope, no id). */
export function jsonRpcBody(params: Readonly<Record<string, unknown>>): string {
  return JSON.stringify({ jsonrpc: '2.0', method: 'call', params });
}

export async function boxRpc<T>(
  box: BoxHttp,
  target: BoxTarget,
  path: string,
  params: Readonly<Record<string, unknown>>,
  schema: z.ZodType<T>,
  signal: AbortSignal,
  timeoutMs = box.timeoutMs,
): Promise<Result<T, Failure>> {
  const answer = await boxPost(
    box,
    target,
    path,
    { type: 'application/json', body: jsonRpcBody(params) },
    signal,
    timeoutMs,
  );
  if (!answer.ok) {
    return answer;
  }
  if (answer.value.status !== 200) {
    return { ok: false, error: statusFailure(path, answer.value.status) };
  }
  const reply = parseJsonBody(path, answer.value.body, JsonRpcReplySchema);
  if (!reply.ok) {
    return reply;
  }
  if (reply.value.error !== undefined) {
    const error = reply.value.error;
    return fail(
      'box-error',
      `${path}: ${error.data?.name ?? ''} ${error.data?.message ?? error.message}`.trim(),
    );
  }
  const parsed = schema.safeParse(reply.value.result);
  return parsed.success
    ? ok(parsed.data)
    : fail(
        'box-unrecognised',
        `${path}: unexpected result ${JSON.stringify(reply.value.result).slice(0, 200)}`,
      );
}
