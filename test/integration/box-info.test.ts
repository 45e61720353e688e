import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
import { startOdooComSimulator, type OdooComSimulator } from '../lab/sim/odoo-com-simulator';
import { startFaultProxy, type FaultProxy } from './box-fault-proxy';

// getInfo against the lab's real box simulator, for every generation (protocol doc §3).

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

async function startBox(options: BoxSimulatorOptions): Promise<BoxSimulator> {
  const box = await startBoxSimulator({ restartDowntimeMs: 50, delayScale: 0.01, ca, ...options });
  cleanups.push(() => box.close());
  await box.settled();
  return box;
}

async function startCom(
  mode: Parameters<typeof startOdooComSimulator>[0]['mode'],
): Promise<OdooComSimulator> {
  const com = await startOdooComSimulator({ ca, ...(mode === undefined ? {} : { mode }) });
  cleanups.push(() => com.close());
  return com;
}

const targetOf = (box: { host: string; port: number }): BoxTarget => ({
  host: box.host,
  port: box.port,
});
const paths = (box: BoxSimulator): string[] => box.received.map((request) => request.path);

const CONNECTED = {
  serverUrl: 'https://shop.example.test',
  token: 'tok123',
  dbUuid: '0b5d1c9e-3f7a-4c2e-9a61-2d8e5f4b7c30',
  enterpriseCode: 'M2407lab0001',
};

