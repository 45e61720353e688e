import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { runBuiltCli } from '../support/run-cli';
import { testCore } from '../support/test-ports';

// A box whose log quotes secrets in every form real logs print them (Python dict repr, JSON,
// `key: value`, `key=value`, ngrok arguments, URL userinfo), plus its own db_uuid and enterprise
// code with no label at all. Neither report file — HTML or JSON — may carry any of them, whether
// the report is made in-process (the app) or by `iotbox doctor` (its own process).

const BOX_DB_UUID = '5e0c2f4a-8d1b-4c3e-9f7a-6b2d1e0c9a88';
const BOX_CODE = 'M2405boxOwnCode77';
// A connection token pasted into the app (checked against the box, never sent): its secret parts.
const SENT_TOKEN = 'sentServerTok3n';
const SENT_CODE = 'M2409sentCode12';
// A Wi-Fi password the app sent to another box; this box's log quotes it with no label.
const SENT_WIFI = 'ShopWifiPhrase42';
// A loopback port nothing listens on: this computer's own odoo.com check must never leave it.
const NO_ODOO_COM = 'http://127.0.0.1:9/';

const PLANTED: readonly (readonly [string, string])[] = [
  [
    "connect_to_server: {'token': 'pyReprTok3n41', 'enterprise_code': 'M2406pyRepr01'}",
    'pyReprTok3n41',
  ],
  ['', 'M2406pyRepr01'],
  [
    'payload {"server_token": "jsonTok3nVal52", "db_uuid": "' + BOX_DB_UUID + '"}',
    'jsonTok3nVal52',
  ],
  ['tunnel config authtoken: 2yamlNgrokTok3n', '2yamlNgrokTok3n'],
  ['GET /enable_ngrok?auth_token=ngrokQueryTok9 HTTP/1.1', 'ngrokQueryTok9'],
  ["Popen(['ngrok', 'tcp', '--authtoken', 'ngrokArgTok3n8', '22'])", 'ngrokArgTok3n8'],
  ['wpa_supplicant: network={ ssid="Shop" psk="shop wifi phrase" }', 'shop wifi phrase'],
  ['wifi connect essid=Shop password=W1fiPassw0rd', 'W1fiPassw0rd'],
  ['sync to https://admin:userinfoPw55@shop.example.test/web', 'userinfoPw55'],
  ['odoo.conf [iot.box] secret = c0nfSecretVal', 'c0nfSecretVal'],
  // The box's own values, unlabelled: only knowing them as secrets removes them.
  [`contract ${BOX_CODE} accepted for database ${BOX_DB_UUID}`, BOX_CODE],
  ['', BOX_DB_UUID],
];
/** Only the process that handled the token knows it: the app, not a separate `iotbox doctor`. */
const SENT: readonly string[] = [SENT_TOKEN, SENT_CODE, SENT_WIFI];

let work: string;
let box: BoxSimulator;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'iotbox-report-secrets-'));
  box = await startBoxSimulator({
    generation: 'g2',
    port: 0,
    serverUrl: 'https://shop.example.test',
    dbUuid: BOX_DB_UUID,
    enterpriseCode: BOX_CODE,
    certificate: 'temporary',
    checkCertificateAtStart: false,
    restartDowntimeMs: 50,
    delayScale: 0.01,
  });
  for (const [line] of PLANTED) {
    if (line !== '') {
      box.log('INFO', 'odoo.addons.hw_drivers.tools.helpers', line);
    }
  }
  box.log(
    'ERROR',
    'odoo.addons.hw_drivers.connection_manager',
    `retry ${SENT_TOKEN} / ${SENT_CODE}`,
  );
  box.log('INFO', 'odoo.addons.hw_drivers.tools.wifi', `joining Shop-5G with ${SENT_WIFI}`);
});
afterAll(async () => {
  await box.close();
  await rm(work, { recursive: true, force: true });
});

function expectNoSecret(file: string, text: string, secrets: readonly string[]): void {
  // The report really carries the log, so an absent secret means it was removed, not skipped.
  expect(text, file).toContain('wpa_supplicant');
  expect(text, file).toContain('5e0c2f4a…');
  for (const secret of secrets) {
    expect(text, `${file} leaks ${secret}`).not.toContain(secret);
  }
}

const planted = PLANTED.map(([, secret]) => secret);

describe('diagnostics report: secrets planted in the box log', () => {
  it('in-process (the app): neither the HTML page nor the JSON document carries any', async () => {
    const signal = new AbortController().signal;
    const ref = `${box.host}:${box.port}`;
    // The user pasted a token into the wizard and checked it against this box (nothing sent).
    const { core, handlers } = testCore({}, { certificate: { odooComUrl: NO_ODOO_COM } });
    const checked = await handlers['box:check-token'](
      [{ box: ref, token: `https://shop.example.test|${SENT_TOKEN}|${BOX_DB_UUID}|${SENT_CODE}` }],
      { signal },
    );
    expect(checked.ok).toBe(true);
    // …and gave another box the shop's Wi-Fi.
    const wired = await startBoxSimulator({ generation: 'g4', port: 0, delayScale: 0.01 });
    try {
      const sent = await handlers['box:set-wifi'](
        [{ box: `${wired.host}:${wired.port}`, essid: 'Shop-5G', password: SENT_WIFI }],
        { signal },
      );
      expect(sent.ok).toBe(true);
    } finally {
      await wired.close();
    }
    expect((await handlers['report:create']([ref], { signal })).ok).toBe(true);
    const files = (await core.services.report()).files();
    if (files === null) throw new Error('no report');
    expectNoSecret('report.html', files.html, [...planted, ...SENT]);
    expectNoSecret('report.json', files.json, [...planted, ...SENT]);
  });

  it('iotbox doctor --report: neither written file carries any', async () => {
    const base = join(work, 'ticket');
    const run = await runBuiltCli([
      'doctor',
      `${box.host}:${box.port}`,
      '--report',
      base,
      '--doh',
      'off',
      '--odoo-com-url',
      NO_ODOO_COM,
    ]);
    expect(run.stderr).toContain('Report written');
    for (const file of [`${base}.html`, `${base}.json`]) {
      expectNoSecret(file, await readFile(file, 'utf8'), planted);
    }
    expect(run.stdout + run.stderr).not.toContain(BOX_CODE);
  });
});
