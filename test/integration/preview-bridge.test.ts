import { request } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sampleFoundBox } from '../fakes/sample-box';
import { createBridgeEventHub } from '../preview/bridge-server';
import { startPreview, type Preview } from '../preview/start-preview';

let preview: Preview;

beforeAll(async () => {
  preview = await startPreview();
});
afterAll(async () => {
  await preview.close();
});

type Reply = { status: number; body: string; headers: Record<string, unknown> };

function send(
  options: { method?: string; path: string; host?: string; headers?: Record<string, string> },
  body?: string,
  address = '127.0.0.1',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: address,
        port: preview.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: options.host ?? `127.0.0.1:${preview.port}`, ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const api = (channel: string, args: unknown, headers: Record<string, string> = {}) =>
  send(
    {
      method: 'POST',
      path: `/api/invoke/${channel}`,
      headers: {
        Authorization: `Bearer ${preview.token}`,
        'Content-Type': 'application/json',
        ...headers,
      },
    },
    JSON.stringify(args),
  );

describe('preview bridge', () => {
  it('prints a loopback URL carrying the token in the fragment', () => {
    expect(preview.url).toBe(`http://127.0.0.1:${preview.port}/#token=${preview.token}`);
    expect(Buffer.from(preview.token, 'base64url')).toHaveLength(32);
  });

  it('serves the welcome page', async () => {
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root"></div>');
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('answers a request that carries the token', async () => {
    const reply = await api('app:get-info', []);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { runtime: 'preview' } });
  });

  it('refuses a request without the token or with a wrong one', async () => {
    const missing = await send(
      {
        method: 'POST',
        path: '/api/invoke/app:get-info',
        headers: { 'Content-Type': 'application/json' },
      },
      '[]',
    );
    expect(missing.status).toBe(401);
    const wrong = await api('app:get-info', [], { Authorization: `Bearer ${'x'.repeat(43)}` });
    expect(wrong.status).toBe(401);
  });

  it.each(['evil.example', `localhost:${12345}`, 'attacker.test:80'])(
    'refuses the foreign Host header %s, even with the token (DNS rebinding)',
    async (host) => {
      const reply = await send(
        {
          method: 'POST',
          path: '/api/invoke/settings:set',
          host,
          headers: { Authorization: `Bearer ${preview.token}`, 'Content-Type': 'application/json' },
        },
        '[{"language":"it"}]',
      );
      expect(reply.status).toBe(421);
      expect((await send({ path: '/', host })).status).toBe(421);
    },
  );

  it('refuses a foreign Origin and sends no CORS headers', async () => {
    const reply = await api('app:get-info', [], { Origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('accepts only JSON POSTs, within the size limit', async () => {
    expect((await api('app:get-info', [], { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect(
      (
        await send({
          path: '/api/invoke/app:get-info',
          headers: { Authorization: `Bearer ${preview.token}` },
        })
      ).status,
    ).toBe(405);
    expect((await api('settings:set', ['x'.repeat(70 * 1024)])).status).toBe(413);
    expect((await api('nope', [])).status).toBe(404);
  });

  it('validates arguments with the contract', async () => {
    const reply = await api('settings:set', [{ language: 'klingon' }]);
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });
    const notArray = await api('settings:set', { language: 'it' });
    expect(JSON.parse(notArray.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });
  });

  it('serves nothing outside the preview build', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
      expect((await send({ path })).status).toBe(404);
    }
  });

  it('does not listen on other addresses', async () => {
    await expect(send({ path: '/' }, undefined, '127.0.0.2')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});

describe('bridge event hub', () => {
  it('queues events until the page is ready, then streams them in order', () => {
    const hub = createBridgeEventHub();
    const lines: string[] = [];
    hub.subscribe((line) => lines.push(line));
    const box = sampleFoundBox;
    hub.emit('discovery:box-found', box);
    expect(lines).toEqual([]);
    hub.markReady();
    hub.emit('discovery:box-found', { ...box, name: 'second' });
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { channel: 'discovery:box-found', payload: box },
      { channel: 'discovery:box-found', payload: { ...box, name: 'second' } },
    ]);
  });
});
