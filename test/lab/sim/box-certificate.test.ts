import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startBoxSimulator } from './box-simulator';
import type { BoxSimulator, BoxSimulatorOptions } from './box-simulator';
import { createLabCa, TEMPORARY_CERTIFICATE_CN } from './lab-ca';
import { hashForDbUuid, startOdooComSimulator } from './odoo-com-simulator';
import type { OdooComSimulator } from './odoo-com-simulator';
import { httpGet, parseJsonBody, peerCertificate } from './sim-test-client';

const ca = createLabCa();
const DB_UUID = 'c0ffee00-0000-4000-8000-000000000001';
const HASH = hashForDbUuid(DB_UUID);
const CONNECTED = {
  serverUrl: 'https://shop.example.test',
  dbUuid: DB_UUID,
  enterpriseCode: 'M-ENT',
  token: 'tok',
} as const;

let com: OdooComSimulator;
beforeAll(async () => {
  com = await startOdooComSimulator({ ca });
});
afterAll(async () => {
  await com.close();
});

let box: BoxSimulator | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
  await com.setMode('issue');
});

async function start(
  generation: BoxSimulatorOptions['generation'],
  extra: Partial<BoxSimulatorOptions> = {},
): Promise<BoxSimulator> {
  box = await startBoxSimulator({
    generation,
    restartDowntimeMs: 100,
    delayScale: 0.01,
    httpsPort: 0,
    x509Url: com.x509Url,
    x509TimeoutMs: 300,
    checkCertificateAtStart: false,
    ...extra,
  });
  return box;
}

async function details(b: BoxSimulator): Promise<{ ok: unknown; details: unknown }> {
  const data = parseJsonBody(await httpGet(`${b.httpUrl}/hw_posbox_homepage/data`));
  return { ok: data['is_certificate_ok'], details: data['certificate_details'] };
}

