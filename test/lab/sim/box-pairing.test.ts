import { afterEach, describe, expect, it } from 'vitest';

import { startBoxSimulator } from './box-simulator';
import type { BoxSimulator, BoxSimulatorOptions } from './box-simulator';
import {
  SAMPLE_DATABASE,
  startIotProxySimulator,
  unreachablePairingUrl,
} from './iot-proxy-simulator';
import type { IotProxySimulator } from './iot-proxy-simulator';
import { httpGet, parseJsonBody, waitFor } from './sim-test-client';

/*
 * The pairing code end to end on loopback: the simulated box registers with the pairing
 * service stand-in, polls on Odoo's schedule (shortened), and connects when a test claims the
 * code the way the database's IoT app does.
 */

const DATABASE = SAMPLE_DATABASE;
/** 14 + 1.01^n seconds × 0.01: the first pause is 150 ms. */
const POLL_SCALE = 0.01;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function startProxy(): Promise<IotProxySimulator> {
  const proxy = await startIotProxySimulator();
  cleanups.push(() => proxy.close());
  return proxy;
}

async function startBox(
  proxy: IotProxySimulator | string,
  extra: Partial<BoxSimulatorOptions> = {},
): Promise<BoxSimulator> {
  const box = await startBoxSimulator({
    generation: 'g4',
    restartDowntimeMs: 100,
    delayScale: 0.01,
    checkCertificateAtStart: false,
    iotProxyUrl: typeof proxy === 'string' ? proxy : proxy.connectBoxUrl,
    pairingPollScale: POLL_SCALE,
    ...extra,
  });
  cleanups.push(() => box.close());
  return box;
}

async function data(box: BoxSimulator, prefix = '/iot_drivers'): Promise<Record<string, unknown>> {
  return parseJsonBody(await httpGet(`${box.httpUrl}${prefix}/data`));
}

const polls = (proxy: IotProxySimulator) =>
  proxy.received.filter((request) => request.path === '/odoo-enterprise/iot/connect-box');

