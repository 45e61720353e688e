import { afterEach, describe, expect, it } from 'vitest';

import { silentLog } from '../../electron/core/adapters/console-log';
import { createNodeHttp } from '../../electron/core/adapters/node-http';
import { systemClock } from '../../electron/core/adapters/system-clock';
import { createBoxClient } from '../../electron/core/box/box-client';
import type { BoxTarget } from '../../electron/core/box/box-target';
import {
  startBoxSimulator,
  type BoxSimulator,
  type BoxSimulatorOptions,
} from '../lab/sim/box-simulator';
import { createLabCa } from '../lab/sim/lab-ca';
import { startOdooComSimulator } from '../lab/sim/odoo-com-simulator';
import { startFaultProxy } from './box-fault-proxy';

// A G1 box serving Odoo's real jinja pages, both page sets (protocol doc §17 C1–C5): the box
// client reads them the way they are, quirks included.

const ca = createLabCa();
const client = createBoxClient({
  http: createNodeHttp(),
  log: silentLog,
  clock: systemClock,
  timeoutMs: 3_000,
});
const signal = new AbortController().signal;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function startBox(options: Partial<BoxSimulatorOptions>): Promise<BoxSimulator> {
  const box = await startBoxSimulator({
    generation: 'g1',
    restartDowntimeMs: 50,
    delayScale: 0.01,
    ca,
    ...options,
  });
  cleanups.push(() => box.close());
  await box.settled();
  return box;
}

const targetOf = (box: { host: string; port: number }): BoxTarget => ({
  host: box.host,
  port: box.port,
});
const pathsSince = (box: BoxSimulator, from: number): string[] =>
  box.received.slice(from).map((request) => request.path);

const CONNECTED = {
  serverUrl: 'https://shop.example.test',
  token: 'tok123',
  dbUuid: '0b5d1c9e-3f7a-4c2e-9a61-2d8e5f4b7c30',
  enterpriseCode: 'M2407lab0001',
};

