import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { createNodeHttp } from '../../electron/core/adapters/node-http';
import { systemClock } from '../../electron/core/adapters/system-clock';
import { createOdooClient } from '../../electron/core/odoo/odoo-client';
import type { LogPort } from '../../electron/core/ports';
import { startOdooDbSimulator, type OdooDbSimulatorOptions } from '../lab/sim/odoo-db-simulator';
import { forwardingHttp } from '../support/forward-http';

// Reading credentials from the lab's simulated Odoo database, one test per outcome.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const lines: string[] = [];
const log: LogPort = {
  debug: (m, f) => lines.push(m + JSON.stringify(f ?? {})),
  info: (m, f) => lines.push(m + JSON.stringify(f ?? {})),
  warn: (m, f) => lines.push(m + JSON.stringify(f ?? {})),
  error: (m, f) => lines.push(m + JSON.stringify(f ?? {})),
};
const client = createOdooClient({
  http: createNodeHttp(),
  log,
  clock: systemClock,
  timeoutMs: 3_000,
});
const signal = new AbortController().signal;
const UUID = '5f0e7a52-1c3d-11ef-9a2b-0242ac120002';

async function startDb(options: OdooDbSimulatorOptions = {}) {
  const db = await startOdooDbSimulator({
    uuid: UUID,
    users: [
      { login: 'admin', password: 'correct horse', admin: true, apiKeys: ['0123456789abcdef'] },
      { login: 'clerk', password: 'clerk-pw', admin: false },
    ],
    ...options,
  });
  cleanups.push(() => db.close());
  return db;
}

async function startServer(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('readCredentials', () => {
  it('an administrator reads uuid, enterprise code, version and expiry; no warnings', async () => {
    const db = await startDb({ expirationDate: '2099-12-31 00:00:00' });
    const read = await client.readCredentials(
      { url: `${db.url}/odoo/action-123`, login: 'admin', password: 'correct horse' },
      signal,
    );
    expect(read).toEqual({
      ok: true,
      value: {
        serverUrl: db.url,
        database: 'lab',
        serverVersion: '18.0+e',
        dbUuid: UUID,
        enterpriseCode: 'M2407lab0001',
        expirationDate: '2099-12-31 00:00:00',
        neutralized: false,
        warnings: [],
      },
    });
    expect(db.received.map((r) => r.path)).toEqual([
      '/web/webclient/version_info',
      '/web/database/list',
      '/jsonrpc',
      '/jsonrpc',
    ]);
    expect(lines.join('\n')).not.toContain('correct horse');
    expect(lines.join('\n')).not.toContain('M2407lab0001');
  });

  it('an API key works as the password', async () => {
    const db = await startDb();
    const read = await client.readCredentials(
      { url: db.url, login: 'admin', password: '0123456789abcdef' },
      signal,
    );
    expect(read.ok && read.value.dbUuid).toBe(UUID);
  });

  it('warns about a neutralized copy, an expired subscription and a missing code', async () => {
    const db = await startDb({
      neutralized: true,
      expirationDate: '2020-01-01 00:00:00',
      enterpriseCode: null,
    });
    const read = await client.readCredentials(
      { url: db.url, login: 'admin', password: 'correct horse' },
      signal,
    );
    expect(read.ok && read.value).toMatchObject({
      enterpriseCode: null,
      neutralized: true,
      serverVersion: '18.0',
      warnings: ['odoo-db-neutralized', 'odoo-subscription-expired', 'odoo-no-enterprise-code'],
    });
  });

  it('wrong password → odoo-login-failed', async () => {
    const db = await startDb();
    expect(
      await client.readCredentials({ url: db.url, login: 'admin', password: 'wrong' }, signal),
    ).toMatchObject({
      ok: false,
      error: { code: 'odoo-login-failed' },
    });
  });

  it('a user who is not an administrator → odoo-not-admin', async () => {
    const db = await startDb();
    expect(
      await client.readCredentials({ url: db.url, login: 'clerk', password: 'clerk-pw' }, signal),
    ).toMatchObject({
      ok: false,
      error: { code: 'odoo-not-admin' },
    });
  });

  it('nothing listening → odoo-unreachable', async () => {
    const db = await startDb();
    const url = db.url;
    await db.close();
    cleanups.pop();
    expect(
      await client.readCredentials({ url, login: 'admin', password: 'x' }, signal),
    ).toMatchObject({
      ok: false,
      error: { code: 'odoo-unreachable' },
    });
  });

  it('a web server that is not Odoo → odoo-not-odoo', async () => {
    const url = await startServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html><body>Welcome to nginx!</body></html>');
    });
    expect(
      await client.readCredentials({ url, login: 'admin', password: 'x' }, signal),
    ).toMatchObject({
      ok: false,
      error: { code: 'odoo-not-odoo' },
    });
  });

  it('a URL redirecting to a login page → odoo-redirect-login; the password is never sent', async () => {
    const bodies: string[] = [];
    const url = await startServer((request, response) => {
      request.on('data', (chunk: Buffer) => bodies.push(chunk.toString()));
      request.on('end', () => {
        response.writeHead(303, { Location: '/web/login?redirect=%2Fweb' });
        response.end();
      });
    });
    expect(
      await client.readCredentials({ url, login: 'admin', password: 'correct horse' }, signal),
    ).toMatchObject({
      ok: false,
      error: { code: 'odoo-redirect-login' },
    });
    expect(bodies.join('')).not.toContain('correct horse');
  });

  it('a URL redirecting to another host → odoo-redirect-other-host, not followed', async () => {
    const db = await startDb();
    const url = await startServer((_request, response) => {
      response.writeHead(301, {
        Location: `${db.url.replace('127.0.0.1', '127.0.0.2')}/web/webclient/version_info`,
      });
      response.end();
    });
    expect(
      await client.readCredentials({ url, login: 'admin', password: 'correct horse' }, signal),
    ).toMatchObject({
      ok: false,
      error: { code: 'odoo-redirect-other-host' },
    });
    expect(db.received).toEqual([]);
  });

  it('a server hiding its database list → odoo-database-unknown until the name is given', async () => {
    const db = await startDb();
    const url = await startServer((request, response) => {
      if (request.url === '/web/database/list') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(
          '{"jsonrpc": "2.0", "id": 1, "error": {"code": 200, "message": "Odoo Server Error", "data": {"name": "odoo.exceptions.AccessDenied", "message": "Access Denied"}}}',
        );
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void fetch(`${db.url}${request.url ?? '/'}`, {
          method: request.method ?? 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: Buffer.concat(chunks),
        }).then(async (answer) => {
          response.writeHead(answer.status, { 'Content-Type': 'application/json' });
          response.end(await answer.text());
        });
      });
    });
    expect(
      await client.readCredentials({ url, login: 'admin', password: 'correct horse' }, signal),
    ).toMatchObject({
      ok: false,
      error: { code: 'odoo-database-unknown' },
    });
    const named = await client.readCredentials(
      { url, login: 'admin', password: 'correct horse', database: 'lab' },
      signal,
    );
    expect(named.ok && named.value.dbUuid).toBe(UUID);
  });

  it.each(['', 'ftp://odoo.example', 'http://user:pw@odoo.example', 'http://'])(
    'invalid URL %j → odoo-url-invalid',
    async (url) => {
      expect(
        await client.readCredentials({ url, login: 'a', password: 'b' }, signal),
      ).toMatchObject({
        ok: false,
        error: { code: 'odoo-url-invalid' },
      });
    },
  );
});

