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

describe('the plans, versions and accounts shops really have (§17 C18)', () => {
  const KEY = '0123456789abcdef';
  const paths = (db: { received: readonly { path: string }[] }) => db.received.map((r) => r.path);

  it('19.0 with an API key: JSON-2 with the key as bearer, no password API at all', async () => {
    const db = await startDb({ version: '19.0' });
    const read = await client.readCredentials(
      { url: db.url, login: 'admin', password: KEY, signInWith: 'api-key' },
      signal,
    );
    expect(read.ok && read.value).toMatchObject({ dbUuid: UUID, serverVersion: '19.0+e' });
    expect(paths(db)).toEqual([
      '/web/webclient/version_info',
      '/web/database/list',
      '/json/2/ir.config_parameter/search_read',
    ]);
    const call = db.received[2];
    expect(call?.headers['authorization']).toBe(`bearer ${KEY}`);
    expect(call?.headers['x-odoo-database']).toBe('lab');
    expect(JSON.parse(call?.body ?? '{}')).toEqual({
      domain: [['key', 'in', expect.arrayContaining(['database.uuid'])]],
      fields: ['key', 'value'],
    });
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('18.0 with an API key: the key goes in place of the password through /jsonrpc', async () => {
    const db = await startDb({ version: '18.0' });
    const read = await client.readCredentials(
      { url: db.url, login: 'admin', password: KEY, signInWith: 'api-key' },
      signal,
    );
    expect(read.ok && read.value.dbUuid).toBe(UUID);
    expect(paths(db)).not.toContain('/json/2/ir.config_parameter/search_read');
    expect(paths(db).filter((path) => path === '/jsonrpc')).toHaveLength(2);
  });

  it('19.0: a wrong API key → odoo-api-key-refused; a clerk’s key → odoo-not-admin', async () => {
    const db = await startDb({
      version: '19.0',
      users: [
        { login: 'admin', password: 'correct horse', admin: true, apiKeys: [KEY] },
        { login: 'clerk', password: 'clerk-pw', admin: false, apiKeys: ['fedcba9876543210'] },
      ],
    });
    expect(
      await client.readCredentials(
        { url: db.url, login: 'admin', password: 'not-a-key-0000', signInWith: 'api-key' },
        signal,
      ),
    ).toMatchObject({ ok: false, error: { code: 'odoo-api-key-refused' } });
    expect(
      await client.readCredentials(
        { url: db.url, login: 'clerk', password: 'fedcba9876543210', signInWith: 'api-key' },
        signal,
      ),
    ).toMatchObject({ ok: false, error: { code: 'odoo-not-admin' } });
  });

  it('18.0: a wrong API key → odoo-api-key-refused (no web login is tried with a key)', async () => {
    const db = await startDb({ version: '18.0' });
    expect(
      await client.readCredentials(
        { url: db.url, login: 'admin', password: 'not-a-key-0000', signInWith: 'api-key' },
        signal,
      ),
    ).toMatchObject({ ok: false, error: { code: 'odoo-api-key-refused' } });
    expect(paths(db)).not.toContain('/web/session/authenticate');
  });

  it('two-factor authentication: the password → odoo-2fa-enabled; an API key works', async () => {
    const db = await startDb({
      users: [
        { login: 'admin', password: 'correct horse', admin: true, totp: true, apiKeys: [KEY] },
      ],
    });
    expect(
      await client.readCredentials(
        { url: db.url, login: 'admin', password: 'correct horse' },
        signal,
      ),
    ).toMatchObject({ ok: false, error: { code: 'odoo-2fa-enabled' } });
    expect(db.openSessions).toBe(0);
    const withKey = await client.readCredentials(
      { url: db.url, login: 'admin', password: KEY, signInWith: 'api-key' },
      signal,
    );
    expect(withKey.ok && withKey.value.dbUuid).toBe(UUID);
  });

  it('a wrong password is still odoo-login-failed, told apart from 2FA by the web login', async () => {
    const db = await startDb({
      users: [{ login: 'admin', password: 'correct horse', admin: true, totp: true }],
    });
    expect(
      await client.readCredentials({ url: db.url, login: 'admin', password: 'nope' }, signal),
    ).toMatchObject({ ok: false, error: { code: 'odoo-login-failed' } });
    expect(paths(db)).toContain('/web/session/authenticate');
  });

  it.each(['standard', 'one-app-free'] as const)(
    'the %s plan refuses the external API (HTTP 403) → odoo-api-unavailable, password or key',
    async (plan) => {
      const db = await startDb({ version: '19.0', plan });
      expect(
        await client.readCredentials(
          { url: db.url, login: 'admin', password: 'correct horse' },
          signal,
        ),
      ).toMatchObject({ ok: false, error: { code: 'odoo-api-unavailable' } });
      expect(
        await client.readCredentials(
          { url: db.url, login: 'admin', password: KEY, signInWith: 'api-key' },
          signal,
        ),
      ).toMatchObject({ ok: false, error: { code: 'odoo-api-unavailable' } });
    },
  );

  it('a plan refusing every program’s login: the web login works → odoo-api-unavailable, and its session is closed again', async () => {
    const db = await startDb({ plan: 'standard', apiRefusal: 'access-denied' });
    expect(
      await client.readCredentials(
        { url: db.url, login: 'admin', password: 'correct horse' },
        signal,
      ),
    ).toMatchObject({ ok: false, error: { code: 'odoo-api-unavailable' } });
    expect(paths(db)).toEqual([
      '/web/webclient/version_info',
      '/web/database/list',
      '/jsonrpc',
      '/web/session/authenticate',
      '/web/session/destroy',
    ]);
    expect(db.openSessions).toBe(0);
  });

  it('a version without /jsonrpc any more → odoo-api-key-required for a password', async () => {
    const db = await startDb({ version: '22.0' });
    expect(
      await client.readCredentials(
        { url: db.url, login: 'admin', password: 'correct horse' },
        signal,
      ),
    ).toMatchObject({ ok: false, error: { code: 'odoo-api-key-required' } });
    const withKey = await client.readCredentials(
      { url: db.url, login: 'admin', password: KEY, signInWith: 'api-key' },
      signal,
    );
    expect(withKey.ok).toBe(true);
  });

  it('an Odoo Online account without a password of its own → odoo-online-no-password', async () => {
    const db = await startDb({
      users: [{ login: 'owner@shop.example', password: null, admin: true, apiKeys: [KEY] }],
    });
    // The shop's Odoo Online address, forwarded to the simulator on loopback.
    const online = createOdooClient({
      http: forwardingHttp(createNodeHttp(), { 'shop.odoo.com': `${db.host}:${db.port}` }),
      log,
      clock: systemClock,
      timeoutMs: 3_000,
    });
    expect(
      await online.readCredentials(
        {
          url: 'http://shop.odoo.com',
          login: 'owner@shop.example',
          password: 'whatever-they-typed',
          allowUnencrypted: true,
        },
        signal,
      ),
    ).toMatchObject({ ok: false, error: { code: 'odoo-online-no-password' } });
    // The same refusal on another host is an ordinary wrong password.
    expect(
      await client.readCredentials(
        { url: db.url, login: 'owner@shop.example', password: 'whatever-they-typed' },
        signal,
      ),
    ).toMatchObject({ ok: false, error: { code: 'odoo-login-failed' } });
  });
});
