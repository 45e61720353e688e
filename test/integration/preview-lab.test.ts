import dgram from 'node:dgram';
import dns from 'node:dns';
import { request } from 'node:http';
import net from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isLabTarget } from '../lab/netns/guard';
import { startPreview, type Preview } from '../preview/start-preview';

// `--network lab` is confined to loopback and the lab's subnets even when the caller's options
// and the page's own scan request name real networks. 192.0.2.0/24 (TEST-NET-1) stands in for
// "a real network": every socket, datagram and DNS server the preview tries is recorded, and
// none may be outside the lab.

const REAL = '192.0.2';
const attempts: string[] = [];
const restores: (() => void)[] = [];

function record<T extends object>(
  proto: T,
  method: keyof T & string,
  target: (args: unknown[]) => string | undefined,
): void {
  const original = proto[method] as unknown as (...args: unknown[]) => unknown;
  (proto as Record<string, unknown>)[method] = function recorded(
    this: unknown,
    ...args: unknown[]
  ) {
    const host = target(args);
    if (host !== undefined) {
      attempts.push(host);
    }
    return original.apply(this, args);
  };
  restores.push(() => {
    (proto as Record<string, unknown>)[method] = original;
  });
}

let preview: Preview;

beforeAll(async () => {
  record(net.Socket.prototype, 'connect', (args) => {
    // net.connect() passes its normalised [options, callback] pair as one array.
    const first: unknown = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    if (typeof first === 'object' && first !== null && 'host' in first) {
      return String(first.host);
    }
    return typeof args[1] === 'string' ? args[1] : undefined;
  });
  record(net.Server.prototype, 'listen', (args) => {
    const first: unknown = args[0];
    return typeof first === 'object' && first !== null && 'host' in first
      ? String(first.host)
      : typeof args[1] === 'string'
        ? args[1]
        : undefined;
  });
  record(dgram.Socket.prototype, 'send', (args) =>
    args.filter((arg): arg is string => typeof arg === 'string').at(-1),
  );
  record(dns.promises.Resolver.prototype, 'setServers', (args) =>
    Array.isArray(args[0]) ? args[0].map(String).join(',') : undefined,
  );
  preview = await startPreview({
    network: 'lab',
    discovery: { subnets: [`${REAL}.0/29`], mdns: true, localhost: false },
    certificate: { odooComUrl: `http://${REAL}.1/` },
    dns: {
      references: [{ address: `${REAL}.53`, port: 53 }],
      dohUrl: `https://${REAL}.2/resolve`,
      fixServers: { ipv4: [`${REAL}.53`], ipv6: [] },
    },
  });
});
afterAll(async () => {
  await preview.close();
  for (const restore of restores.splice(0).reverse()) {
    restore();
  }
});

function invoke(channel: string, args: unknown[]): Promise<{ ok: boolean }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(args);
    const req = request(
      {
        host: '127.0.0.1',
        port: preview.port,
        method: 'POST',
        path: `/api/invoke/${channel}`,
        headers: {
          Host: `127.0.0.1:${preview.port}`,
          Authorization: `Bearer ${preview.token}`,
          'Content-Type': 'application/json',
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text) as { ok: boolean }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const outside = (): string[] =>
  attempts.filter((target) => target.split(',').some((host) => !isLabTarget(host)));

describe('preview --network lab stays in the lab', () => {
  it('a search with the caller’s real subnet and mDNS touches only the lab', async () => {
    await invoke('discovery:start', [{ timeoutMs: 1_500 }]);
    expect(outside()).toEqual([]);
  });

  it('a search the page itself aims at a real network touches only the lab', async () => {
    await invoke('discovery:start', [{ subnets: [`${REAL}.8/29`], mdns: true, timeoutMs: 1_500 }]);
    expect(outside()).toEqual([]);
  });

  it('a box, a report and a DNS check at a real address send nothing there', async () => {
    const info = await invoke('box:get-info', [`${REAL}.20`]);
    expect(info.ok).toBe(false);
    await invoke('report:create', [`${REAL}.20`]);
    await invoke('dns:diagnose', [{ target: `${REAL}.20` }]);
    expect(outside()).toEqual([]);
    // "Check another device" for a box on a real network: no page opens there, no TLS goes there.
    const named = await invoke('device-check:start', [
      { ip: `${REAL}.20`, port: 8069, name: '192-0-2-20.c0ffee42.odoo-iot.com' },
    ]);
    expect(named).toMatchObject({ ok: false, error: { code: 'device-check-no-interface' } });
    const unnamed = await invoke('device-check:start', [
      { ip: `${REAL}.20`, port: 8069, name: null },
    ]);
    expect(unnamed).toMatchObject({ ok: false, error: { code: 'device-check-no-name' } });
    expect(outside()).toEqual([]);
    // The searches did run: they swept the lab's loopback range.
    expect(attempts.some((host) => host.startsWith('127.0.0.'))).toBe(true);
  });
});
