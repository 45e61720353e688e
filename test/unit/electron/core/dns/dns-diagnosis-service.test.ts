import { describe, expect, it } from 'vitest';

import { silentLog } from '../../../../../electron/core/adapters/console-log';
import { DnsDiagnosisService } from '../../../../../electron/core/dns/dns-diagnosis-service';
import { queryDoh } from '../../../../../electron/core/dns/doh-client';
import { detectRouter } from '../../../../../electron/core/dns/router-detection';
import type { HttpPort, HttpResult, ResolverPort } from '../../../../../electron/core/ports';

const NAME = '192-168-1-143.d73e7513.odoo-iot.com';
const signal = new AbortController().signal;

const page = (body: string, headers: Record<string, string> = {}): HttpPort => ({
  request: () => Promise.resolve({ ok: true, value: { status: 200, headers, body } }),
});
const refused: HttpPort = {
  request: () => Promise.resolve({ ok: false, error: { kind: 'refused', message: 'refused' } }),
};

/** A resolver that never answers until its caller gives up (the signal). */
const silent: ResolverPort = {
  resolve4: (_name, _server, { signal: stop }) =>
    new Promise((resolve) =>
      stop.addEventListener('abort', () =>
        resolve({ ok: false, code: 'ECANCELLED', message: 'cancelled' }),
      ),
    ),
};

describe('DnsDiagnosisService', () => {
  it('asks every resolver, merges the router roles, and decides rebind-blocked', async () => {
    const asked: string[] = [];
    const service = new DnsDiagnosisService({
      resolver: {
        resolve4: (_name, server) => {
          asked.push(`${server.address}:${server.port}`);
          return Promise.resolve(
            server.address === '192.168.1.1'
              ? { ok: false, code: 'ENODATA', message: 'empty' }
              : { ok: true, addresses: ['192.168.1.143'] },
          );
        },
      },
      lookup: {
        lookup: () => Promise.resolve({ ok: false, code: 'ENOTFOUND', message: 'x', errno: -3007 }),
      },
      http: refused,
      network: {
        dnsServers: () => [{ address: '192.168.1.1', port: 53 }],
        defaultGateway: () => Promise.resolve('192.168.1.1'),
        searchDomains: () => Promise.resolve(['fritz.box']),
      },
      log: silentLog,
      references: [{ address: '127.0.77.1', port: 5301 }],
      dohUrl: null,
    });
    const events: string[] = [];
    const result = await service.diagnose({ target: NAME }, signal, (probe) =>
      events.push(probe.address),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) {
      return;
    }
    expect(result.value.verdict).toBe('rebind-blocked');
    expect(asked.sort()).toEqual(['127.0.77.1:5301', '192.168.1.1:53']);
    expect(result.value.probes.map((probe) => probe.roles)).toEqual([
      ['system'],
      ['configured', 'gateway'],
      ['reference'],
    ]);
    expect(result.value.probes[0]).toMatchObject({ outcome: 'no-data', errno: -3007 });
    expect(result.value.router).toEqual({
      address: '192.168.1.1',
      family: 'fritzbox',
      evidence: 'fritz.box',
    });
    expect(events).toHaveLength(3);
  });

  it('ends on its own deadline when resolvers never answer', async () => {
    const service = new DnsDiagnosisService({
      resolver: silent,
      lookup: {
        lookup: (_name, stop) =>
          new Promise((resolve) =>
            stop.addEventListener('abort', () =>
              resolve({ ok: false, code: 'ECANCELLED', message: 'x' }),
            ),
          ),
      },
      http: refused,
      network: {
        dnsServers: () => [{ address: '127.0.77.9', port: 53 }],
        defaultGateway: () => Promise.resolve(null),
        searchDomains: () => Promise.resolve([]),
      },
      log: silentLog,
      references: [{ address: '127.0.77.8', port: 53 }],
      dohUrl: null,
    });
    const result = await service.diagnose({ target: NAME }, signal);
    expect(result.ok && result.value.verdict).toBe('local-dns-down');
    expect(result.ok && result.value.probes.every((probe) => probe.outcome === 'timeout')).toBe(
      true,
    );
  });

  it('refuses what is neither a box name nor an address, before sending anything', async () => {
    const service = new DnsDiagnosisService({
      resolver: silent,
      lookup: { lookup: () => Promise.reject(new Error('must not be called')) },
      http: refused,
      network: {
        dnsServers: () => [],
        defaultGateway: () => Promise.reject(new Error('must not be called')),
        searchDomains: () => Promise.resolve([]),
      },
      log: silentLog,
    });
    for (const target of [
      'example.com',
      'evil.odoo-iot.com.attacker.net',
      '999-1-1-1.abc.odoo-iot.com',
    ]) {
      const result = await service.diagnose({ target }, signal);
      expect(!result.ok && result.error.code).toBe('dns-name-invalid');
    }
  });
});