describe('G1 classic homepage (views/homepage.html)', () => {
  it('reads every row and the credential inputs; a valid certificate is OK with its subject', async () => {
    const com = await startOdooComSimulator({ ca });
    cleanups.push(() => com.close());
    const box = await startBox({ x509Url: com.x509Url, ...CONNECTED, pairingCode: '654321' });
    const from = box.received.length;
    const info = await client.getInfo(targetOf(box), signal);
    expect(pathsSince(box, from)).toEqual([
      '/hw_proxy/hello',
      '/iot_drivers/ping',
      '/hw_posbox_homepage/ping',
      '/',
      '/list_credential',
    ]);
    expect(info.ok && info.value).toMatchObject({
      api: 'g1',
      name: 'iotbox',
      version: 'L23.11',
      system: 'Linux',
      ip: '127.0.0.1',
      mac: expect.stringMatching(/^2c:cf:67:/) as string,
      serverUrl: 'https://shop.example.test',
      pairingCode: '654321',
      accessPoint: false,
      dbUuidSet: true,
      enterpriseCodeSet: true,
      canRename: true,
      certificate: { state: 'ok', subject: box.state.certificate?.subjectCn },
    });
    expect(JSON.stringify(info)).not.toContain(CONNECTED.enterpriseCode);
  });

  it('an unconnected box links its Server row to "Not Configured": that is no server', async () => {
    const box = await startBox({});
    const html = await fetch(`${box.httpUrl}/`).then((response) => response.text());
    expect(html).toContain("<a href='Not Configured' target=_blank>Not Configured");
    const info = await client.getInfo(targetOf(box), signal);
    expect(info.ok && info.value).toMatchObject({
      serverUrl: null,
      dbUuidSet: false,
      enterpriseCodeSet: false,
      certificate: { state: 'failed', code: 'ERR_IOT_HTTPS_CHECK_NO_SERVER', detail: null },
    });
  });

  it('reads the error code and its exception text from the certificate row', async () => {
    const box = await startBox({ ...CONNECTED });
    const info = await client.getInfo(targetOf(box), signal);
    const certificate = info.ok ? info.value.certificate : null;
    expect(certificate).toMatchObject({
      state: 'failed',
      code: 'ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION',
    });
    expect(certificate?.state === 'failed' && certificate.detail).toMatch(
      /HTTPSConnectionPool\(host='www\.odoo\.com'/,
    );
  });

  it('a box without enterprise code: the empty input is read as "not set", not as a changed page', async () => {
    const box = await startBox({ serverUrl: CONNECTED.serverUrl, dbUuid: CONNECTED.dbUuid });
    const info = await client.getInfo(targetOf(box), signal);
    expect(info.ok && info.value).toMatchObject({ dbUuidSet: true, enterpriseCodeSet: false });
  });

  it('access-point mode: `/` answers 200 with a refresh to /steps; the name comes from /server', async () => {
    const box = await startBox({ accessPoint: true, hostname: 'shop-ap' });
    const home = await fetch(`${box.httpUrl}/`, { redirect: 'manual' });
    expect(home.status).toBe(200);
    expect(await home.text()).toBe(
      "<meta http-equiv='refresh' content='0; url=http://10.11.12.1:8069/steps'>",
    );
    const info = await client.getInfo(targetOf(box), signal);
    expect(info.ok && info.value).toMatchObject({
      api: 'g1',
      accessPoint: true,
      name: 'shop-ap',
      version: 'L23.11',
      serverUrl: null,
      certificate: { state: 'unknown' },
    });
  });
});

describe('G1 refactored pages (homepage.jinja2 + /technical)', () => {
  it('reads Name/Odoo Server from the homepage and the rest from /technical', async () => {
    const com = await startOdooComSimulator({ ca });
    cleanups.push(() => com.close());
    const box = await startBox({
      g1Pages: 'technical-jinja2',
      x509Url: com.x509Url,
      ...CONNECTED,
      hostname: 'shop-box',
    });
    const from = box.received.length;
    const info = await client.getInfo(targetOf(box), signal);
    expect(pathsSince(box, from)).toEqual([
      '/hw_proxy/hello',
      '/iot_drivers/ping',
      '/hw_posbox_homepage/ping',
      '/',
      '/technical',
      '/list_credential',
    ]);
    expect(info.ok && info.value).toMatchObject({
      api: 'g1',
      name: 'shop-box',
      version: 'L23.11',
      ip: '127.0.0.1',
      serverUrl: 'https://shop.example.test',
      dbUuidSet: true,
      enterpriseCodeSet: true,
      certificate: { state: 'ok', subject: box.state.certificate?.subjectCn },
    });
  });

  it('the later refactor labels the row "Odoo URL" (main.py id:17167291136): the same server', async () => {
    const box = await startBox({ g1Pages: 'technical-jinja2', ...CONNECTED });
    const proxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    proxy.rules = [{ path: '/', rewrite: (html) => html.replace('Odoo Server', 'Odoo URL') }];
    const info = await client.getInfo(targetOf(proxy), signal);
    expect(info.ok && info.value).toMatchObject({ serverUrl: 'https://shop.example.test' });
  });

  it('without a server at start, /list_credential is absent: credentials unknown, not "page changed"', async () => {
    const box = await startBox({ g1Pages: 'technical-jinja2' });
    const listed = await fetch(`${box.httpUrl}/list_credential`);
    expect(listed.status).toBe(404);
    const info = await client.getInfo(targetOf(box), signal);
    expect(info.ok && info.value).toMatchObject({
      serverUrl: null,
      dbUuidSet: null,
      enterpriseCodeSet: null,
      certificate: { state: 'failed', code: 'ERR_IOT_HTTPS_CHECK_NO_SERVER' },
    });
  });

  it('the Windows heading "Your Virtual IoT is up and running" is a G1 Windows box', async () => {
    const box = await startBox({ g1Pages: 'technical-jinja2', system: 'Windows' });
    const html = await fetch(`${box.httpUrl}/`).then((response) => response.text());
    expect(html).toContain('Your Virtual IoT is up and running');
    expect(html).not.toContain('IoT Box is up');
    const info = await client.getInfo(targetOf(box), signal);
    expect(info.ok && info.value).toMatchObject({
      api: 'g1',
      system: 'Windows',
      version: 'W23.11',
      canRename: false,
    });
  });

  it('access-point mode on the refactored pages still finds the MAC (on /technical)', async () => {
    const box = await startBox({ g1Pages: 'technical-jinja2', accessPoint: true });
    const info = await client.getInfo(targetOf(box), signal);
    expect(info.ok && info.value).toMatchObject({
      accessPoint: true,
      mac: expect.stringMatching(/^2c:cf:67:/) as string,
      identifier: expect.stringMatching(/^2c:cf:67:/) as string,
    });
  });
});

describe('G1 pages that really changed', () => {
  it('no "is up and running" heading, or no credential inputs → box-page-changed', async () => {
    const box = await startBox({ ...CONNECTED });
    const proxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    proxy.rules = [{ path: '/', rewrite: (html) => html.replace('is up and running', 'is ready') }];
    expect(await client.getInfo(targetOf(proxy), signal)).toMatchObject({
      ok: false,
      error: { code: 'box-page-changed', detail: 'homepage marker not found' },
    });
    proxy.rules = [
      {
        path: '/list_credential',
        rewrite: (html) => html.replaceAll('name="db_uuid"', 'name="x"'),
      },
    ];
    expect(await client.getInfo(targetOf(proxy), signal)).toMatchObject({
      ok: false,
      error: { code: 'box-page-changed', detail: '/list_credential inputs not found' },
    });
  });
});
