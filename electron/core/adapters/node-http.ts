import type { IncomingMessage } from 'node:http';

import type { HttpError, HttpErrorKind, HttpPort, HttpRequest, HttpResult } from '../ports';
import { isNodeError } from './json-file';
import { settleOnce } from './settle-once';

// An ESM import of node:http builds the module's ESM facade, which reads its lazy WebSocket and
// EventSource exports and so loads undici: about 100 ms of CPU at every start, for nothing used.
// node:https (TLS, some 30 ms more) is read on the first https request: discovery makes none.
const { request: httpRequest } = process.getBuiltinModule('node:http');

const DEFAULT_MAX_BODY = 1024 * 1024;

const ERROR_KINDS: Readonly<Record<string, HttpErrorKind>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  EHOSTUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  HPE_INVALID_CONSTANT: 'protocol',
  HPE_INVALID_STATUS: 'protocol',
  HPE_INVALID_HEADER_TOKEN: 'protocol',
  HPE_HEADER_OVERFLOW: 'protocol',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls',
  CERT_HAS_EXPIRED: 'tls',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls',
  ERR_SSL_WRONG_VERSION_NUMBER: 'tls',
  EPROTO: 'tls',
};

export function classifyNodeError(error: unknown): HttpError {
  const code = isNodeError(error) ? (error.code ?? '') : '';
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: ERROR_KINDS[code] ?? (code.startsWith('HPE_') ? 'protocol' : 'unreachable'),
    message,
  };
}

/** node:http(s) behind the HttpPort: no agent pooling, no redirects, bounded time and size. */
export function createNodeHttp(): HttpPort {
  return {
    request: (request, signal) => exchange(request, signal),
  };
}

function failure(kind: HttpErrorKind, message: string): HttpResult {
  return { ok: false, error: { kind, message } };
}

function exchange(request: HttpRequest, signal: AbortSignal): Promise<HttpResult> {
  return new Promise<HttpResult>((resolve) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      resolve(failure('protocol', `invalid URL ${request.url}`));
      return;
    }
    // Checked before any socket exists: nothing to clean up, no error event to miss.
    if (signal.aborted) {
      resolve(failure('aborted', 'cancelled'));
      return;
    }
    const secure = url.protocol === 'https:';
    const send = secure ? process.getBuiltinModule('node:https').request : httpRequest;
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const req = send(url, {
      method: request.method,
      agent: false,
      headers: {
        Accept: '*/*',
        ...request.headers,
        ...(body ? { 'Content-Length': String(body.length) } : {}),
        Connection: 'close',
      },
      ...(secure ? { rejectUnauthorized: request.verifyTls ?? true } : {}),
    });
    const { finish } = settleOnce<HttpResult>({
      resolve,
      signal,
      timeoutMs: request.timeoutMs,
      onTimeout: () => failure('timeout', `no complete answer within ${request.timeoutMs} ms`),
      onAbort: () => failure('aborted', 'cancelled'),
      cleanup: () => req.destroy(),
    });
    const failWith = (kind: HttpErrorKind, message: string): void => finish(failure(kind, message));

    req.on('error', (error) => {
      const classified = classifyNodeError(error);
      failWith(classified.kind, classified.message);
    });
    req.on('response', (response: IncomingMessage) => {
      const limit = request.maxBodyBytes ?? DEFAULT_MAX_BODY;
      const keepTail = request.oversize === 'keep-tail';
      const declared = Number(response.headers['content-length'] ?? '0');
      if (declared > limit && !keepTail) {
        failWith('too-large', `body of ${declared} bytes exceeds ${limit}`);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let dropped = false;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
        if (size <= limit) {
          return;
        }
        if (!keepTail) {
          failWith('too-large', `body exceeds ${limit} bytes`);
          return;
        }
        // Only the end is kept: whole chunks are dropped from the front, the rest at the end.
        dropped = true;
        while (chunks.length > 1 && size - (chunks[0]?.length ?? 0) >= limit) {
          size -= chunks.shift()?.length ?? 0;
        }
      });
      response.on('error', (error) => {
        const classified = classifyNodeError(error);
        failWith(classified.kind, classified.message);
      });
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) {
            headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
        }
        const body = Buffer.concat(chunks);
        finish({
          ok: true,
          value: {
            status: response.statusCode ?? 0,
            headers,
            body: body.subarray(Math.max(0, body.length - limit)).toString('utf8'),
            ...(dropped ? { truncated: true } : {}),
          },
        });
      });
    });
    req.end(body);
  });
}
