import { parse } from 'node-html-parser';
import { afterEach, describe, expect, it } from 'vitest';

import { findAll, ownTextOf, parseHtml, textOf } from '../../../electron/core/box/html-tree';
import { startBoxSimulator } from './box-simulator';
import type { BoxSimulator, BoxSimulatorOptions } from './box-simulator';
import { httpCall, httpGet, postForm, rpc } from './sim-test-client';

describe('g1 (jinja) box routes', () => {
  const boxes: BoxSimulator[] = [];
  afterEach(async () => {
    await Promise.all(boxes.splice(0).map((box) => box.close()));
  });
  const start = async (extra: Partial<BoxSimulatorOptions> = {}): Promise<BoxSimulator> => {
    const box = await startBoxSimulator({
      generation: 'g1',
      restartDowntimeMs: 100,
      delayScale: 0.01,
      ...extra,
    });
    boxes.push(box);
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

  it("renders the classic homepage rows with the template's quirks (views/homepage.html)", async () => {
    const b = await start({ hostname: 'shop-box' });
    const html = (await httpGet(`${b.httpUrl}/`)).body;
    const root = parse(html);
    expect(root.querySelector('h2.text-green')?.text).toBe('Your IoT Box is up and running');
    const labels = root.querySelectorAll('td.heading').map((cell) => cell.text.trim());
    expect(labels).toEqual([
      'Name',
      'Version',
      'IP Address',
      'Mac Address',
      'Network',
      'Server',
      'HTTPS certificate',
      'IOT Device',
    ]);
    // The IP cell closes an anchor it never opened; the Server cell never closes its link, and
    // links "Not Configured" when there is no server.
    expect(html).toContain('<td>127.0.0.1</a></td>');
    expect(html).toContain(
      "<td><a href='Not Configured' target=_blank>Not Configured<a class=\"btn btn-sm float-end\" href='/server'>configure</a></td>",
    );
    expect(html).toContain('<td> shop-box <a class="btn btn-sm float-right"');
    // An error: "Error code:", a help link and the code in a <code>; the row is a warning.
    expect(html).toMatch(
      /<tr class="warn-tr">\s*<td class="heading">HTTPS certificate<\/td>\s*<td>\s*Error code:\s*<a target="_blank" class="btn btn-sm float-end" href="[^"]+#err-iot-https-check-no-server">help<\/a>\s*<br\/>\s*<code style="white-space: pre-wrap;">ERR_IOT_HTTPS_CHECK_NO_SERVER<\/code>/,
    );
    // No server: no Six row and no Credential button.
    expect(html).not.toContain('Six payment terminal');
    expect(html).not.toContain("href='/list_credential'");
  });

  it('shows a valid certificate as details/summary OK with the message in <code>', async () => {
    const b = await start({
      certificate: 'valid',
      serverUrl: 'https://db.example.test',
      dbUuid: 'u',
      enterpriseCode: 'e',
      pairingCode: '123456',
    });
    const html = (await httpGet(`${b.httpUrl}/`)).body;
    expect(html).toMatch(
      /<tr class="">\s*<td class="heading">HTTPS certificate<\/td>\s*<td>\s*<details>\s*<summary>OK<\/summary>\s*<code>Your certificate \*\.[0-9a-f]{8}\.odoo-iot\.com is valid until \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}<\/code>/,
    );
    expect(html).toContain(
      "<a href='https://db.example.test' target=_blank>https://db.example.test<a",
    );
    expect(html).toContain('<td class="heading">Six payment terminal</td>');
    expect(html).toContain('<td class="heading">Pairing code</td>');
    expect(html).toContain("href='/list_credential'>Credential</a>");
  });

  it('lists credentials as form inputs labelled "DB uuid" and "Contract Number"', async () => {
    const b = await start({ dbUuid: 'u-1', enterpriseCode: 'M-1' });
    const root = parse((await httpGet(`${b.httpUrl}/list_credential`)).body);
    expect(root.querySelector('input[name="db_uuid"]')?.getAttribute('value')).toBe('u-1');
    expect(root.querySelector('input[name="enterprise_code"]')?.getAttribute('value')).toBe('M-1');
    const labels = root.querySelectorAll('form td').map((cell) => cell.text.trim());
    expect(labels).toContain('DB uuid');
    expect(labels).toContain('Contract Number');
    expect(root.querySelectorAll('p.font-small strong').map((strong) => strong.text)).toEqual([
      'u-1',
      'M-1',
    ]);
  });

  it('the refactored pages: th rows, /technical, and /list_credential only when connected at start', async () => {
    const b = await start({ g1Pages: 'technical-jinja2', system: 'Windows' });
    // Read as a browser builds the tree: these pages leave tags open.
    const home = parseHtml((await httpGet(`${b.httpUrl}/`)).body);
    expect(findAll(home, (element) => element.tagName === 'h2').map(textOf)).toEqual([
      'Your Virtual IoT is up and running',
    ]);
    const labels = (root: ReturnType<typeof parseHtml>): string[] =>
      findAll(root, (element) => element.tagName === 'th').map(ownTextOf);
    expect(labels(home)).toEqual(['Name', 'Odoo Server', 'Devices']);
    expect((await httpGet(`${b.httpUrl}/`)).body).toContain('<i>Not Configured<i>');
    const technical = (await httpGet(`${b.httpUrl}/technical`)).body;
    expect(labels(parseHtml(technical))).toEqual([
      'Version',
      'IP Address',
      'MAC Address',
      'Network Type',
      'HTTPS Certificate',
    ]);
    expect(technical).toContain('<small><code>ERR_IOT_HTTPS_CHECK_NO_SERVER</small></code>');
    // Network Configuration (technicals/wifi.py) is a Linux-only menu: absent on Windows.
    expect((await httpGet(`${b.httpUrl}/wifi`)).status).toBe(404);
    expect((await postForm(`${b.httpUrl}/wifi_connect`, { essid: 'x', password: '' })).status).toBe(
      404,
    );
    expect((await httpGet(`${b.httpUrl}/list_credential`)).status).toBe(404);
    expect(
      (await postForm(`${b.httpUrl}/save_credential`, { db_uuid: 'u', enterprise_code: '' }))
        .status,
    ).toBe(404);
    // Connected, then restarted: the Credentials menu and its routes exist.
    await postForm(`${b.httpUrl}/server_connect`, {
      token: 'https://db.example.test|t|u|e',
      iotname: '',
    });
    await b.settled();
    expect((await httpGet(`${b.httpUrl}/list_credential`)).status).toBe(200);
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

  it('answers 200 with a meta refresh to /steps while the access point is up', async () => {
    const b = await start({ accessPoint: true });
    const home = await httpGet(`${b.httpUrl}/`);
    expect(home.status).toBe(200);
    expect(home.headers['location']).toBeUndefined();
    expect(home.body).toBe(
      "<meta http-equiv='refresh' content='0; url=http://10.11.12.1:8069/steps'>",
    );
  });

  it('drops the reply when renaming reboots the box, or when a Wi-Fi change ends its access point', async () => {
    const b = await start();
    await expect(
      postForm(`${b.httpUrl}/server_connect`, { token: '', iotname: 'new-name' }),
    ).rejects.toThrow();
    await b.settled();
    expect(b.state.hostname).toBe('new-name');
    const ap = await start({ accessPoint: true });
    await expect(
      postForm(`${ap.httpUrl}/wifi_connect`, { essid: 'Shop', password: 'pw' }),
    ).rejects.toThrow();
    expect(ap.state).toMatchObject({ accessPoint: false, wifiSsid: 'Shop' });
  });
});
