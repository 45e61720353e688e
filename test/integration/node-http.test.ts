import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createNodeHttp } from '../../electron/core/adapters/node-http';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/drip') {
      response.writeHead(200);
      const timer = setInterval(() => response.write('x'), 50);
      response.on('close', () => clearInterval(timer));
      return;
    }
    if (request.url === '/huge') {
      response.end('y'.repeat(200_000));
      return;
    }
    if (request.url === '/redirect') {
      response.writeHead(302, { Location: '/redirect' }).end();
      return;
    }
    response.end(`${request.method} ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const http = createNodeHttp();
const live = () => new AbortController().signal;

describe('node http adapter', () => {
  it('returns status, headers and body', async () => {
    const result = await http.request(
      { method: 'GET', url: `${base}/hello`, timeoutMs: 5_000 },
      live(),
    );
    expect(result).toMatchObject({ ok: true, value: { status: 200, body: 'GET /hello' } });
  });

  it('stops a slow drip at the whole-exchange deadline', async () => {
    const result = await http.request(
      { method: 'GET', url: `${base}/drip`, timeoutMs: 300 },
      live(),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('refuses a body over the limit', async () => {
    const result = await http.request(
      { method: 'GET', url: `${base}/huge`, timeoutMs: 5_000, maxBodyBytes: 1_000 },
      live(),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'too-large' } });
  });

  it('returns a redirect instead of following it', async () => {
    const result = await http.request(
      { method: 'GET', url: `${base}/redirect`, timeoutMs: 5_000 },
      live(),
    );
    expect(result).toMatchObject({
      ok: true,
      value: { status: 302, headers: { location: '/redirect' } },
    });
  });

  it('answers an already-aborted signal without touching the network or throwing', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await http.request(
      { method: 'GET', url: `${base}/hello`, timeoutMs: 5_000 },
      controller.signal,
    );
    expect(result).toEqual({ ok: false, error: { kind: 'aborted', message: 'cancelled' } });
  });

  it('reports a refused connection', async () => {
    const result = await http.request(
      { method: 'GET', url: 'http://127.0.0.1:1/', timeoutMs: 5_000 },
      live(),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });
});
