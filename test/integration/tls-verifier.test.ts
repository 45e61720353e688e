import { createServer as createNetServer, type Server } from 'node:net';
import { createServer, type Server as TlsServer } from 'node:tls';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { nodeTls } from '../../electron/core/adapters/node-tls';
import type { LookupPort, LookupResult } from '../../electron/core/ports';
import { verifyBoxHttps } from '../../electron/core/tls/https-verifier';
import {
  createLabCa,
  issueSelfSigned,
  issueTemporaryCertificate,
  type CertificatePems,
  type LabCa,
} from '../lab/sim/lab-ca';

// Real TLS servers on 127.0.0.x serving lab certificates; the verifier trusts the lab CA the way
// the app trusts the system store. Name resolution is injected: nothing touches real DNS.

const HASH = 'c0ffee42';
let ca: LabCa;
const servers: (TlsServer | Server)[] = [];
const sockets = new Set<{ destroy(): void }>();

function track<T extends TlsServer | Server>(server: T): T {
  servers.push(server);
  server.on('connection', (socket: { destroy(): void; once(e: 'close', f: () => void): void }) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return server;
}

async function serve(ip: string, pems: CertificatePems): Promise<number> {
  const server = track(createServer({ cert: pems.chain, key: pems.key }, (socket) => socket.end()));
  await new Promise<void>((resolve) => server.listen(0, ip, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
}

function lookupTable(table: Record<string, LookupResult>): LookupPort & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lookup: (name) => {
      asked.push(name);
      return Promise.resolve(
        table[name] ?? { ok: false, code: 'ENOTFOUND', message: `${name} not in table` },
      );
    },
  };
}

const resolvesTo = (ip: string): LookupResult => ({ ok: true, addresses: [ip] });
const nameOf = (ip: string, hash = HASH) => `${ip.replace(/\./g, '-')}.${hash}.odoo-iot.com`;

async function check(
  ip: string,
  port: number,
  options: { name?: string; via?: 'name' | 'ip'; lookup?: LookupPort } = {},
) {
  return verifyBoxHttps(
    {
      ip,
      port,
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.via === undefined ? {} : { via: options.via }),
    },
    {
      lookup: options.lookup ?? lookupTable({ [nameOf(ip)]: resolvesTo(ip) }),
      tls: nodeTls,
      now: () => new Date(),
      extraCa: [ca.certPem],
      timeoutMs: 5_000,
    },
    new AbortController().signal,
  );
}

