import { get as httpsGet } from 'node:https';

import { afterEach, describe, expect, it } from 'vitest';

import { startBoxSimulator } from './box-simulator';
import type { BoxSimulator } from './box-simulator';
import { createLabCa } from './lab-ca';
import {
  connectionErrorCode,
  httpCall,
  httpGet,
  peerCertificate,
  rpc,
  waitFor,
} from './sim-test-client';

const DOWNTIME = 400;

describe('restart downtime', () => {
  let box: BoxSimulator | undefined;
  afterEach(async () => {
    await box?.close();
    box = undefined;
  });

  it('refuses connections while Odoo restarts, then answers on the same port', async () => {
    box = await startBoxSimulator({
      generation: 'g4',
      restartDowntimeMs: DOWNTIME,
      delayScale: 0.01,
      httpsPort: 0,
    });
    const b = box;
    await b.settled();
    const started = Date.now();
    const answer = await rpc(`${b.httpUrl}/iot_drivers/save_credential`, {
      db_uuid: 'u',
      enterprise_code: 'e',
    });
    expect(answer.json['result']).toMatchObject({ status: 'success' });
    await waitFor(() => b.state.restarting, 2000, 5);
    expect(await connectionErrorCode(`${b.httpUrl}/hw_proxy/hello`)).toBe('ECONNREFUSED');
    // nginx keeps the TLS port up and answers 502 while Odoo is down.
    const tls = await new Promise<number>((resolve, reject) => {
      httpsGet(
        `${b.httpsUrl ?? ''}/hw_proxy/hello`,
        { rejectUnauthorized: false, agent: false },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      ).on('error', reject);
    });
    expect(tls).toBe(502);
    await waitFor(
      async () => (await connectionErrorCode(`${b.httpUrl}/hw_proxy/hello`)) === null,
      5000,
      20,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(DOWNTIME - 50);
    expect((await httpGet(`${b.httpUrl}/hw_proxy/hello`)).body).toBe('ping');
    expect(b.restarts).toBe(1);
    expect(b.state.dbUuid).toBe('u');
  });

  it('G1 restarts after iot_restart_odoo_or_reboot and reboots take the TLS port down too', async () => {
    const ca = createLabCa();
    box = await startBoxSimulator({
      generation: 'g1',
      restartDowntimeMs: 150,
      rebootDowntimeMs: 300,
      delayScale: 0.01,
      httpsPort: 0,
      certificate: 'valid',
      ca,
      dbUuid: 'u',
    });
    const b = box;
    await b.settled();
    const restart = await httpCall(`${b.httpUrl}/iot_restart_odoo_or_reboot`, {
      body: JSON.stringify({ params: { action: 'restart_odoo' } }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(JSON.parse(restart.body)).toMatchObject({ result: 'success' });
    await b.settled();
    expect(b.restarts).toBe(1);

    await httpCall(`${b.httpUrl}/iot_restart_odoo_or_reboot`, {
      body: JSON.stringify({ params: { action: 'reboot_iot_box' } }),
      headers: { 'Content-Type': 'application/json' },
    });
    await waitFor(() => b.state.restarting, 2000, 5);
    const tlsError = await peerCertificate('127.0.0.1', b.httpsPort ?? 0).then(
      () => null,
      (error: unknown) => (error instanceof Error && 'code' in error ? error.code : 'x'),
    );
    expect(tlsError).toBe('ECONNREFUSED');
    await b.settled();
    expect(b.restarts).toBe(2);
    expect((await peerCertificate('127.0.0.1', b.httpsPort ?? 0)).subjectCn).toMatch(
      /odoo-iot\.com$/,
    );
  });

  it('close() during a restart leaves nothing listening', async () => {
    box = await startBoxSimulator({ generation: 'g2', restartDowntimeMs: 2000, delayScale: 0.01 });
    const b = box;
    b.restart();
    await waitFor(() => b.state.restarting, 2000, 5);
    await b.close();
    box = undefined;
    expect(await connectionErrorCode(`${b.httpUrl}/hw_proxy/hello`)).toBe('ECONNREFUSED');
  });
});