describe('getInfo: probe order and normalisation per generation', () => {
  it('G4: hello, /iot_drivers/ping, one /iot_drivers/data; valid certificate → ok with end date', async () => {
    const box = await startBox({
      generation: 'g4',
      certificate: 'valid',
      ...CONNECTED,
      pairingCode: '123456',
    });
    const before = box.received.length;
    const info = await client.getInfo(targetOf(box), signal);
    expect(paths(box).slice(before)).toEqual([
      '/hw_proxy/hello',
      '/iot_drivers/ping',
      '/iot_drivers/data',
    ]);
    expect(info).toEqual({
      ok: true,
      value: {
        address: { host: box.host, port: box.port },
        ip: '127.0.0.1',
        api: 'g4',
        name: null,
        identifier: expect.any(String) as string,
        mac: expect.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/) as string,
        version: 'L25.03',
        system: 'Linux',
        serverUrl: 'https://shop.example.test',
        pairingCode: '123456',
        accessPoint: false,
        accessPointSsid: null,
        dbUuidSet: true,
        enterpriseCodeSet: true,
        // 19.0 removed renaming (odoo/odoo#219589): its /data has no hostname.
        canRename: false,
        certificate: {
          state: 'ok',
          subject: null,
          notAfter: box.state.certificate?.notAfter.toISOString().replace(/\.\d{3}Z$/, '.000Z'),
        },
      },
    });
    // Secrets are never part of what getInfo returns.
    expect(JSON.stringify(info)).not.toContain(CONNECTED.enterpriseCode);
    expect(JSON.stringify(info)).not.toContain(CONNECTED.dbUuid);
  });

  it('G4 with the temporary certificate and no server → missing, nothing configured', async () => {
    const box = await startBox({ generation: 'g4', system: 'Windows' });
    const info = await client.getInfo(targetOf(box), signal);
    expect(info.ok && info.value).toMatchObject({
      api: 'g4',
      system: 'Windows',
      version: 'W23.11',
      serverUrl: null,
      pairingCode: null,
      dbUuidSet: false,
      enterpriseCodeSet: false,
      certificate: { state: 'missing' },
    });
  });

  it('G3: hello, both pings, ONE /hw_posbox_homepage/data; issued certificate → ok with subject and real end date', async () => {
    const com = await startCom('issue');
    const box = await startBox({
      generation: 'g3',
      x509Url: com.x509Url,
      ...CONNECTED,
      hostname: 'shop-box',
    });
    const before = box.received.length;
    const info = await client.getInfo(targetOf(box), signal);
    expect(paths(box).slice(before)).toEqual([
      '/hw_proxy/hello',
      '/iot_drivers/ping',
      '/hw_posbox_homepage/ping',
      '/hw_posbox_homepage/data',
    ]);
    const certificate = box.state.certificate;
    expect(certificate?.subjectCn).toMatch(/^\*\.[0-9a-f]{8}\.odoo-iot\.com$/);
    expect(info.ok && info.value).toMatchObject({
      api: 'g3',
      name: 'shop-box',
      serverUrl: 'https://shop.example.test',
      dbUuidSet: true,
      enterpriseCodeSet: true,
      certificate: {
        state: 'ok',
        subject: certificate?.subjectCn,
        // The box reports notAfter − 10 days, to the second; we add the 10 days back.
        notAfter: new Date(
          Math.floor((certificate?.notAfter.getTime() ?? 0) / 1000) * 1000,
        ).toISOString(),
      },
    });
  });

  it('G3 not connected → failed ERR_IOT_HTTPS_CHECK_NO_SERVER', async () => {
    const box = await startBox({ generation: 'g3' });
    const info = await client.getInfo(targetOf(box), signal);
    expect(info.ok && info.value).toMatchObject({
      api: 'g3',
      serverUrl: null,
      dbUuidSet: false,
      enterpriseCodeSet: false,
      certificate: {
        state: 'failed',
        code: 'ERR_IOT_HTTPS_CHECK_NO_SERVER',
        httpStatus: null,
        detail: null,
      },
    });
  });

  it.each(['g2', 'g3'] as const)(
    '%s: odoo.com refuses → /data answers HTTP 500 → refused, confirmed by the log, rest read elsewhere',
    async (generation) => {
      const com = await startCom('refuse');
      const box = await startBox({ generation, x509Url: com.x509Url, ...CONNECTED });
      const from = box.received.length;
      const info = await client.getInfo(targetOf(box), signal);
      expect(paths(box).slice(from)).toEqual([
        '/hw_proxy/hello',
        '/iot_drivers/ping',
        '/hw_posbox_homepage/ping',
        '/hw_posbox_homepage/data',
        '/status',
        '/hw_posbox_homepage/log_levels',
        '/hw_drivers/download_logs',
      ]);
      expect(info.ok && info.value).toMatchObject({
        api: generation,
        serverUrl: 'https://shop.example.test',
        certificate: {
          state: 'refused',
          confirmed: true,
          detail: "TypeError: 'bool' object is not subscriptable",
        },
      });
    },
  );

  it('G2: a 500 from /data whose log shows another failure stays a box error', async () => {
    const box = await startBox({ generation: 'g2', ...CONNECTED });
    const proxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    proxy.rules = [{ path: '/hw_posbox_homepage/data', reply: 'oops', status: 500 }];
    expect(await client.getInfo(targetOf(proxy), signal)).toMatchObject({
      ok: false,
      error: { code: 'box-error' },
    });
  });

  it('G2: odoo.com answers 503 → REQUEST_EXCEPTION carrying the HTTPError text (requests helpers)', async () => {
    const com = await startCom({ status: 503 });
    const box = await startBox({ generation: 'g2', x509Url: com.x509Url, ...CONNECTED });
    const info = await client.getInfo(targetOf(box), signal);
    expect(info.ok && info.value.certificate).toEqual({
      state: 'failed',
      code: 'ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION',
      httpStatus: null,
      detail:
        '503 Server Error: Service Unavailable for url: https://www.odoo.com/odoo-enterprise/iot/x509',
    });
  });

  it('G3 with the certificate refactor: no certificate fields → unknown, not a changed API', async () => {
    const box = await startBox({ generation: 'g3', ...CONNECTED, certificateFields: false });
    const info = await client.getInfo(targetOf(box), signal);
    expect(info.ok && info.value).toMatchObject({ api: 'g3', certificate: { state: 'unknown' } });
  });

  it('G2: odoo.com unreachable → LOAD_REQUEST_EXCEPTION with the exception text', async () => {
    const com = await startCom('unreachable');
    const box = await startBox({ generation: 'g2', x509Url: com.x509Url, ...CONNECTED });
    const info = await client.getInfo(targetOf(box), signal);
    const certificate = info.ok ? info.value.certificate : null;
    expect(certificate).toMatchObject({
      state: 'failed',
      code: 'ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION',
      httpStatus: null,
    });
    expect(certificate?.state === 'failed' && certificate.detail).toMatch(
      /Connection refused|Max retries/,
    );
  });

  it.each(['g1', 'g2', 'g3', 'g4'] as const)(
    '%s in access-point mode → accessPoint, no server',
    async (generation) => {
      const box = await startBox({ generation, host: '127.0.0.1', accessPoint: true });
      const info = await client.getInfo(targetOf(box), signal);
      expect(info.ok && info.value).toMatchObject({
        api: generation,
        accessPoint: true,
        serverUrl: null,
      });
    },
  );

  it('G4 on its access point: "ip": null (no route) is accepted, the access point is named', async () => {
    const box = await startBox({ generation: 'g4', host: '127.0.0.1', accessPoint: true });
    const data = (await fetch(`${box.httpUrl}/iot_drivers/data`).then((r) => r.json())) as {
      ip: unknown;
    };
    expect(data.ip).toBeNull();
    const info = await client.getInfo(targetOf(box), signal);
    expect(info.ok && info.value).toMatchObject({
      ip: '127.0.0.1',
      accessPoint: true,
    });
    expect(info.ok && info.value.accessPointSsid).toMatch(/^IoTBox-10000000[0-9a-f]{8}$/);
  });
});

