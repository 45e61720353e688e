import { describe, expect, it } from 'vitest';

import { silentLog } from '../../../../../electron/core/adapters/console-log';
import { DnsDiagnosisService } from '../../../../../electron/core/dns/dns-diagnosis-service';
import { queryDoh } from '../../../../../electron/core/dns/doh-client';
import type { SsdpPort } from '../../../../../electron/core/ports';
import {
  correctRouter,
  detectRouter,
  type RouterDetectionDeps,
} from '../../../../../electron/core/dns/router-detection';
import type {
  DnsServer,
  HttpPort,
  HttpRequest,
  HttpResult,
  ResolverPort,
} from '../../../../../electron/core/ports';

const NAME = '192-168-1-143.d73e7513.odoo-iot.com';
const signal = new AbortController().signal;

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

const noSsdp: SsdpPort = { search: () => Promise.resolve([]) };
const noMac = () => Promise.resolve(null);
const fixed =
  (servers: DnsServer[], dohUrl: string | null = null) =>
  () =>
    Promise.resolve({ servers, dohUrl });

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
      ssdp: noSsdp,
      network: {
        dnsServers: () => [{ address: '192.168.1.1', port: 53 }],
        defaultGateway: () => Promise.resolve('192.168.1.1'),
        searchDomains: () => Promise.resolve(['fritz.box']),
        gatewayMac: noMac,
      },
      log: silentLog,
      references: fixed([{ address: '127.0.77.1', port: 5301 }]),
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
    // The box's name, to each resolver; the router's local names, to the router only.
    expect(asked.filter((server) => server !== '192.168.1.1:53')).toEqual(['127.0.77.1:5301']);
    expect(result.value.probes.map((probe) => probe.roles)).toEqual([
      ['system'],
      ['configured', 'gateway'],
      ['reference'],
    ]);
    expect(result.value.probes[0]).toMatchObject({ outcome: 'no-data', errno: -3007 });
    expect(result.value.router).toMatchObject({
      address: '192.168.1.1',
      family: 'fritzbox',
      evidence: [{ source: 'search-domain', detail: 'fritz.box', family: 'fritzbox' }],
      filterAt: 'unknown',
      adminUrl: 'http://192.168.1.1/',
      localNames: ['fritz.box'],
    });
    expect(result.value).toMatchObject({ basis: 'references', boxReached: false });
    expect(events).toHaveLength(3);
  });

  it('ends on its own deadline when resolvers never answer', async () => {
    const service = new DnsDiagnosisService({
      resolver: silent,
      lookup: {
        lookup: (_name, { signal: stop }) =>
          new Promise((resolve) =>
            stop.addEventListener('abort', () =>
              resolve({ ok: false, code: 'ECANCELLED', message: 'x' }),
            ),
          ),
      },
      http: refused,
      ssdp: noSsdp,
      network: {
        dnsServers: () => [{ address: '127.0.77.9', port: 53 }],
        defaultGateway: () => Promise.resolve(null),
        searchDomains: () => Promise.resolve([]),
        gatewayMac: noMac,
      },
      log: silentLog,
      references: fixed([{ address: '127.0.77.8', port: 53 }]),
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
      ssdp: noSsdp,
      network: {
        dnsServers: () => [],
        defaultGateway: () => Promise.reject(new Error('must not be called')),
        searchDomains: () => Promise.resolve([]),
        gatewayMac: noMac,
      },
      log: silentLog,
      references: fixed([]),
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

describe('DnsDiagnosisService without public DNS', () => {
  it('calls it rebind filtering when the box answers at the address its name encodes', async () => {
    const found: string[] = [];
    const service = new DnsDiagnosisService({
      resolver: {
        resolve4: (_name, server) =>
          Promise.resolve(
            server.address === '192.168.1.1'
              ? { ok: false, code: 'ENODATA', message: 'empty' }
              : { ok: false, code: 'ETIMEOUT', message: 'silent' },
          ),
      },
      lookup: {
        lookup: () => Promise.resolve({ ok: false, code: 'ENOTFOUND', message: 'x', errno: -3007 }),
      },
      http: refused,
      ssdp: noSsdp,
      network: {
        dnsServers: () => [{ address: '192.168.1.1', port: 53 }],
        defaultGateway: () => Promise.resolve('192.168.1.1'),
        searchDomains: () => Promise.resolve([]),
        gatewayMac: noMac,
      },
      log: silentLog,
      references: fixed([{ address: '127.0.77.8', port: 53 }]),
      findBoxName: (address) => {
        found.push(address);
        return Promise.resolve(NAME);
      },
    });
    const result = await service.diagnose({ target: NAME }, signal);
    expect(found).toEqual(['192.168.1.143']);
    expect(result.ok && result.value).toMatchObject({
      verdict: 'rebind-blocked',
      basis: 'name',
      boxReached: true,
      publishedAddresses: [],
    });
  });
});

type Routes = Readonly<
  Record<string, { status?: number; body: string; headers?: Record<string, string> }>
>;

/** An HTTP fake that answers by URL (method + URL for POSTs) and records what was asked. */
function routes(table: Routes, asked: HttpRequest[] = []): HttpPort {
  return {
    request: (request) => {
      asked.push(request);
      const key = request.method === 'POST' ? `POST ${request.url}` : request.url;
      const route = table[key];
      return Promise.resolve(
        route === undefined
          ? { ok: true, value: { status: 404, headers: {}, body: '' } }
          : {
              ok: true,
              value: {
                status: route.status ?? 200,
                headers: route.headers ?? {},
                body: route.body,
              },
            },
      );
    },
  };
}

const nothingResolves: ResolverPort = {
  resolve4: () => Promise.resolve({ ok: false, code: 'ENOTFOUND', message: 'no' }),
};

function deps(http: HttpPort, extra: Partial<RouterDetectionDeps> = {}): RouterDetectionDeps {
  return {
    http,
    resolver: nothingResolves,
    ssdp: noSsdp,
    network: { gatewayMac: noMac },
    ...extra,
  };
}

const FRITZ_DESCRIPTION = `<?xml version="1.0"?><root><device>
<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>
<friendlyName>FRITZ!Box 7590</friendlyName><manufacturer>AVM Berlin</manufacturer>
<modelName>FRITZ!Box 7590</modelName><serviceList><service>
<serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>
<controlURL>/igdupnp/control/WANIPConn1</controlURL></service></serviceList></device></root>`;

describe('detectRouter', () => {
  const input = { gateway: '192.168.1.1', searchDomains: [], dnsServers: [] };
  const options = { timeoutMs: 500, signal };
  const page = (body: string, headers: Record<string, string> = {}): HttpPort =>
    routes({ 'http://192.168.1.1/': { body, headers } });
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
    const router = await detectRouter(deps(page(body, headers)), input, options);
    expect(router.family).toBe(family);
  });

  it('reads the UPnP description at the gateway, its model, and the DNS servers it names', async () => {
    const asked: HttpRequest[] = [];
    const ssdp: SsdpPort = {
      search: (target) =>
        Promise.resolve([
          {
            from: target,
            location: `http://${target}:49000/igddesc.xml`,
            server: 'FRITZ!Box 7590 UPnP/1.0 AVM FRITZ!Box 7590 154.07.57',
            st: 'upnp:rootdevice',
          },
        ]),
    };
    const http = routes(
      {
        'http://192.168.1.1:49000/igddesc.xml': { body: FRITZ_DESCRIPTION },
        'POST http://192.168.1.1:49000/igdupnp/control/WANIPConn1': {
          body: '<s:Envelope><s:Body><u:X_AVM_DE_GetDNSServerResponse><NewIPv4DNSServer1>203.0.113.54</NewIPv4DNSServer1><NewIPv4DNSServer2>0.0.0.0</NewIPv4DNSServer2></u:X_AVM_DE_GetDNSServerResponse></s:Body></s:Envelope>',
        },
      },
      asked,
    );
    const router = await detectRouter(deps(http, { ssdp }), input, options);
    expect(router).toMatchObject({
      family: 'fritzbox',
      model: 'FRITZ!Box 7590',
      upstream: ['203.0.113.54'],
    });
    expect(router.evidence[0]?.source).toBe('upnp');
    // Read-only: GETs, and the one UPnP "Get" action; never credentials.
    for (const request of asked) {
      expect(new URL(request.url).hostname).toBe('192.168.1.1');
      expect(request.method === 'GET' || request.body?.includes('X_AVM_DE_GetDNSServer')).toBe(
        true,
      );
      expect(JSON.stringify(request.headers ?? {})).not.toMatch(/authorization/i);
    }
  });

  it('never follows a LOCATION that points away from the gateway', async () => {
    const asked: HttpRequest[] = [];
    const ssdp: SsdpPort = {
      search: () =>
        Promise.resolve([
          { from: '192.168.1.1', location: 'http://198.51.100.7/desc.xml', server: null, st: null },
        ]),
    };
    await detectRouter(deps(routes({}, asked), { ssdp }), input, options);
    expect(asked.every((request) => new URL(request.url).hostname === '192.168.1.1')).toBe(true);
  });

  it('recognises ISP boxes from their public status URLs, TIM before Technicolor', async () => {
    const homeware = {
      'http://192.168.1.1/login.lp?getSessionStatus=true': { body: '{"status":"alive"}' },
    };
    expect((await detectRouter(deps(routes(homeware)), input, options)).family).toBe('technicolor');
    const tim = routes({ ...homeware, 'http://192.168.1.1/': { body: '<title>TIM HUB</title>' } });
    expect((await detectRouter(deps(tim), input, options)).family).toBe('tim-hub');
    const vodafone = routes({
      'http://192.168.1.1/api/v1/login_conf': {
        body: JSON.stringify({ data: { ModelName: 'Vodafone Station Revolution' } }),
      },
    });
    expect(await detectRouter(deps(vodafone), input, options)).toMatchObject({
      family: 'vodafone-station',
      model: 'Vodafone Station Revolution',
    });
  });

  it('uses the local names the router answers and the maker of its network card', async () => {
    const resolver: ResolverPort = {
      resolve4: (name, server) =>
        Promise.resolve(
          name === 'fritz.box' && server.address === '192.168.1.1'
            ? { ok: true, addresses: ['192.168.1.1'] }
            : { ok: true, addresses: ['198.51.100.1'] },
        ),
    };
    const byName = await detectRouter(deps(routes({}), { resolver }), input, options);
    expect(byName.family).toBe('fritzbox');
    expect(byName.evidence[0]).toMatchObject({ source: 'local-name', detail: 'fritz.box' });
    const byMac = await detectRouter(
      deps(routes({}), { network: { gatewayMac: () => Promise.resolve('3c:a6:2f:01:02:03') } }),
      input,
      options,
    );
    expect(byMac.family).toBe('fritzbox');
  });

  it('lets the user correct it, keeping the clues', async () => {
    const router = await detectRouter(deps(page('<title>OpenWrt</title>')), input, options);
    const corrected = correctRouter(router, 'fritzbox');
    expect(corrected).toMatchObject({ family: 'fritzbox', model: null, localNames: ['fritz.box'] });
    expect(corrected.evidence[0]).toMatchObject({ source: 'user', family: 'fritzbox' });
    expect(corrected.evidence).toHaveLength(router.evidence.length + 1);
  });

  it('spots NextDNS from the resolver in use, and survives garbage', async () => {
    const nextDns = await detectRouter(
      deps(refused),
      { ...input, dnsServers: [{ address: '45.90.28.12', port: 53 }] },
      options,
    );
    expect(nextDns.family).toBe('nextdns');
    const garbage = await detectRouter(deps(page('<<<\u0000'.repeat(10_000))), input, options);
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