describe('pairing code (connection_manager.py) against the pairing service stand-in', () => {
  it('registers at start with its serial number, shows the code, then polls with it', async () => {
    const proxy = await startProxy();
    const box = await startBox(proxy);
    await waitFor(() => proxy.currentCode(box.identity.identifier) !== null);
    const code = proxy.currentCode(box.identity.identifier);
    await waitFor(async () => (await data(box))['pairing_code'] === code);
    expect(await data(box)).toMatchObject({
      pairing_code: code,
      pairing_code_expired: false,
      new_database_url: false,
      server_status: '',
    });
    await waitFor(() => polls(proxy).length >= 3);
    const bodies = polls(proxy).map((request) => JSON.parse(request.body) as unknown);
    expect(bodies[0]).toEqual({
      params: { pairing_code: false, pairing_uuid: false, serial_number: box.identity.identifier },
    });
    expect(bodies[1]).toMatchObject({
      params: { pairing_code: code, serial_number: box.identity.identifier },
    });
  });

  it("waits Odoo's growing pauses between polls: 14 + 1.01^n seconds, scaled", async () => {
    const proxy = await startProxy();
    await startBox(proxy);
    await waitFor(() => polls(proxy).length >= 5, 10_000);
    const times = polls(proxy).map((request) => request.receivedAt.getTime());
    // Registration and the first poll go out together; then one poll per pause.
    const pauses = times.slice(2).map((time, index) => time - (times[index + 1] ?? time));
    pauses.forEach((pause, n) => {
      expect(pause).toBeGreaterThanOrEqual(Math.floor((14 + 1.01 ** n) * 1000 * POLL_SCALE) - 5);
    });
  });

  it('a claimed code connects the box: saved, new_database_url, restart after 2 s, no more code', async () => {
    const proxy = await startProxy();
    const box = await startBox(proxy);
    await waitFor(() => proxy.currentCode(box.identity.identifier) !== null);
    const code = proxy.currentCode(box.identity.identifier) ?? '';
    expect(await proxy.claim(code, DATABASE)).toBe(true);
    await waitFor(() => box.state.serverUrl !== null, 5_000);
    expect(box.state).toMatchObject({
      serverUrl: DATABASE.url,
      token: DATABASE.token,
      dbUuid: DATABASE.dbUuid,
      enterpriseCode: DATABASE.enterpriseCode,
      pairing: { newDatabaseUrl: DATABASE.url },
    });
    await waitFor(() => box.restarts === 1, 5_000);
    await box.settled();
    expect(await data(box)).toMatchObject({
      server_status: DATABASE.url,
      pairing_code: false,
      new_database_url: false,
      pairing_code_expired: false,
    });
    // Connected: the new start does not register again.
    const before = polls(proxy).length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(polls(proxy)).toHaveLength(before);
  });

  it('an unknown code is refused on the database side and changes nothing', async () => {
    const proxy = await startProxy();
    const box = await startBox(proxy);
    await waitFor(() => proxy.currentCode(box.identity.identifier) !== null);
    expect(await proxy.claim('ZZZZZZ', DATABASE)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(box.state.serverUrl).toBeNull();
  });

  it('G4: an expired code is dropped and flagged; polling stops; a restart brings a new code', async () => {
    const proxy = await startProxy();
    const box = await startBox(proxy);
    await waitFor(() => proxy.currentCode(box.identity.identifier) !== null);
    const first = proxy.currentCode(box.identity.identifier);
    proxy.expireAll();
    await waitFor(async () => (await data(box))['pairing_code_expired'] === true, 5_000);
    expect(await data(box)).toMatchObject({ pairing_code: false, pairing_code_expired: true });
    const stopped = polls(proxy).length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(polls(proxy)).toHaveLength(stopped);

    expect((await httpGet(`${box.httpUrl}/iot_drivers/restart_odoo_service`)).status).toBe(200);
    await waitFor(() => box.restarts === 1, 5_000);
    await box.settled();
    await waitFor(async () => typeof (await data(box))['pairing_code'] === 'string', 5_000);
    const fresh = await data(box);
    expect(fresh['pairing_code']).not.toBe(first);
    expect(fresh['pairing_code_expired']).toBe(false);
  });

  it('G3 (hw_drivers): an expired code stays on show, with no expiry flag in /data', async () => {
    const proxy = await startProxy();
    const box = await startBox(proxy, { generation: 'g3' });
    await waitFor(() => proxy.currentCode(box.identity.identifier) !== null);
    const code = proxy.currentCode(box.identity.identifier);
    proxy.expireAll();
    await waitFor(() => box.state.pairing.expired, 5_000);
    const status = await data(box, '/hw_posbox_homepage');
    expect(status['pairing_code']).toBe(code);
    expect(status).not.toHaveProperty('pairing_code_expired');
  });

  it('G3: a claimed code connects, and a pending branch switch happens before the one restart', async () => {
    const proxy = await startProxy();
    const box = await startBox(proxy, {
      generation: 'g3',
      branchSwitch: { checkoutMs: 50, becomes: 'g4' },
    });
    await waitFor(() => proxy.currentCode(box.identity.identifier) !== null);
    await proxy.claim(proxy.currentCode(box.identity.identifier) ?? '', DATABASE);
    await waitFor(() => box.restarts === 1, 5_000);
    await box.settled();
    expect(box.generation).toBe('g4');
    expect(box.logs.join('\n')).toContain('Updating odoo folder to the branch saas-18.4');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(box.restarts).toBe(1);
  });

  it('in access-point mode the box does not register (no route to the Internet)', async () => {
    const proxy = await startProxy();
    const box = await startBox(proxy, { accessPoint: true });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(polls(proxy)).toEqual([]);
    expect((await data(box))['pairing_code']).toBe(false);
  });

  it('a pairing service it cannot reach: no code, and the failure in its log', async () => {
    const box = await startBox(await unreachablePairingUrl());
    await waitFor(() => box.logs.some((line) => line.includes('Could not reach iot-proxy')));
    expect(await data(box)).toMatchObject({ pairing_code: false, pairing_code_expired: false });
  });

  it('refuses a pairing service outside loopback and the lab subnets', async () => {
    await expect(
      startBoxSimulator({
        generation: 'g4',
        iotProxyUrl: 'https://iot-proxy.odoo.com/odoo-enterprise/iot/connect-box',
      }),
    ).rejects.toThrow(/loopback or a lab subnet/);
  });
});
