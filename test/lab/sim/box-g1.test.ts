import { parse } from 'node-html-parser';
import { afterEach, describe, expect, it } from 'vitest';

import { startBoxSimulator } from './box-simulator';
import type { BoxSimulator, BoxSimulatorOptions } from './box-simulator';
import { httpCall, httpGet, postForm, rpc } from './sim-test-client';

describe('g1 (jinja) box routes', () => {
  let box: BoxSimulator | undefined;
  afterEach(async () => {
    await box?.close();
    box = undefined;
  });
  const start = async (extra: Partial<BoxSimulatorOptions> = {}): Promise<BoxSimulator> => {
    box = await startBoxSimulator({
      generation: 'g1',
      restartDowntimeMs: 100,
      delayScale: 0.01,
      ...extra,
    });
    await box.settled();
    return box;
  };

  it('answers hello, version, and 404 on the OWL and iot_drivers pings', async () => {
    const b = await start();
    expect((await httpGet(`${b.httpUrl}/hw_proxy/hello`)).body).toBe('ping');
    expect((await httpGet(`${b.httpUrl}/hw_proxy/get_version`)).body).toMatch(/^L\d+\.\d+$/);
    expect((await httpGet(`${b.httpUrl}/hw_posbox_homepage/ping`)).status).toBe(404);
    expect((await httpGet(`${b.httpUrl}/iot_drivers/ping`)).status).toBe(404);
    expect((await httpGet(`${b.httpUrl}/hw_posbox_homepage/data`)).status).toBe(404);
  });

  it('renders the homepage rows including the HTTPS certificate code', async () => {
    const b = await start({ hostname: 'shop-box' });
    const html = (await httpGet(`${b.httpUrl}/`)).body;
    expect(html).toContain('Your IoT Box is up and running');
    const root = parse(html);
    const rows = new Map(
      root.querySelectorAll('tr').map((row) => {
        const cells = row.querySelectorAll('td');
        return [cells[0]?.text.trim() ?? '', cells[1]?.text.trim() ?? ''] as const;
      }),
    );
    expect([...rows.keys()]).toEqual([
      'Name',
      'Version',
      'IP Address',
      'Mac Address',
      'Network',
      'Server',
      'HTTPS certificate',
      'IOT Device',
    ]);
    expect(rows.get('Name')).toMatch(/^shop-box/);
    expect(rows.get('IP Address')).toBe('127.0.0.1');
    expect(rows.get('Server')).toMatch(/^Not Configured/);
    expect(rows.get('HTTPS certificate')).toContain('ERR_IOT_HTTPS_CHECK_NO_SERVER');
    expect(root.querySelector('pre.certificate-details')?.text).toBe(
      'ERR_IOT_HTTPS_CHECK_NO_SERVER',
    );
  });

  it('saves and clears credentials from query or form fields, with a meta refresh and a restart', async () => {
    const b = await start();
    const saved = await postForm(`${b.httpUrl}/save_credential`, {
      db_uuid: 'u-1',
      enterprise_code: 'M-1',
    });
    expect(saved.body).toBe("<meta http-equiv='refresh' content='20; url=http://127.0.0.1:8069'>");
    await b.settled();
    expect(b.state).toMatchObject({ dbUuid: 'u-1', enterpriseCode: 'M-1' });
    expect(b.restarts).toBe(1);
    const list = await httpGet(`${b.httpUrl}/list_credential`);
    expect(list.body).toContain('u-1');
    await httpGet(`${b.httpUrl}/clear_credential`);
    await b.settled();
    expect(b.state.dbUuid).toBeNull();
    await httpGet(`${b.httpUrl}/save_credential?db_uuid=q-1&enterprise_code=q-2`);
    await b.settled();
    expect(b.state.dbUuid).toBe('q-1');
    expect((await postForm(`${b.httpUrl}/save_credential`, { db_uuid: 'only' })).status).toBe(500);
  });

  it('server_connect accepts the pipe token only and answers the box URL', async () => {
    const b = await start();
    const ok = await postForm(`${b.httpUrl}/server_connect`, {
      token: 'https://db.example.test|t|u|e',
      iotname: 'iotbox',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('http://127.0.0.1:8069');
    await b.settled();
    expect(b.state).toMatchObject({
      serverUrl: 'https://db.example.test',
      token: 't',
      dbUuid: 'u',
      enterpriseCode: 'e',
    });
    const short = await postForm(`${b.httpUrl}/server_connect`, {
      token: 'https://db.example.test?token=a&db_uuid=b&enterprise_code=c',
      iotname: '',
    });
    expect(short.status).toBe(500);
    expect((await postForm(`${b.httpUrl}/server_connect`, { token: 'a|b|c|d' })).status).toBe(500);
    await postForm(`${b.httpUrl}/server_clear`, {});
    expect(b.state.serverUrl).toBeNull();
  });

  it('wifi routes and the JSON-RPC restart route', async () => {
    const b = await start();
    expect((await httpGet(`${b.httpUrl}/wifi`)).body).toContain('Lab-Wifi');
    const connect = await postForm(`${b.httpUrl}/wifi_connect`, {
      essid: 'Lab-Wifi',
      password: 'pw',
    });
    expect(connect.body).toBe(
      '{"message": "Connecting to Lab-Wifi", "server": {"url": "http://127.0.0.1:8069", "message": "Redirect to IoT Box"}}',
    );
    expect((await httpCall(`${b.httpUrl}/wifi_clear`)).status).toBe(200);
    expect(b.state.wifiSsid).toBeNull();
    const missing = await rpc(`${b.httpUrl}/iot_restart_odoo_or_reboot`, {});
    expect(missing.json['error']).toMatchObject({ code: 200, message: 'Odoo Server Error' });
  });

  it('redirects to the setup steps in access-point mode without configuration', async () => {
    const b = await start({ accessPoint: true });
    const home = await httpGet(`${b.httpUrl}/`);
    expect(home.status).toBe(302);
    expect(home.headers['location']).toBe('/steps');
  });
});
