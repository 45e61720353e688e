import { afterEach, describe, expect, it } from 'vitest';

import { startBoxSimulator } from './box-simulator';
import type { BoxSimulator, BoxSimulatorOptions } from './box-simulator';
import { httpGet, parseJsonBody, postJson, rpc } from './sim-test-client';

const P = '/iot_drivers';
const G4_FIELDS = [
  'db_uuid',
  'enterprise_code',
  'ip',
  'identifier',
  'mac_address',
  'devices',
  'server_status',
  'pairing_code',
  'new_database_url',
  'pairing_code_expired',
  'six_terminal',
  'is_access_point_up',
  'network_interfaces',
  'version',
  'system',
  'odoo_uptime_seconds',
  'system_uptime_seconds',
  'certificate_end_date',
  'wifi_ssid',
  'qr_code_wifi',
  'qr_code_url',
];

describe('g4 box routes', () => {
  const boxes: BoxSimulator[] = [];
  afterEach(async () => {
    await Promise.all(boxes.splice(0).map((box) => box.close()));
  });
  const start = async (extra: Partial<BoxSimulatorOptions> = {}): Promise<BoxSimulator> => {
    const box = await startBoxSimulator({
      generation: 'g4',
      restartDowntimeMs: 100,
      delayScale: 0.01,
      ...extra,
    });
    boxes.push(box);
    await box.settled();
    return box;
  };

  it('answers hello and /iot_drivers/ping, 404 on /hw_posbox_homepage/*', async () => {
    const b = await start();
    expect((await httpGet(`${b.httpUrl}/hw_proxy/hello`)).body).toBe('ping');
    expect((await httpGet(`${b.httpUrl}${P}/ping`)).body).toBe(
      '{"status": "success", "message": "pong"}',
    );
    expect((await httpGet(`${b.httpUrl}/hw_posbox_homepage/ping`)).status).toBe(404);
    expect((await httpGet(`${b.httpUrl}/hw_posbox_homepage/data`)).status).toBe(404);
    expect((await httpGet(`${b.httpUrl}${P}/restart_iotbox`)).status).toBe(404);
  });

  it('serves the G4 /data fields, without hostname or certificate codes', async () => {
    const b = await start();
    const data = parseJsonBody(await httpGet(`${b.httpUrl}${P}/data`));
    expect(Object.keys(data)).toEqual(G4_FIELDS);
    expect(data).not.toHaveProperty('hostname');
    expect(data).not.toHaveProperty('certificate_details');
    expect(data).toMatchObject({
      server_status: '',
      certificate_end_date: null,
      system: 'Linux',
      db_uuid: null,
      pairing_code_expired: false,
    });
    expect(data['identifier']).toMatch(/^[0-9a-f]{16}$/);
    expect(data['mac_address']).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(typeof data['odoo_uptime_seconds']).toBe('number');
    // The temporary certificate is "no usable certificate"; that line is DEBUG (@371fe6a0).
    expect(b.logs.join('\n')).not.toContain('must be updated');
  });

  it('reports a valid certificate end date as str(not_valid_after)', async () => {
    const b = await start({ certificate: 'valid', dbUuid: 'u' });
    const data = parseJsonBody(await httpGet(`${b.httpUrl}${P}/data`));
    expect(data['certificate_end_date']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(data['certificate_end_date']).toBe(
      b.state.certificate?.notAfter.toISOString().slice(0, 19).replace('T', ' '),
    );
  });

  it('removes linux_only routes on Windows', async () => {
    const b = await start({ system: 'Windows' });
    for (const path of ['wifi', 'wifi_clear', 'version_info', 'is_ngrok_enabled']) {
      expect((await httpGet(`${b.httpUrl}${P}/${path}`)).status).toBe(404);
    }
    for (const path of ['generate_password', 'update_git_tree']) {
      expect((await postJson(`${b.httpUrl}${P}/${path}`, { params: {} })).status).toBe(404);
    }
    const data = parseJsonBody(await httpGet(`${b.httpUrl}${P}/data`));
    expect(data).toMatchObject({
      system: 'Windows',
      version: 'W23.11',
      is_access_point_up: false,
      network_interfaces: [],
      qr_code_wifi: null,
    });
    expect(data['identifier']).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-/);
  });

  it('keeps linux_only routes on Linux', async () => {
    const b = await start();
    expect(parseJsonBody(await httpGet(`${b.httpUrl}${P}/wifi`))).toMatchObject({
      currentWiFi: null,
    });
    expect((await rpc(`${b.httpUrl}${P}/generate_password`, {})).json['result']).toEqual({
      password: 'simulatedpw2',
    });
    expect(
      (await rpc(`${b.httpUrl}${P}/update_wifi`, { essid: 'fail-net', password: 'x' })).json[
        'result'
      ],
    ).toEqual({ status: 'error', message: 'Failed to connect to fail-net' });
  });

  it('connect_to_server takes token only; both formats; db_name accepted', async () => {
    const b = await start();
    const url = `${b.httpUrl}${P}/connect_to_server`;
    const missing = await rpc(url, { iotname: 'x' });
    expect(missing.json['error']).toMatchObject({
      code: 200,
      data: { name: 'builtins.TypeError' },
    });
    expect(
      (await rpc(url, { token: 'http://db.example.test:8069|t|u|e', iotname: 'ignored' })).json[
        'result'
      ],
    ).toMatchObject({ status: 'success' });
    await b.settled();
    expect(b.state).toMatchObject({
      serverUrl: 'http://db.example.test:8069',
      token: 't',
      hostname: 'iotbox',
    });
    expect(
      (
        await rpc(url, {
          token: 'https://v19.example.test?token=a&db_uuid=b&enterprise_code=c&db_name=prod',
        })
      ).json['result'],
    ).toMatchObject({ status: 'success' });
    await b.settled();
    expect(b.state).toMatchObject({ serverUrl: 'https://v19.example.test', dbName: 'prod' });
    const data = parseJsonBody(await httpGet(`${b.httpUrl}${P}/data`));
    expect(data['server_status']).toBe('https://v19.example.test');
    expect(
      (await rpc(url, { token: 'https://localhost?token=a&db_uuid=b&enterprise_code=c' })).json[
        'result'
      ],
    ).toEqual({ status: 'failure', message: 'Invalid URL provided.' });
  });

  it('serves its log lines at /iot_drivers/iot_logs', async () => {
    const b = await start();
    const logs = parseJsonBody(await httpGet(`${b.httpUrl}${P}/iot_logs`));
    expect(logs['status']).toBe('success');
    expect(String(logs['logs'])).toContain('HTTP service (werkzeug) running');
  });

  it('images that can still be renamed: hostname in /data and update_hostname, which reboots unanswered', async () => {
    const b = await start({ updateHostname: true, hostname: 'shop' });
    const data = parseJsonBody(await httpGet(`${b.httpUrl}${P}/data`));
    expect(data['hostname']).toBe('shop');
    const same = await rpc(`${b.httpUrl}${P}/update_hostname`, { hostname: 'shop' });
    expect(same.json['result']).toMatchObject({ status: 'failure' });
    await expect(rpc(`${b.httpUrl}${P}/update_hostname`, { hostname: 'till-1' })).rejects.toThrow();
    await b.settled();
    expect(b.state.hostname).toBe('till-1');
    const plain = await start();
    expect(parseJsonBody(await httpGet(`${plain.httpUrl}${P}/data`))).not.toHaveProperty(
      'hostname',
    );
    expect((await postJson(`${plain.httpUrl}${P}/update_hostname`, { params: {} })).status).toBe(
      404,
    );
  });
});