beforeAll(() => {
  ca = createLabCa();
});
afterAll(async () => {
  for (const socket of sockets) {
    socket.destroy();
  }
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

describe('verifyBoxHttps against real TLS servers', () => {
  it('accepts a good certificate and reports every detail', async () => {
    const good = ca.issueGood(HASH, 90);
    const port = await serve('127.0.0.31', good);
    const lookup = lookupTable({ [nameOf('127.0.0.31')]: resolvesTo('127.0.0.31') });
    const report = await check('127.0.0.31', port, { lookup });
    expect(report).toMatchObject({
      ok: true,
      problem: null,
      hostname: '127-0-0-31.c0ffee42.odoo-iot.com',
      via: 'name',
      address: '127.0.0.31',
      trusted: true,
      nameMatches: true,
      notExpired: true,
      expiresSoon: false,
      subject: `*.${HASH}.odoo-iot.com`,
      issuer: 'IoT Box Assistant Lab CA (IoT Box Assistant lab)',
      san: [`*.${HASH}.odoo-iot.com`, `${HASH}.odoo-iot.com`],
      notAfter: good.notAfter.toISOString(),
    });
    expect(report.daysLeft).toBeGreaterThanOrEqual(89);
    expect(report.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // The hash came from the served certificate, and the name was resolved like a browser does.
    expect(lookup.asked).toEqual(['127-0-0-31.c0ffee42.odoo-iot.com']);
  });

  it('uses the subject the box reports instead of reading it first', async () => {
    const port = await serve('127.0.0.32', ca.issueGood(HASH));
    const report = await check('127.0.0.32', port, { name: `*.${HASH}.odoo-iot.com` });
    expect(report.ok).toBe(true);
    expect(report.hostname).toBe(nameOf('127.0.0.32'));
  });

  it('flags a certificate inside the 10-day renewal window but still accepts it', async () => {
    const port = await serve('127.0.0.33', ca.issueExpiringWithin(HASH, 5));
    const report = await check('127.0.0.33', port);
    expect(report).toMatchObject({ ok: true, expiresSoon: true });
    expect(report.daysLeft).toBeLessThan(10);
  });

  it('reports expired', async () => {
    const port = await serve('127.0.0.34', ca.issueExpired(HASH));
    const report = await check('127.0.0.34', port);
    expect(report).toMatchObject({
      ok: false,
      problem: 'expired',
      notExpired: false,
      detail: 'CERT_HAS_EXPIRED',
    });
    expect(report.daysLeft).toBeLessThan(0);
  });

  it('reports a certificate for another name', async () => {
    // Signed by the trusted CA for the right odoo-iot hash but another one than the box's name.
    const port = await serve('127.0.0.35', ca.issueGood('0ther0ne'));
    const report = await check('127.0.0.35', port, {
      name: HASH,
      lookup: lookupTable({ [nameOf('127.0.0.35')]: resolvesTo('127.0.0.35') }),
    });
    expect(report).toMatchObject({ ok: false, problem: 'name-mismatch', nameMatches: false });
    expect(report.trusted).toBe(true);
  });

  it('reports a certificate that is no odoo-iot certificate at all as a name mismatch', async () => {
    const port = await serve('127.0.0.36', ca.issueForName('shop.example.test'));
    const report = await check('127.0.0.36', port);
    expect(report).toMatchObject({ ok: false, problem: 'name-mismatch', hostname: null });
    expect(report.subject).toBe('shop.example.test');
  });

  it('reports self-signed', async () => {
    const port = await serve('127.0.0.37', issueSelfSigned(`*.${HASH}.odoo-iot.com`));
    const report = await check('127.0.0.37', port);
    expect(report).toMatchObject({
      ok: false,
      problem: 'self-signed',
      trusted: false,
      detail: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('reports a certificate from an authority this computer does not trust', async () => {
    const other = createLabCa('Some Other CA');
    const port = await serve('127.0.0.38', other.issueGood(HASH));
    const report = await check('127.0.0.38', port);
    expect(report).toMatchObject({ ok: false, problem: 'untrusted', trusted: false });
    expect(report.issuer).toContain('Some Other CA');
  });

  it('reports the temporary placeholder before anything else', async () => {
    const port = await serve('127.0.0.39', issueTemporaryCertificate());
    const report = await check('127.0.0.39', port);
    expect(report).toMatchObject({
      ok: false,
      problem: 'temporary-certificate',
      subject: 'OdooTempIoTBoxCertificate',
      hostname: null,
    });
  });

  it('hands over to the DNS step when the name does not resolve, with the certificate facts', async () => {
    const good = ca.issueGood(HASH, 90);
    const port = await serve('127.0.0.40', good);
    const blocked = lookupTable({
      [nameOf('127.0.0.40')]: { ok: false, code: 'ENOTFOUND', message: 'blocked', errno: -3007 },
    });
    const report = await check('127.0.0.40', port, { lookup: blocked });
    expect(report).toMatchObject({
      ok: false,
      problem: 'name-does-not-resolve',
      hostname: nameOf('127.0.0.40'),
      via: 'name',
      nameResolved: false,
      detail: 'ENOTFOUND',
      // The certificate itself, checked at the box's own address with the name as SNI.
      address: '127.0.0.40',
      trusted: true,
      nameMatches: true,
      notExpired: true,
      notAfter: good.notAfter.toISOString(),
      issuer: 'IoT Box Assistant Lab CA (IoT Box Assistant lab)',
    });
    expect(report.daysLeft).toBeGreaterThan(80);
    expect(Date.parse(report.notBefore ?? '')).toBeLessThan(Date.now());
    expect(report.fingerprint256).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/);
    // …while the certificate itself is fine when checked by IP with the name as SNI.
    const byIp = await check('127.0.0.40', port, { via: 'ip', lookup: blocked });
    expect(byIp).toMatchObject({ ok: true, via: 'ip', address: '127.0.0.40' });
  });

  it('names a certificate problem before a name problem, and says the name failed too', async () => {
    const expired = ca.issueExpired(HASH);
    const port = await serve('127.0.0.44', expired);
    const blocked = lookupTable({});
    const report = await check('127.0.0.44', port, { lookup: blocked });
    expect(report).toMatchObject({
      ok: false,
      problem: 'expired',
      via: 'name',
      nameResolved: false,
      hostname: nameOf('127.0.0.44'),
      notExpired: false,
      notAfter: expired.notAfter.toISOString(),
    });
  });

  it('says the name resolved when it led to the box', async () => {
    const port = await serve('127.0.0.45', ca.issueGood(HASH));
    expect(await check('127.0.0.45', port)).toMatchObject({ ok: true, nameResolved: true });
    expect(await check('127.0.0.45', port, { via: 'ip' })).toMatchObject({
      ok: true,
      nameResolved: null,
    });
  });

  it('reports a closed port', async () => {
    // Take a free port and close it again: nothing listens there afterwards.
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.41', resolve));
    const address = probe.address();
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const port = typeof address === 'object' && address !== null ? address.port : 1;
    const report = await check('127.0.0.41', port);
    expect(report).toMatchObject({ ok: false, problem: 'port-closed' });
    expect(report.detail).toContain('ECONNREFUSED');
  });

  it('reports a port that speaks no TLS as a failed handshake, never hanging', async () => {
    const plain = createNetServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    track(plain);
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.42', resolve));
    const address = plain.address();
    const port = typeof address === 'object' && address !== null ? address.port : 1;
    const report = await check('127.0.0.42', port, { name: HASH });
    expect(report.ok).toBe(false);
    expect(['handshake-failed', 'port-closed']).toContain(report.problem);
  });

  it('stops when cancelled', async () => {
    const silent = createNetServer(() => undefined);
    track(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.43', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 1;
    const controller = new AbortController();
    const pending = verifyBoxHttps(
      { ip: '127.0.0.43', port },
      { lookup: lookupTable({}), tls: nodeTls, now: () => new Date(), timeoutMs: 60_000 },
      controller.signal,
    );
    controller.abort(new Error('user cancelled'));
    await expect(pending).rejects.toThrow('user cancelled');
  });
});
