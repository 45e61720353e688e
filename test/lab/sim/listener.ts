import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { isLabTarget } from '../netns/guard';
import type { WireResponse } from './odoo-wire';

// Small helpers shared by the simulators: record requests, send responses, and stop/start
// listeners on a fixed port (the box "restarts" by really closing its port).

export type ReceivedRequest = {
  readonly method: string;
  /** Raw request target, e.g. `/iot_drivers/data?x=1`. */
  readonly url: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Body exactly as received (UTF-8). */
  readonly body: string;
  readonly tls: boolean;
  readonly receivedAt: Date;
};

export async function readRequest(
  request: IncomingMessage,
  tls: boolean,
): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  const url = request.url ?? '/';
  const parsed = new URL(url, 'http://simulator.invalid');
  const query: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) {
    // Werkzeug's request.params keeps the first value of a repeated key.
    if (!(key in query)) {
      query[key] = value;
    }
  }
  return {
    method: request.method ?? 'GET',
    url,
    path: parsed.pathname,
    query,
    headers: request.headers,
    body: Buffer.concat(chunks).toString('utf8'),
    tls,
    receivedAt: new Date(),
  };
}

export function sendWire(response: ServerResponse, wire: WireResponse, headOnly = false): void {
  response.writeHead(wire.status, {
    ...wire.headers,
    'Content-Length': String(Buffer.byteLength(wire.body)),
  });
  response.end(headOnly ? undefined : wire.body);
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address: AddressInfo | string | null = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, exclusive: true });
  });
}

/** Close a listener and drop every open socket so clients see a refused/reset connection. */
export function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      server.closeAllConnections();
      resolve();
      return;
    }
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

export function formatHostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The lab's network rule: simulators only ever send to loopback or a lab subnet.
 * Anything else (a public name, odoo.com) is refused before a socket is opened.
 */
export function isLabAddress(host: string): boolean {
  // One guard for the whole lab: loopback, the namespace LAN and its fake Internet.
  return host === 'localhost' || isLabTarget(host.replace(/^\[|\]$/g, ''));
}
