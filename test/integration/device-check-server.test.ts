import { request } from 'node:http';
import { connect } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { createDeviceCheckService } from '../../electron/core/device-check/create-device-check';
import type { DeviceCheckService } from '../../electron/core/device-check/device-check-service';
import type { EventChannel, EventPayload } from '../../electron/shared/contract';
import type {
  DeviceCheckEnded,
  DeviceCheckSession,
} from '../../electron/shared/schemas/device-check';
import { testPorts } from '../support/test-ports';

/*
 * Every security rule of the device check's page server, through real sockets on loopback:
 * the box "lives" at 127.0.88.9, so the server picks 127.0.0.1 (the address on its network).
 */

const BOX = { ip: '127.0.88.9', port: 8069, name: '127-0-88-9.c0ffee42.odoo-iot.com' };
const PROBE = { outcome: 'ping', ms: 5 };
const NOT_PING = { outcome: 'none', ms: 5 };

type Reply = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

function send(
  session: DeviceCheckSession,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: session.address,
        port: session.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `${session.address}:${session.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Resolves with the socket error code, or 'connected' when something still listens. */
function tryConnect(session: DeviceCheckSession): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: session.address, port: session.port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

const secretOf = (session: DeviceCheckSession): string => new URL(session.url).pathname.slice(1);

function jsonPost(
  session: DeviceCheckSession,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return send(session, `/${secretOf(session)}/result`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: `http://${session.address}:${session.port}`,
      'User-Agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/142.0.0.0 Mobile Safari/537.36',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Opens the page like the device does and returns the result token it carries. */
async function openPage(session: DeviceCheckSession): Promise<{ reply: Reply; token: string }> {
  const reply = await send(session, `/${secretOf(session)}`, {
    headers: { 'User-Agent': 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Safari/604.1' },
  });
  const token = /"token":"([^"]+)"/.exec(reply.body)?.[1] ?? '';
  return { reply, token };
}

let service: DeviceCheckService;
let ended: DeviceCheckEnded[];
let opened: string[];

function start(timeoutMs?: number): Promise<DeviceCheckSession> {
  ended = [];
  opened = [];
  service = createDeviceCheckService(
    testPorts({
      events: {
        emit<E extends EventChannel>(channel: E, payload: EventPayload<E>) {
          if (channel === 'device-check:ended') {
            ended.push(payload as DeviceCheckEnded);
          } else if (channel === 'device-check:opened' && 'device' in payload) {
            opened.push(payload.device.os);
          }
        },
      },
    }),
  );
  const controller = new AbortController();
  return service
    .start(BOX, timeoutMs === undefined ? {} : { timeoutMs }, controller.signal)
    .then((result) => {
      if (!result.ok) {
        throw new Error(`start failed: ${result.error.code}`);
      }
      return result.value;
    });
}

afterEach(async () => {
  for (const event of ended) {
    await service.stop(event.id);
  }
});