describe('detectRouter', () => {
  const input = { gateway: '192.168.1.1', searchDomains: [], dnsServers: [] };
  const options = { timeoutMs: 500, signal };
  it.each([
    ['<html><head><title>FRITZ!Box</title></head></html>', {}, 'fritzbox'],
    ['<title>OpenWrt - LuCI</title>', {}, 'openwrt'],
    ['<title>pfSense - Login</title>', {}, 'pfsense'],
    ['<title>Login | OPNsense</title>', {}, 'opnsense'],
    ['<title>AdGuard Home</title>', {}, 'adguard-home'],
    ['', { server: 'uhttpd' }, 'openwrt'],
    ['', { location: '/cgi-bin/luci' }, 'openwrt'],
    ['<title>Router</title>', {}, 'unknown'],
  ] as const)('%s %o → %s', async (body, headers, family) => {
    const router = await detectRouter({ http: page(body, headers) }, input, options);
    expect(router.family).toBe(family);
  });

  it('spots NextDNS from the resolver in use, and survives garbage', async () => {
    const nextDns = await detectRouter(
      { http: refused },
      { ...input, dnsServers: [{ address: '45.90.28.12', port: 53 }] },
      options,
    );
    expect(nextDns.family).toBe('nextdns');
    const garbage = await detectRouter({ http: page('<<<\u0000'.repeat(10_000)) }, input, options);
    expect(garbage.family).toBe('unknown');
  });
});

describe('queryDoh', () => {
  const answer = (result: HttpResult): HttpPort => ({ request: () => Promise.resolve(result) });
  const json = (body: unknown, status = 200): HttpResult => ({
    ok: true,
    value: { status, headers: {}, body: JSON.stringify(body) },
  });
  it('reads Google JSON answers, NXDOMAIN, empty answers and junk', async () => {
    const run = (result: HttpResult) =>
      queryDoh(answer(result), 'https://doh.test/resolve', NAME, { timeoutMs: 500, signal });
    expect(
      await run(
        json({ Status: 0, Answer: [{ name: NAME, type: 1, TTL: 60, data: '192.168.1.143' }] }),
      ),
    ).toEqual({ outcome: 'answer', addresses: ['192.168.1.143'], error: null });
    expect((await run(json({ Status: 3 }))).outcome).toBe('nxdomain');
    expect((await run(json({ Status: 0 }))).outcome).toBe('no-data');
    expect((await run(json({ Status: 0, Answer: [{ type: 1, data: 'not-an-ip' }] }))).outcome).toBe(
      'no-data',
    );
    expect((await run(json({ nope: true }))).outcome).toBe('error');
    expect((await run({ ok: true, value: { status: 200, headers: {}, body: '{' } })).outcome).toBe(
      'error',
    );
    expect((await run(json({}, 502))).outcome).toBe('error');
    expect((await run({ ok: false, error: { kind: 'timeout', message: 'slow' } })).outcome).toBe(
      'timeout',
    );
  });
});
