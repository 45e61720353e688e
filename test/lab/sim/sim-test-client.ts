import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { connect as tlsConnect } from 'node:tls';

// Minimal HTTP/TLS client for the simulator tests: no connection reuse, so a restarted box is
// observed as it is (refused while down) rather than through a pooled socket.

export type HttpResult = {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
};

export function httpCall(
  url: string,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const body = options.body;
    const request = httpRequest(
      url,
      {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        agent: false,
        headers: {
          Connection: 'close',
          ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
          ...options.headers,
        },
        timeout: 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('client timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

export const httpGet = (url: string): Promise<HttpResult> => httpCall(url);

export function postJson(url: string, payload: unknown): Promise<HttpResult> {
  return httpCall(url, {
    body: JSON.stringify(payload),
    headers: { 'Content-Type': 'application/json' },
  });
}

export function postForm(url: string, fields: Record<string, string>): Promise<HttpResult> {
  return httpCall(url, {
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

/** POST a JSON-RPC call the way Odoo's web client does and parse the envelope. */
export async function rpc(
  url: string,
  params: Record<string, unknown>,
  envelope = true,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = envelope ? { jsonrpc: '2.0', method: 'call', id: 7, params } : { params };
  const result = await postJson(url, payload);
  const json: unknown = JSON.parse(result.body);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`not a JSON object: ${result.body}`);
  }
  return { status: result.status, json: json as Record<string, unknown> };
}

export function parseJsonBody(result: HttpResult): Record<string, unknown> {
  const json: unknown = JSON.parse(result.body);
  if (typeof json !== 'object' || json === null) {
    throw new Error(`not JSON: ${result.body}`);
  }
  return json as Record<string, unknown>;
}

/** The error code a GET fails with (e.g. ECONNREFUSED), or null if the server answered. */
export async function connectionErrorCode(url: string): Promise<string | null> {
  try {
    await httpGet(url);
    return null;
  } catch (error) {
    return error instanceof Error && 'code' in error && typeof error.code === 'string'
      ? error.code
      : 'UNKNOWN';
  }
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  stepMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error('waitFor: condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

export type PeerCertificateInfo = {
  readonly subjectCn: string;
  readonly issuerCn: string;
  readonly altNames: string;
  readonly authorized: boolean;
  readonly authorizationError: string | null;
  readonly validTo: string;
};

/** TLS handshake without verification failure, reporting what the client would see. */
export function peerCertificate(
  host: string,
  port: number,
  options: { ca?: string; servername?: string } = {},
): Promise<PeerCertificateInfo> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host,
      port,
      rejectUnauthorized: false,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      ...(options.servername === undefined ? {} : { servername: options.servername }),
    });
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate();
      const cn = (value: string | string[] | undefined): string =>
        Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
      resolve({
        subjectCn: cn(peer.subject.CN),
        issuerCn: cn(peer.issuer.CN),
        altNames: peer.subjectaltname ?? '',
        authorized: socket.authorized,
        authorizationError:
          socket.authorizationError === null ? null : String(socket.authorizationError),
        validTo: peer.valid_to,
      });
      socket.end();
    });
    socket.once('error', reject);
  });
}
