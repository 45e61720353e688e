import { afterEach, describe, expect, it } from 'vitest';

import { startOdooDbSimulator, versionInfoFor } from './odoo-db-simulator';
import type { OdooDbSimulator } from './odoo-db-simulator';
import { httpCall, httpGet, postJson, rpc } from './sim-test-client';

describe('Odoo database simulator', () => {
  let db: OdooDbSimulator | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('maps branch names to version_info like release.py', () => {
    expect(versionInfoFor('17.0', true)).toEqual({
      server_version: '17.0+e',
      server_version_info: [17, 0, 0, 'final', 0, ''],
      server_serie: '17.0',
      protocol_version: 1,
    });
    expect(versionInfoFor('saas-18.3', true).server_version_info).toEqual([
      'saas~18',
      3,
      0,
      'final',
      0,
      '',
    ]);
    expect(versionInfoFor('saas-18.3', false).server_serie).toBe('saas~18.3');
    expect(versionInfoFor('19.0', false).server_version).toBe('19.0');
  });

  it('serves version_info over GET and JSON-RPC', async () => {
    db = await startOdooDbSimulator({ version: '19.0' });
    const viaGet = JSON.parse((await httpGet(`${db.url}/web/webclient/version_info`)).body) as {
      result: { server_serie: string };
    };
    expect(viaGet.result.server_serie).toBe('19.0');
    const viaPost = await rpc(`${db.url}/web/webclient/version_info`, {});
    expect(viaPost.json['result']).toMatchObject({ server_version: '19.0+e', protocol_version: 1 });
  });

  it('authenticates a session or returns the Access Denied error envelope', async () => {
    db = await startOdooDbSimulator({ dbName: 'prod' });
    const ok = await rpc(`${db.url}/web/session/authenticate`, {
      db: 'prod',
      login: 'admin',
      password: 'admin',
    });
    expect(ok.json['result']).toMatchObject({ uid: 2, is_admin: true, db: 'prod' });
    const bad = await rpc(`${db.url}/web/session/authenticate`, {
      db: 'prod',
      login: 'admin',
      password: 'nope',
    });
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: 200,
        message: 'Odoo Server Error',
        data: {
          name: 'odoo.exceptions.AccessDenied',
          debug: '',
          message: 'Access Denied',
          arguments: ['Access Denied'],
          context: {},
        },
      },
    });
  });

  it('reads the IoT parameters through /jsonrpc with a password or an API key', async () => {
    db = await startOdooDbSimulator({
      dbName: 'prod',
      uuid: 'uuid-x',
      enterpriseCode: 'M-X',
      expirationDate: '2030-01-01 00:00:00',
      neutralized: true,
      users: [
        { login: 'admin', password: 'pw', apiKeys: ['key-123'], admin: true },
        { login: 'clerk', password: 'pw2', admin: false },
      ],
    });
    const call = (service: string, method: string, args: unknown[]): ReturnType<typeof rpc> =>
      rpc(`${db?.url ?? ''}/jsonrpc`, { service, method, args });
    expect((await call('common', 'login', ['prod', 'admin', 'key-123'])).json['result']).toBe(2);
    expect((await call('common', 'login', ['prod', 'admin', 'wrong'])).json['result']).toBe(false);
    const read = async (key: string): Promise<unknown> =>
      (
        await call('object', 'execute_kw', [
          'prod',
          2,
          'key-123',
          'ir.config_parameter',
          'get_param',
          [key],
        ])
      ).json['result'];
    expect(await read('database.uuid')).toBe('uuid-x');
    expect(await read('database.enterprise_code')).toBe('M-X');
    expect(await read('database.expiration_date')).toBe('2030-01-01 00:00:00');
    expect(await read('database.is_neutralized')).toBe('True');
    const records = (
      await call('object', 'execute_kw', [
        'prod',
        2,
        'pw',
        'ir.config_parameter',
        'search_read',
        [[['key', 'in', ['database.uuid', 'database.enterprise_code']]]],
        { fields: ['key', 'value'] },
      ])
    ).json['result'];
    expect(records).toEqual([
      { id: 1, key: 'database.uuid', value: 'uuid-x' },
      { id: 2, key: 'database.enterprise_code', value: 'M-X' },
    ]);
    const denied = await call('object', 'execute_kw', [
      'prod',
      2,
      'wrong',
      'ir.config_parameter',
      'get_param',
      ['database.uuid'],
    ]);
    expect(denied.json['error']).toMatchObject({ data: { name: 'odoo.exceptions.AccessDenied' } });
    const forbidden = await call('object', 'execute_kw', [
      'prod',
      3,
      'pw2',
      'ir.config_parameter',
      'get_param',
      ['database.uuid'],
    ]);
    expect(forbidden.json['error']).toMatchObject({
      code: 200,
      data: {
        name: 'odoo.exceptions.AccessError',
      },
    });
    expect(JSON.stringify(forbidden.json)).toContain('(ir.config_parameter) records');
    expect(
      db.received.filter((request) => request.path === '/jsonrpc').length,
    ).toBeGreaterThanOrEqual(9);
  });

  it('returns False for unset parameters (no enterprise code)', async () => {
    db = await startOdooDbSimulator({ enterpriseCode: null });
    const result = await rpc(`${db.url}/jsonrpc`, {
      service: 'object',
      method: 'execute_kw',
      args: [
        db.dbName,
        2,
        'admin',
        'ir.config_parameter',
        'get_param',
        ['database.enterprise_code'],
      ],
    });
    expect(result.json['result']).toBe(false);
    expect(db.versionInfo.server_version).toBe('18.0');
  });

  it('19.0 answers JSON-2 like addons/rpc: bare JSON, real statuses, bearer keys only', async () => {
    db = await startOdooDbSimulator({
      version: '19.0',
      uuid: 'uuid-19',
      users: [{ login: 'admin', password: 'admin', admin: true, apiKeys: ['k-1234567890'] }],
    });
    const call = (key: string | null) =>
      httpCall(`${db?.url ?? ''}/json/2/ir.config_parameter/search_read`, {
        body: JSON.stringify({ domain: [['key', '=', 'database.uuid']], fields: ['key', 'value'] }),
        headers: {
          'Content-Type': 'application/json',
          ...(key === null ? {} : { Authorization: `bearer ${key}` }),
        },
      });
    const read = await call('k-1234567890');
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body)).toEqual([{ id: 1, key: 'database.uuid', value: 'uuid-19' }]);
    const wrong = await call('admin');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer');
    expect(JSON.parse(wrong.body)).toMatchObject({ message: 'Invalid apikey' });
    expect((await call(null)).status).toBe(401);
    // 18.0 has no JSON-2: werkzeug's 404 page.
    await db.close();
    db = await startOdooDbSimulator({ version: '18.0' });
    expect((await call('k-1234567890')).status).toBe(404);
  });

  it('a 2FA user stops at the second factor on the web login and cannot use the password elsewhere', async () => {
    db = await startOdooDbSimulator({
      users: [{ login: 'admin', password: 'pw', admin: true, totp: true }],
    });
    const web = await postJson(`${db.url}/web/session/authenticate`, {
      params: { db: 'lab', login: 'admin', password: 'pw' },
    });
    expect(JSON.parse(web.body)).toMatchObject({ result: { uid: null } });
    expect(web.headers['set-cookie']).toBeUndefined();
    const external = await rpc(`${db.url}/jsonrpc`, {
      service: 'common',
      method: 'authenticate',
      args: ['lab', 'admin', 'pw', {}],
    });
    expect(external.json['result']).toBe(false);
  });

  it('outside the Custom plan the external API answers 403, the web client routes still work', async () => {
    db = await startOdooDbSimulator({ plan: 'standard', version: '19.0' });
    const external = await postJson(`${db.url}/jsonrpc`, {
      params: { service: 'common', method: 'version', args: [] },
    });
    expect(external.status).toBe(403);
    const web = await rpc(`${db.url}/web/session/authenticate`, {
      db: 'lab',
      login: 'admin',
      password: 'admin',
    });
    expect(web.json['result']).toMatchObject({ uid: 2 });
    expect(db.openSessions).toBe(1);
  });
});