describe('the page server for another device', () => {
  it('listens on one address of the box network, behind a 128-bit secret', async () => {
    const session = await start();
    expect(session.address).toBe('127.0.0.1');
    expect(secretOf(session)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(session.url).toBe(`http://127.0.0.1:${session.port}/${secretOf(session)}`);
    const again = await service.start(BOX, {}, new AbortController().signal);
    const other = again.ok ? again.value : session;
    // A new check is a new secret, and the previous page is gone.
    expect(secretOf(other)).not.toBe(secretOf(session));
    expect(ended.map((event) => [event.id, event.reason])).toEqual([[session.id, 'stopped']]);
    expect(await tryConnect(session)).toBe('ECONNREFUSED');
    await service.stop(other.id);
  });

  it('answers 404 without the secret or with a wrong one', async () => {
    const session = await start();
    for (const path of [
      '/',
      '/favicon.ico',
      '/result',
      `/${'A'.repeat(22)}`,
      `/${secretOf(session)}x`,
    ]) {
      expect((await send(session, path)).status, path).toBe(404);
    }
    expect(opened).toEqual([]);
    await service.stop(session.id);
  });

  it('serves the page once, with its CSP, and only to its own Host', async () => {
    const session = await start();
    const wrongHost = await send(session, `/${secretOf(session)}`, {
      headers: { Host: `box.attacker.example:${session.port}` },
    });
    expect(wrongHost.status).toBe(404);
    const { reply, token } = await openPage(session);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(opened).toEqual(['ipados']);
    expect((await send(session, `/${secretOf(session)}`)).status).toBe(404);
    await service.stop(session.id);
  });

  it('accepts nothing but a POST of JSON to the result path', async () => {
    const session = await start();
    const { token } = await openPage(session);
    const result = `/${secretOf(session)}/result`;
    expect((await send(session, result)).status).toBe(404);
    expect((await send(session, result, { method: 'PUT', body: '{}' })).status).toBe(404);
    expect(
      (await send(session, `/${secretOf(session)}`, { method: 'POST', body: '{}' })).status,
    ).toBe(404);
    expect((await send(session, `/${secretOf(session)}/other`, { method: 'POST' })).status).toBe(
      404,
    );
    const plain = await jsonPost(session, { token }, { 'Content-Type': 'text/plain' });
    expect(plain.status).toBe(415);
    const form = await jsonPost(session, 'token=x', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const foreign = await jsonPost(session, { token }, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(404);
    expect(ended).toEqual([]);
    await service.stop(session.id);
  });

  it('refuses an oversized body unread, and anything the schema rejects', async () => {
    const session = await start();
    const { token } = await openPage(session);
    const huge = await jsonPost(session, { token, padding: 'x'.repeat(64 * 1024) });
    expect(huge.status).toBe(413);
    expect((await jsonPost(session, '{not json')).status).toBe(400);
    const probes = { http: PROBE, name: PROBE, nameOther: null, https: PROBE };
    const device = { maxTouchPoints: 0 };
    expect((await jsonPost(session, { token: 'A'.repeat(22), device, probes })).status).toBe(400);
    expect((await jsonPost(session, { token, device, probes, extra: true })).status).toBe(400);
    expect(
      (
        await jsonPost(session, {
          token,
          device,
          probes: { ...probes, http: { outcome: 'maybe', ms: 1 } },
        })
      ).status,
    ).toBe(400);
    expect(ended).toEqual([]);
    await service.stop(session.id);
  });

  it('takes one result, answers the verdict, then closes: reuse is refused', async () => {
    const session = await start();
    const { token } = await openPage(session);
    const reply = await jsonPost(session, {
      token,
      device: { maxTouchPoints: 0 },
      probes: { http: PROBE, name: NOT_PING, nameOther: NOT_PING, https: NOT_PING },
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ verdict: 'name-blocked' });
    await expect.poll(() => ended.length).toBe(1);
    expect(ended[0]).toMatchObject({
      id: session.id,
      reason: 'result',
      report: {
        verdict: 'name-blocked',
        device: { os: 'android', browser: 'chrome', browserVersion: 142 },
        box: BOX,
        checks: { http: { ok: true }, name: { ok: false }, https: { ok: false } },
      },
    });
    expect(await tryConnect(session)).toBe('ECONNREFUSED');
  });

  it('closes by itself when the time runs out', async () => {
    const session = await start(300);
    await expect
      .poll(() => ended.map((event) => event.reason), { timeout: 5_000 })
      .toEqual(['expired']);
    expect(await tryConnect(session)).toBe('ECONNREFUSED');
  });

  it('closes when the check is stopped (the dialog closes)', async () => {
    const session = await start();
    await openPage(session);
    await service.stop(session.id);
    expect(ended.map((event) => [event.reason, event.report])).toEqual([['stopped', null]]);
    expect(await tryConnect(session)).toBe('ECONNREFUSED');
    await service.stop(session.id);
    expect(ended).toHaveLength(1);
  });

  it('never stays open longer than ten minutes, whatever it is asked', async () => {
    const session = await start(60 * 60 * 1000);
    const left = Date.parse(session.expiresAt) - Date.now();
    expect(left).toBeLessThanOrEqual(10 * 60 * 1000);
    expect(left).toBeGreaterThan(9 * 60 * 1000);
    await service.stop(session.id);
  });
});
