import { afterEach, describe, expect, it } from 'vitest';

import { startBoxSimulator } from './box-simulator';
import type { BoxSimulator, BoxSimulatorOptions } from './box-simulator';
import { httpCall, httpGet, parseJsonBody, postJson, rpc } from './sim-test-client';

const FAST = { restartDowntimeMs: 100, delayScale: 0.01 } as const;
const P = '/hw_posbox_homepage';

describe.each(['g2', 'g3'] as const)('%s box routes', (generation) => {
  const boxes: BoxSimulator[] = [];
  afterEach(async () => {
    await Promise.all(boxes.splice(0).map((box) => box.close()));
  });

  const start = async (extra: Partial<BoxSimulatorOptions> = {}): Promise<BoxSimulator> => {
    const box = await startBoxSimulator({ generation, ...FAST, ...extra });
    boxes.push(box);
    await box.settled();
    return box;
  };

  it('answers hello, ping and 404s for other generations', async () => {
    const b = await start();
    const hello = await httpGet(`${b.httpUrl}/hw_proxy/hello`);
    expect(hello.status).toBe(200);
    expect(hello.body).toBe('ping');
    const ping = await httpGet(`${b.httpUrl}${P}/ping`);
    expect(ping.body).toBe('{"status": "success", "message": "pong"}');
    expect(ping.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(ping.headers['access-control-allow-origin']).toBe('*');
    const g4 = await httpGet(`${b.httpUrl}/iot_drivers/ping`);
    expect(g4.status).toBe(404);
    expect(g4.body).toContain('<title>404 Not Found</title>');
    expect((await httpGet(`${b.httpUrl}/list_credential`)).status).toBe(404);
    expect((await httpGet(`${b.httpUrl}/`)).body).toContain("<title>Odoo's IoT Box</title>");
  });

  it('serves /data with exactly the fields of its generation', async () => {
    const b = await start({ dbUuid: 'u-1', enterpriseCode: 'M-1' });
    const data = parseJsonBody(await httpGet(`${b.httpUrl}${P}/data`));
    const common = [
      'db_uuid',
      'enterprise_code',
      'hostname',
      'ip',
      'mac',
      'server_status',
      'pairing_code',
      'six_terminal',
      'version',
      'system',
      'is_certificate_ok',
      'certificate_details',
    ];
    const specific =
      generation === 'g2'
        ? ['iot_device_status', 'network_status']
        : ['devices', 'is_access_point_up', 'network_interfaces'];
    expect(Object.keys(data).sort()).toEqual([...common, ...specific].sort());
    expect(data).toMatchObject({
      db_uuid: 'u-1',
      enterprise_code: 'M-1',
      hostname: 'iotbox',
      ip: '127.0.0.1',
      server_status: 'Not Configured',
      pairing_code: false,
      six_terminal: 'Not Configured',
      system: 'Linux',
      is_certificate_ok: false,
      certificate_details: 'ERR_IOT_HTTPS_CHECK_NO_SERVER',
    });
    expect(data['version']).toMatch(/^L\d/);
    if (generation === 'g2') {
      expect(data['network_status']).toBe('Ethernet');
    } else {
      expect(data['is_access_point_up']).toBe(false);
      expect(data['network_interfaces']).toEqual([
        { id: 'eth0', is_wifi: false, ssid: null, ip: '127.0.0.1' },
      ]);
    }
  });

  it('reports access-point mode', async () => {
    const b = await start({ accessPoint: true, serverUrl: 'https://db.example.test' });
    const data = parseJsonBody(await httpGet(`${b.httpUrl}${P}/data`));
    expect(data['ip']).toBe('10.11.12.1');
    expect(data['server_status']).toBe('Not Configured');
    expect(data['certificate_details']).toBe('ERR_IOT_HTTPS_CHECK_NO_SERVER');
    if (generation === 'g2') {
      expect(data['network_status']).toBe('Wifi access point');
    } else {
      expect(data['is_access_point_up']).toBe(true);
    }
  });

  it('has the generation-specific wifi shape and restart_iotbox only in G2', async () => {
    const b = await start();
    const wifi: unknown = JSON.parse((await httpGet(`${b.httpUrl}${P}/wifi`)).body);
    if (generation === 'g2') {
      expect(Array.isArray(wifi)).toBe(true);
      expect((await httpGet(`${b.httpUrl}${P}/restart_iotbox`)).status).toBe(200);
    } else {
      expect(wifi).toHaveProperty('currentWiFi', null);
      expect(wifi).toHaveProperty('availableWiFi', ['Lab-Wifi', 'Neighbour', 'Office']);
      expect((await httpGet(`${b.httpUrl}${P}/restart_iotbox`)).status).toBe(404);
      expect((await httpGet(`${b.httpUrl}${P}/version_info`)).status).toBe(200);
    }
  });

  it('accepts the envelope and bare params, and returns Odoo errors with HTTP 200', async () => {
    const b = await start();
    const bare = await rpc(
      `${b.httpUrl}${P}/save_credential`,
      { db_uuid: 'u-2', enterprise_code: 'M-2' },
      false,
    );
    expect(bare.json).toEqual({
      jsonrpc: '2.0',
      id: null,
      result: { status: 'success', message: 'Successfully saved credentials' },
    });
    await b.settled();
    expect(b.state.dbUuid).toBe('u-2');
    expect(b.state.enterpriseCode).toBe('M-2');

    const missing = await rpc(`${b.httpUrl}${P}/save_credential`, { db_uuid: 'only' });
    expect(missing.status).toBe(200);
    expect(missing.json['id']).toBe(7);
    expect(missing.json['error']).toMatchObject({
      code: 200,
      message: 'Odoo Server Error',
      data: {
        name: 'builtins.TypeError',
        message:
          "IotBoxOwlHomePage.save_credential() missing 1 required positional argument: 'enterprise_code'",
      },
    });
    await b.settled();
    expect(b.state.dbUuid).toBe('u-2');

    // A JSON route needs a JSON body and POST, like Odoo's dispatcher.
    expect(
      (
        await httpCall(`${b.httpUrl}${P}/save_credential`, {
          body: 'db_uuid=x',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(400);
    expect((await httpGet(`${b.httpUrl}${P}/save_credential`)).status).toBe(405);
    expect((await postJson(`${b.httpUrl}${P}/nope`, {})).status).toBe(404);
  });

  it('records every request byte for byte', async () => {
    const b = await start();
    const raw = '{"params": {"db_uuid": "é", "enterprise_code": "c"}}';
    await httpCall(`${b.httpUrl}${P}/save_credential?x=1`, {
      body: raw,
      headers: { 'Content-Type': 'application/json' },
    });
    const last = b.received.at(-1);
    expect(last?.body).toBe(raw);
    expect(last?.path).toBe(`${P}/save_credential`);
    expect(last?.query).toEqual({ x: '1' });
    expect(last?.method).toBe('POST');
    expect(last?.headers['content-type']).toBe('application/json');
  });

  it('connects with the pipe token and with the URL token, and validates like the box', async () => {
    const b = await start();
    const url = `${b.httpUrl}${P}/connect_to_server`;
    const ok = await rpc(url, { token: 'https://db.example.test|tok|uuid-9|M-9' });
    expect(ok.json['result']).toEqual({
      status: 'success',
      message: 'Successfully connected to db, IoT will restart to update the configuration.',
    });
    await b.settled();
    expect(b.state).toMatchObject({
      serverUrl: 'https://db.example.test',
      token: 'tok',
      dbUuid: 'uuid-9',
      enterpriseCode: 'M-9',
      dbName: null,
    });
    expect(b.restarts).toBe(1);

    const viaUrl = await rpc(url, {
      token: 'https://new.example.test:8443/odoo?token=t2&db_uuid=u2&enterprise_code=e2',
    });
    expect(viaUrl.json['result']).toMatchObject({ status: 'success' });
    await b.settled();
    expect(b.state).toMatchObject({
      serverUrl: 'https://new.example.test:8443',
      token: 't2',
      dbUuid: 'u2',
      enterpriseCode: 'e2',
    });

    for (const bad of [
      'ftp://db.example.test?token=a&db_uuid=b&enterprise_code=c',
      'db.example.test?token=a',
      'http://localhost:8069?token=a&db_uuid=b&enterprise_code=c',
      'https://|a|b|c',
    ]) {
      expect((await rpc(url, { token: bad })).json['result']).toEqual({
        status: 'failure',
        message: 'Invalid URL provided.',
      });
    }
    const writeFailed = {
      status: 'failure',
      message: 'Failed to write server configuration files on IoT. Please try again.',
    };
    expect(
      (
        await rpc(url, {
          token: 'https://x.example.test?token=a&db_uuid=b&enterprise_code=c&extra=1',
        })
      ).json['result'],
    ).toEqual(writeFailed);
    expect(
      (await rpc(url, { token: 'https://x.example.test?token=a&db_uuid=b' })).json['result'],
    ).toEqual(writeFailed);

    const withDbName = await rpc(url, {
      token: 'https://v19.example.test?token=a&db_uuid=b&enterprise_code=c&db_name=prod',
    });
    if (generation === 'g2') {
      expect(withDbName.json['result']).toEqual(writeFailed);
    } else {
      expect(withDbName.json['result']).toMatchObject({ status: 'success' });
      await b.settled();
      expect(b.state.dbName).toBe('prod');
    }
  });

  it('renames through iotname (rebooting before any answer) and clears server and credentials', async () => {
    const b = await start({
      serverUrl: 'https://db.example.test',
      dbUuid: 'u',
      enterpriseCode: 'e',
      token: 't',
    });
    // rename_iot.sh reboots before the route returns: the connection ends without an answer.
    await expect(
      rpc(`${b.httpUrl}${P}/connect_to_server`, { iotname: 'shop box#1' }),
    ).rejects.toThrow();
    await b.settled();
    expect(b.state.iotname).toBe('shopbox1');
    const cleared = parseJsonBody(await httpGet(`${b.httpUrl}${P}/clear_credential`));
    expect(cleared).toEqual({ status: 'success', message: 'Successfully cleared credentials' });
    await b.settled();
    expect(b.state.dbUuid).toBeNull();
    expect(b.state.serverUrl).toBe('https://db.example.test');
    expect(parseJsonBody(await httpGet(`${b.httpUrl}${P}/server_clear`))).toMatchObject({
      message: 'Successfully disconnected from server',
    });
    await b.settled();
    expect(b.state).toMatchObject({ serverUrl: null, token: null });
    const wifi = await rpc(`${b.httpUrl}${P}/update_wifi`, {
      essid: 'Lab-Wifi',
      password: 'pw',
      persistent: true,
    });
    expect(wifi.json['result']).toEqual({
      status: 'success',
      message: 'Connecting to Lab-Wifi',
      server: { url: `http://127.0.0.1:8069`, message: 'Redirect to IoT Box' },
    });
  });
});

describe('g3 trees that differ', () => {
  const boxes: BoxSimulator[] = [];
  afterEach(async () => {
    await Promise.all(boxes.splice(0).map((box) => box.close()));
  });

  it('with update_hostname, connect_to_server ignores iotname; without db_name, a v19 token fails to write', async () => {
    const b = await startBoxSimulator({
      generation: 'g3',
      ...FAST,
      updateHostname: true,
      acceptsDbName: false,
    });
    boxes.push(b);
    await b.settled();
    const connected = await rpc(`${b.httpUrl}${P}/connect_to_server`, { iotname: 'till-1' });
    expect(connected.json['result']).toMatchObject({ status: 'success' });
    await b.settled();
    expect(b.state.hostname).toBe('iotbox');
    await expect(rpc(`${b.httpUrl}${P}/update_hostname`, { hostname: 'till-1' })).rejects.toThrow();
    await b.settled();
    expect(b.state.hostname).toBe('till-1');
    const withDbName = await rpc(`${b.httpUrl}${P}/connect_to_server`, {
      token: 'https://db.example.test?token=t&db_uuid=u&enterprise_code=&db_name=shop',
    });
    expect(withDbName.json['result']).toEqual({
      status: 'failure',
      message: 'Failed to write server configuration files on IoT. Please try again.',
    });
  });
});
