import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { PageRequest, PageResponse, PageServerPort } from '../ports';

const NOT_FOUND: PageResponse = {
  status: 404,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body: 'Not found\n',
};

function send(response: ServerResponse, reply: PageResponse): void {
  response.writeHead(reply.status, {
    ...reply.headers,
    'Content-Length': Buffer.byteLength(reply.body),
    Connection: 'close',
  });
  response.end(reply.body, () => reply.afterSent?.());
}

/**
 * node:http on one address. Bodies are read only up to the limit (a larger declared or streamed
 * body gets 413 and the connection is dropped); slow requests time out; every response closes
 * its connection, so closing the server leaves nothing listening or open.
 */
export function createNodePageServer(): PageServerPort {
  return {
    listen(options, handle) {
      // Loaded when a device check starts (see node-http.ts for why not as an ESM import).
      const { createServer } = process.getBuiltinModule('node:http');
      const server = createServer((request: IncomingMessage, response: ServerResponse) => {
        const declared = Number(request.headers['content-length'] ?? '0');
        if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
          send(response, { ...NOT_FOUND, status: 413, body: 'Too large\n' });
          request.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let refused = false;
        request.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBodyBytes && !refused) {
            refused = true;
            send(response, { ...NOT_FOUND, status: 413, body: 'Too large\n' });
            request.destroy();
          } else if (!refused) {
            chunks.push(chunk);
          }
        });
        request.on('end', () => {
          if (refused) {
            return;
          }
          const url = request.url ?? '/';
          const pageRequest: PageRequest = {
            method: request.method ?? 'GET',
            path: url.split('?')[0] ?? '/',
            headers: Object.fromEntries(
              Object.entries(request.headers).map(([key, value]) => [
                key,
                Array.isArray(value) ? value.join(', ') : value,
              ]),
            ),
            body: Buffer.concat(chunks).toString('utf8'),
          };
          let reply: PageResponse;
          try {
            reply = handle(pageRequest);
          } catch {
            reply = NOT_FOUND;
          }
          send(response, reply);
        });
        request.on('error', () => response.destroy());
      });
      server.headersTimeout = 10_000;
      server.requestTimeout = 15_000;
      server.keepAliveTimeout = 1;
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: options.address, port: options.port, exclusive: true }, () => {
          server.off('error', reject);
          const bound = server.address() as AddressInfo;
          resolve({
            address: bound.address,
            port: bound.port,
            close: () =>
              new Promise<void>((done) => {
                server.close(() => done());
                server.closeAllConnections();
              }),
          });
        });
      });
    },
  };
}