describe('getInfo: faults', () => {
  it('nothing listening → box-unreachable', async () => {
    const box = await startBox({ generation: 'g4' });
    const target = targetOf(box);
    await box.close();
    const info = await client.getInfo(target, signal);
    expect(info).toMatchObject({ ok: false, error: { code: 'box-unreachable' } });
  });

  it('a web server that is not a box → box-not-odoo', async () => {
    const server: Server = createServer((_request, response) =>
      response.end('<html>router</html>'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const info = await client.getInfo(
      { host: '127.0.0.1', port: (server.address() as AddressInfo).port },
      signal,
    );
    expect(info).toMatchObject({ ok: false, error: { code: 'box-not-odoo' } });
  });

  it('G1 homepage with a changed layout → box-page-changed', async () => {
    const box = await startBox({ generation: 'g1', ...CONNECTED });
    const proxy: FaultProxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    proxy.rules = [
      { path: '/', rewrite: (html) => html.replaceAll('class="heading"', 'class="label"') },
    ];
    expect(await client.getInfo(targetOf(proxy), signal)).toMatchObject({
      ok: false,
      error: { code: 'box-page-changed' },
    });
    proxy.rules = [
      { path: '/', rewrite: (html) => html.replace('Your IoT Box is up and running', 'Welcome') },
    ];
    expect(await client.getInfo(targetOf(proxy), signal)).toMatchObject({
      ok: false,
      error: { code: 'box-page-changed' },
    });
  });

  it('G4 /data with an unexpected shape → box-unrecognised, not a crash', async () => {
    const box = await startBox({ generation: 'g4' });
    const proxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    proxy.rules = [{ path: '/iot_drivers/data', rewrite: () => '{"ip": 42}' }];
    expect(await client.getInfo(targetOf(proxy), signal)).toMatchObject({
      ok: false,
      error: { code: 'box-unrecognised' },
    });
    proxy.rules = [{ path: '/iot_drivers/data', rewrite: () => 'x'.repeat(600 * 1024) }];
    expect(await client.getInfo(targetOf(proxy), signal)).toMatchObject({
      ok: false,
      error: { code: 'box-unrecognised' },
    });
  });

  it('connection dropped while reading /data → box-connection-dropped', async () => {
    const box = await startBox({ generation: 'g3' });
    const proxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    proxy.rules = [{ path: '/hw_posbox_homepage/data', drop: 'after' }];
    expect(await client.getInfo(targetOf(proxy), signal)).toMatchObject({
      ok: false,
      error: { code: 'box-connection-dropped' },
    });
  });

  it('cancelled → cancelled', async () => {
    const box = await startBox({ generation: 'g4' });
    const controller = new AbortController();
    controller.abort();
    expect(await client.getInfo(targetOf(box), controller.signal)).toMatchObject({
      ok: false,
      error: { code: 'cancelled' },
    });
  });
});