describe('a password never crosses the network in clear text unannounced', () => {
  // The shop's database on the LAN at 192.168.77.50, reached through a port forward to the
  // simulator on loopback: the client sees a non-loopback http:// address.
  const LAN_DB = '192.168.77.50:8069';
  const lanClient = (db: { host: string; port: number }) =>
    createOdooClient({
      http: forwardingHttp(createNodeHttp(), { [LAN_DB]: `${db.host}:${db.port}` }),
      log,
      clock: systemClock,
      timeoutMs: 3_000,
    });

  it('plain http on the network: refused before the password is sent', async () => {
    const db = await startDb();
    const read = await lanClient(db).readCredentials(
      { url: `http://${LAN_DB}`, login: 'admin', password: 'correct horse' },
      signal,
    );
    expect(read).toEqual({
      ok: false,
      error: { code: 'odoo-password-unencrypted', detail: LAN_DB },
    });
    expect(db.received.map((r) => r.path)).toEqual([
      '/web/webclient/version_info',
      '/web/database/list',
    ]);
    expect(db.received.map((r) => r.body).join('\n')).not.toContain('correct horse');
  });

  it('sent once the user, warned, chooses to send it unencrypted', async () => {
    const db = await startDb();
    const read = await lanClient(db).readCredentials(
      {
        url: `http://${LAN_DB}`,
        login: 'admin',
        password: 'correct horse',
        allowUnencrypted: true,
      },
      signal,
    );
    expect(read.ok && read.value.dbUuid).toBe(UUID);
    expect(db.received.map((r) => r.body).join('\n')).toContain('correct horse');
  });

  it('plain http to this computer (loopback) needs no warning: it never leaves it', async () => {
    const db = await startDb();
    const read = await client.readCredentials(
      { url: db.url, login: 'admin', password: 'correct horse' },
      signal,
    );
    expect(db.url.startsWith('http://127.')).toBe(true);
    expect(read.ok).toBe(true);
  });
});
