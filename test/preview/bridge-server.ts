import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

import type { Dispatch } from '../../electron/core/dispatch';
import type { EventSink } from '../../electron/core/ports';
import { events, type EventChannel, type EventPayload } from '../../electron/shared/contract';
import { fail } from '../../electron/shared/result';

/*
 * The browser preview's bridge: serves the renderer build and gives the page the same
 * `window.assistant` API over loopback HTTP, backed by the real core. A local endpoint that can
 * change DNS settings must not be reachable from other web pages, so it:
 *   - listens on 127.0.0.1 only (never localhost or 0.0.0.0), on a random port;
 *   - requires a per-run 32-byte token, compared in constant time;
 *   - refuses any Host other than 127.0.0.1:<port> (DNS rebinding) and any foreign Origin;
 *   - accepts only application/json POSTs to contract channels, with a body limit, and sends no
 *     CORS headers, so a cross-site page cannot even complete a preflight.
 */

const MAX_BODY_BYTES = 64 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export type BridgeServer = {
  /** The URL to open, token included in the fragment (never sent to the server in logs). */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
};

/** Fans core events out to the page's event streams, queued until the page says it is ready. */
export function createBridgeEventHub(): EventSink & {
  subscribe(write: (line: string) => void): () => void;
  markReady(): void;
} {
  const subscribers = new Set<(line: string) => void>();
  const queue: string[] = [];
  let ready = false;
  const publish = (line: string): void => {
    for (const write of subscribers) {
      write(line);
    }
  };
  return {
    subscribe(write) {
      subscribers.add(write);
      return () => subscribers.delete(write);
    },
    markReady() {
      ready = true;
      for (const line of queue.splice(0)) {
        publish(line);
      }
    },
    emit<E extends EventChannel>(channel: E, payload: EventPayload<E>) {
      const parsed = events[channel].payload.safeParse(payload);
      if (!parsed.success) {
        return;
      }
      const line = `${JSON.stringify({ channel, payload: parsed.data })}\n`;
      if (ready) {
        publish(line);
      } else {
        queue.push(line);
      }
    },
  };
}

export async function startBridgeServer(options: {
  staticDir: string;
  dispatch: Dispatch;
  hub: ReturnType<typeof createBridgeEventHub>;
  port?: number;
}): Promise<BridgeServer> {
  const token = randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const controllers = new Set<AbortController>();
  const streams = new Set<ServerResponse>();
  let expectedHost = '';

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) {
        send(response, 500, { error: 'internal' });
      } else {
        response.destroy();
      }
    });
  });

  function authorised(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    return presented.length === tokenBytes.length && timingSafeEqual(presented, tokenBytes);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== expectedHost) {
      send(response, 421, { error: 'wrong host' });
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${expectedHost}`) {
      send(response, 403, { error: 'foreign origin' });
      return;
    }
    const path = new URL(request.url ?? '/', `http://${expectedHost}`).pathname;
    if (path.startsWith('/api/')) {
      await handleApi(request, response, path);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, { error: 'method not allowed' });
      return;
    }
    await serveStatic(response, path);
  }

  async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<void> {
    if (request.method !== 'POST') {
      send(response, 405, { error: 'method not allowed' });
      return;
    }
    if (!authorised(request)) {
      send(response, 401, { error: 'token required' });
      return;
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      send(response, 415, { error: 'application/json required' });
      return;
    }
    if (path === '/api/events') {
      openEventStream(request, response);
      return;
    }
    const match = /^\/api\/invoke\/([a-z-]+:[a-z-]+)$/.exec(path);
    if (!match) {
      send(response, 404, { error: 'no such channel' });
      return;
    }
    const body = await readBody(request);
    if (body === undefined) {
      send(response, 413, { error: 'body too large' });
      return;
    }
    let args: unknown;
    try {
      args = JSON.parse(body);
    } catch {
      args = undefined;
    }
    if (!Array.isArray(args)) {
      // The body is the argument list; anything else is refused before reaching the core.
      send(response, 200, fail('invalid-arguments', 'the body must be a JSON array of arguments'));
      return;
    }
    const controller = new AbortController();
    controllers.add(controller);
    request.once('close', () => {
      if (!response.writableFinished) {
        controller.abort();
      }
    });
    try {
      // Arguments are validated by the same dispatch (and contract) as IPC.
      const result = await options.dispatch(match[1], args, {
        signal: controller.signal,
      });
      send(response, 200, result);
    } finally {
      controllers.delete(controller);
    }
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    response.write('\n');
    streams.add(response);
    const unsubscribe = options.hub.subscribe((line) => response.write(line));
    request.once('close', () => {
      unsubscribe();
      streams.delete(response);
    });
  }

  async function serveStatic(response: ServerResponse, path: string): Promise<void> {
    const relative = normalize(decodeURIComponent(path === '/' ? '/index.html' : path));
    const file = join(options.staticDir, relative);
    if (!file.startsWith(options.staticDir + sep)) {
      send(response, 404, { error: 'not found' });
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) {
        throw new Error('not a file');
      }
    } catch {
      send(response, 404, { error: 'not found' });
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
    response.end(await readFile(file));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  const origin = `http://${expectedHost}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of controllers) {
          controller.abort();
        }
        for (const stream of streams) {
          stream.end();
        }
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