describe('G1–G3 certificate outcomes (ERR_IOT_HTTPS_*)', () => {
  it('serves the temporary certificate before the first real one', async () => {
    const b = await start('g2');
    const peer = await peerCertificate('127.0.0.1', b.httpsPort ?? 0);
    expect(peer.subjectCn).toBe(TEMPORARY_CERTIFICATE_CN);
    expect(peer.issuerCn).toBe(TEMPORARY_CERTIFICATE_CN);
  });

  it('issue: /data loads a certificate for *.<hash>.odoo-iot.com that chains to the lab CA', async () => {
    const b = await start('g2', CONNECTED);
    const first = await details(b);
    expect(first.ok).toBe(true);
    expect(first.details).toMatch(
      new RegExp(
        `^Your certificate \\*\\.${HASH}\\.odoo-iot\\.com is valid until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$`,
      ),
    );
    // The reported date is notAfter minus the box's 10-day margin.
    const notAfter = b.state.certificate?.notAfter ?? new Date(0);
    expect(
      String(first.details).endsWith(
        new Date(notAfter.getTime() - 10 * 86_400_000).toISOString().slice(0, 19).replace('T', ' '),
      ),
    ).toBe(true);
    const peer = await peerCertificate('127.0.0.1', b.httpsPort ?? 0, {
      ca: ca.certPem,
      servername: `127-0-0-1.${HASH}.odoo-iot.com`,
    });
    expect(peer.subjectCn).toBe(`*.${HASH}.odoo-iot.com`);
    expect(peer.issuerCn).toBe('IoT Box Assistant Lab CA');
    expect(peer.authorized).toBe(true);
    expect(b.state.subject).toBe(`*.${HASH}.odoo-iot.com`);
    // What the box sent to odoo.com, byte for byte (Python json.dumps formatting).
    const sent = com.received.at(-1);
    expect(sent?.body).toBe(`{"params": {"db_uuid": "${DB_UUID}", "enterprise_code": "M-ENT"}}`);
    // G2/G3 run the odoo.conf-era helpers, which post with requests.
    expect(sent?.headers['user-agent']).toMatch(/^python-requests\//);
    // A second load does not ask again.
    const count = com.received.length;
    expect((await details(b)).ok).toBe(true);
    expect(com.received.length).toBe(count);
  });

  it.each(['refuse', 'refuse-error', 'refuse-result-error'] as const)(
    'G2/G3 (requests helpers): a %s answer raises, so /data answers HTTP 500 and the log has the traceback',
    async (mode) => {
      await com.setMode(mode);
      const b = await start('g3', CONNECTED);
      expect((await httpGet(`${b.httpUrl}/hw_posbox_homepage/data`)).status).toBe(500);
      expect(b.logs.join('\n')).toMatch(
        /Exception during request handling\.\nTraceback \(most recent call last\):\n(.|\n)*in load_certificate\n.*\n(KeyError|TypeError): /,
      );
      expect((await peerCertificate('127.0.0.1', b.httpsPort ?? 0)).subjectCn).toBe(
        TEMPORARY_CERTIFICATE_CN,
      );
    },
  );

  it('G1 (urllib3 helpers): a refusal is ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT on the homepage', async () => {
    await com.setMode('refuse');
    const b = await start('g1', CONNECTED);
    expect((await httpGet(`${b.httpUrl}/`)).body).toContain(
      '<code style="white-space: pre-wrap;">ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT</code>',
    );
    expect(b.state.lastCertificateError).toBe('ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT');
  });

  it.each([404, 500, 503])(
    'HTTP %i: G1 says LOAD_REQUEST_STATUS <status>\\n\\n<reason>; G2 says LOAD_REQUEST_EXCEPTION with the HTTPError text',
    async (status) => {
      await com.setMode({ status });
      const reason = { 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' }[
        status
      ];
      const old = await start('g1', CONNECTED);
      await httpGet(`${old.httpUrl}/`);
      expect(old.state.lastCertificateError).toBe(
        `ERR_IOT_HTTPS_LOAD_REQUEST_STATUS ${status}\n\n${reason}`,
      );
      await old.close();
      const b = await start('g2', CONNECTED);
      const { ok, details: text } = await details(b);
      expect(ok).toBe(false);
      expect(text).toBe(
        `ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION\n\n${status} ${status >= 500 ? 'Server' : 'Client'} Error: ${reason} for url: https://www.odoo.com/odoo-enterprise/iot/x509`,
      );
    },
  );

  it('unreachable → ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION with the exception text about www.odoo.com', async () => {
    await com.setMode('unreachable');
    const b = await start('g2', CONNECTED);
    const { details: text } = await details(b);
    expect(String(text)).toMatch(
      /^ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION\n\nHTTPSConnectionPool\(host='www\.odoo\.com', port=443\): Max retries exceeded .*Connection refused/s,
    );
  });

  it('no x509Url (no Internet) and a hanging odoo.com both end in REQUEST_EXCEPTION', async () => {
    const b = await start('g3', { ...CONNECTED, x509Url: undefined });
    expect(String((await details(b)).details)).toMatch(
      /^ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION\n\n.*www\.odoo\.com/s,
    );
    await b.close();
    await com.setMode('hang');
    const hanging = await start('g3', CONNECTED);
    const started = Date.now();
    expect(String((await details(hanging)).details)).toMatch(
      /^ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION\n\n.*Read timed out\. \(read timeout=0\.3\)$/s,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('no server → CHECK_NO_SERVER; no credential → LOAD_NO_CREDENTIAL; nothing sent to odoo.com', async () => {
    const before = com.received.length;
    const b = await start('g2', { dbUuid: DB_UUID, enterpriseCode: 'M-ENT' });
    expect(await details(b)).toEqual({ ok: false, details: 'ERR_IOT_HTTPS_CHECK_NO_SERVER' });
    await b.close();
    const noCode = await start('g3', { serverUrl: 'https://shop.example.test', dbUuid: DB_UUID });
    expect(await details(noCode)).toEqual({
      ok: false,
      details: 'ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL',
    });
    expect(com.received.length).toBe(before);
  });

  it('a certificate inside its 10-day window is refreshed; a readable valid one is not', async () => {
    const b = await start('g2', { ...CONNECTED, certificate: 'expiring', ca });
    const { ok } = await details(b);
    expect(ok).toBe(true);
    expect((b.state.certificate?.notAfter.getTime() ?? 0) - Date.now()).toBeGreaterThan(
      80 * 86_400_000,
    );
    await b.close();
    const count = com.received.length;
    const valid = await start('g3', {
      ...CONNECTED,
      certificate: 'valid',
      ca,
      certificateHash: HASH,
    });
    expect((await details(valid)).ok).toBe(true);
    expect(com.received.length).toBe(count);
  });

  it('a G2/G3 tree with the certificate refactor: no certificate fields, a request only at Odoo start', async () => {
    const b = await start('g3', { ...CONNECTED, certificateFields: false });
    const before = com.received.length;
    const data = parseJsonBody(await httpGet(`${b.httpUrl}/hw_posbox_homepage/data`));
    expect(data).not.toHaveProperty('is_certificate_ok');
    expect(data).not.toHaveProperty('certificate_details');
    expect(com.received.length).toBe(before);
    b.restart();
    await b.settled();
    expect(com.received.length).toBe(before + 1);
    expect(b.state.servedCertificate?.subjectCn).toBe(`*.${HASH}.odoo-iot.com`);
  });

  it('runs the check at Odoo start and after a restart (G1 homepage shows the code)', async () => {
    await com.setMode({ status: 404 });
    const b = await start('g1', { ...CONNECTED, checkCertificateAtStart: true });
    await b.settled();
    expect(b.state.lastCertificateError).toBe('ERR_IOT_HTTPS_LOAD_REQUEST_STATUS 404\n\nNot Found');
    await com.setMode('issue');
    b.restart();
    await b.settled();
    expect(b.state.lastCertificateError).toBeNull();
    expect(b.state.servedCertificate?.subjectCn).toBe(`*.${HASH}.odoo-iot.com`);
    const home = await httpGet(`${b.httpUrl}/`);
    expect(home.body).toContain('Your IoT Box is up and running');
    expect(home.body).toContain(`Your certificate *.${HASH}.odoo-iot.com is valid until`);
  });
});

describe('G4 certificate (certificate_end_date and log lines)', () => {
  const data = async (b: BoxSimulator): Promise<Record<string, unknown>> =>
    parseJsonBody(await httpGet(`${b.httpUrl}/iot_drivers/data`));

  it('certificate_end_date is null until the start check succeeds, then a date; /data sends nothing', async () => {
    const b = await start('g4', CONNECTED);
    const before = com.received.length;
    expect((await data(b))['certificate_end_date']).toBeNull();
    expect(com.received.length).toBe(before);
    b.restart();
    await b.settled();
    const end = (await data(b))['certificate_end_date'];
    expect(end).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(b.informedEndDates).toEqual([end]);
    expect((await peerCertificate('127.0.0.1', b.httpsPort ?? 0)).subjectCn).toBe(
      `*.${HASH}.odoo-iot.com`,
    );
    expect(com.received.at(-1)?.headers['user-agent']).toMatch(/^python-requests\//);
  });

  it.each([
    [
      'refuse-error',
      /Server error received from odoo\.com while trying to get the certificate: \{'code': 200, 'message': 'Odoo Server Error'/,
    ],
    [
      'refuse-result-error',
      /Error received from odoo\.com while trying to get the certificate: This database is not eligible/,
    ],
    ['empty-certificate', /The certificate received from odoo\.com is not valid\./],
    ['unreachable', /Maximum attempt to download the odoo\.com certificate reached/],
  ] as const)(
    '%s is logged with the box wording and leaves certificate_end_date null',
    async (mode, pattern) => {
      await com.setMode(mode);
      const b = await start('g4', { ...CONNECTED, checkCertificateAtStart: true });
      await b.settled();
      expect((await data(b))['certificate_end_date']).toBeNull();
      expect(b.logs.join('\n')).toMatch(pattern);
      const logs = parseJsonBody(await httpGet(`${b.httpUrl}/iot_drivers/iot_logs`));
      expect(String(logs['logs'])).toMatch(pattern);
    },
  );

  it('G4 tries 6 times (one warning each, then "Maximum attempt…"); a later attempt can succeed', async () => {
    await com.setMode({ status: 503 });
    const before = com.received.length;
    const b = await start('g4', { ...CONNECTED, checkCertificateAtStart: true });
    await b.settled();
    const warnings = b.logs.filter((line) =>
      line.includes(
        'WARNING ? odoo.addons.iot_drivers.tools.certificate: An error occurred while trying to reach odoo.com to get a new certificate: 503 Server Error: Service Unavailable',
      ),
    );
    expect(warnings).toHaveLength(6);
    const last = b.logs.findIndex((line) => line.includes('Maximum attempt to download'));
    expect(last).toBeGreaterThan(b.logs.indexOf(warnings.at(-1) ?? ''));
    expect(com.received.length - before).toBe(6);
    await b.close();
    await com.setMode({ status: 503, times: 2 });
    const retried = await start('g4', { ...CONNECTED, checkCertificateAtStart: true });
    await retried.settled();
    expect(retried.state.certificate?.subjectCn).toBe(`*.${HASH}.odoo-iot.com`);
    // The success line is DEBUG: nothing says "valid until" in the log.
    expect(retried.logs.join('\n')).not.toContain('is valid until');
  });

  it('skips everything without a server or in access-point mode', async () => {
    const before = com.received.length;
    const b = await start('g4', {
      dbUuid: DB_UUID,
      enterpriseCode: 'M',
      checkCertificateAtStart: true,
    });
    await b.settled();
    await b.close();
    const ap = await start('g4', {
      ...CONNECTED,
      accessPoint: true,
      checkCertificateAtStart: true,
    });
    await ap.settled();
    expect(com.received.length).toBe(before);
    expect((await data(ap))['is_access_point_up']).toBe(true);
  });

  it('Windows installs the file at once but nginx serves it only after the Odoo restart', async () => {
    const b = await start('g4', { ...CONNECTED, system: 'Windows', checkCertificateAtStart: true });
    await b.settled();
    expect(b.restarts).toBe(1);
    expect(b.state.servedCertificate?.subjectCn).toBe(`*.${HASH}.odoo-iot.com`);
    expect((await data(b))['certificate_end_date']).not.toBeNull();
  });
});
