import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LookupPort } from '../../electron/core/ports';
import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { createLabCa, type LabCa } from '../lab/sim/lab-ca';
import {
  startOdooComSimulator,
  type OdooComMode,
  type OdooComSimulator,
} from '../lab/sim/odoo-com-simulator';
import { startPreview, type Preview } from '../preview/start-preview';
import { launchChromium, openPage, screenshot } from './support/browser';

// The "Secure connection" step in the browser preview, against the lab's box and odoo.com
// simulators on loopback. Box names resolve through a table (never real DNS); trust comes from
// the lab CA given to the preview's core.

const DB_UUID = '3c9a1f0e-2b7d-4e61-9a8f-0d1c2b3a4f5e';
const HASH = 'feedbeef';
let ca: LabCa;
let preview: Preview;
let browser: Browser;
let httpsPort = 0;
const boxes = new Map<string, BoxSimulator>();
const odooComs: OdooComSimulator[] = [];
const names = new Map<string, string>();

const lookup: LookupPort = {
  lookup: (name) => {
    const address = names.get(name);
    return Promise.resolve(
      address === undefined
        ? { ok: false, code: 'ENOTFOUND', message: 'filtered', errno: -3007 }
        : { ok: true, addresses: [address] },
    );
  },
};

async function box(
  key: string,
  host: string,
  generation: 'g1' | 'g2' | 'g3' | 'g4',
  options: { mode?: OdooComMode; connected?: boolean; valid?: boolean; resolvable?: boolean },
): Promise<void> {
  const com = await startOdooComSimulator({ ca, mode: options.mode ?? 'issue', hash: HASH });
  odooComs.push(com);
  const connected = options.connected ?? true;
  const simulator = await startBoxSimulator({
    generation,
    host,
    port: 0,
    httpsPort,
    ca,
    x509Url: com.x509Url,
    certificate: options.valid ? 'valid' : 'temporary',
    certificateHash: HASH,
    checkCertificateAtStart: false,
    restartDowntimeMs: 100,
    delayScale: 0.01,
    ...(connected
      ? {
          serverUrl: 'https://shop.example.test',
          dbUuid: DB_UUID,
          enterpriseCode: 'M2403151234567',
        }
      : {}),
  });
  httpsPort = simulator.httpsPort ?? 0;
  boxes.set(key, simulator);
  if (options.resolvable ?? true) {
    names.set(`${host.replace(/\./g, '-')}.${HASH}.odoo-iot.com`, host);
  }
}

beforeAll(async () => {
  ca = createLabCa();
  await box('good', '127.0.0.91', 'g2', { mode: 'issue' });
  await box('status404', '127.0.0.92', 'g2', { mode: { status: 404 } });
  await box('noServer', '127.0.0.93', 'g3', { connected: false });
  await box('filtered', '127.0.0.94', 'g4', { valid: true, resolvable: false });
  await box('refused', '127.0.0.95', 'g1', { mode: 'refuse' });
  await box('goodIt', '127.0.0.96', 'g4', { mode: 'issue' });
  [preview, browser] = await Promise.all([
    startPreview({
      ports: { lookup },
      certificate: {
        extraCa: [ca.certPem],
        httpsPort,
        odooComUrl: 'http://127.0.0.1:9/',
        pollDelaysMs: [200, 400],
      },
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await Promise.allSettled([
    browser.close(),
    preview.close(),
    ...[...boxes.values()].map((simulator) => simulator.close()),
    ...odooComs.map((com) => com.close()),
  ]);
});

function address(key: string): string {
  const simulator = boxes.get(key);
  if (simulator === undefined) throw new Error(`no box ${key}`);
  return `${simulator.host}:${simulator.port}`;
}

async function checkBox(
  key: string,
  locale: 'en-US' | 'it-IT',
): Promise<{ page: Page; consoleErrors: string[] }> {
  const english = locale === 'en-US';
  const opened = await openPage(browser, preview.url, { locale });
  const { page } = opened;
  // "Check a box": find it by its address, see its overview, then check (nothing is changed).
  await page.getByRole('button', { name: english ? 'Check a box' : 'Controlla un box' }).click();
  const manual = page.getByLabel(
    english ? 'IP address or web address of the box' : 'Indirizzo IP o indirizzo web del box',
  );
  await manual.fill(address(key));
  await manual.press('Enter');
  await page.getByRole('button', { name: `(${address(key)})` }).click();
  await page
    .getByRole('button', {
      name: english ? 'Check the secure connection' : 'Controlla la connessione sicura',
    })
    .click();
  const heading = page.getByRole('heading', {
    level: 2,
    name: english ? 'Secure connection' : 'Connessione sicura',
  });
  await heading.waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
  return opened;
}

describe('secure connection step (English)', () => {
  it('guides a box to its certificate and shows the padlock result', async () => {
    const { page, consoleErrors } = await checkBox('good', 'en-US');
    await page.getByText('The box is reachable securely').waitFor({ timeout: 30_000 });
    const link = page.getByRole('link', { name: 'Open the box in the browser' });
    expect(await link.getAttribute('href')).toBe(`https://127-0-0-91.${HASH}.odoo-iot.com/`);
    expect(await page.getByText(`https://127-0-0-91.${HASH}.odoo-iot.com/`).isVisible()).toBe(true);
    expect(
      await page.getByText('IoT Box Assistant Lab CA (IoT Box Assistant lab)').isVisible(),
    ).toBe(true);
    await screenshot(page, 'secure-valid-en');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('explains odoo.com answering 404 with a support text quoting the code', async () => {
    const { page, consoleErrors } = await checkBox('status404', 'en-US');
    await page.getByRole('heading', { name: 'odoo.com answered with an error' }).waitFor({
      timeout: 30_000,
    });
    expect(await page.getByText('HTTP status 404 instead of a certificate').isVisible()).toBe(true);
    // A G2 box (requests, raise_for_status) shows odoo.com's status inside REQUEST_EXCEPTION.
    const support = await page.getByLabel('Text for Odoo support').inputValue();
    expect(support).toContain('ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION');
    expect(support).toContain('odoo.com answered it with HTTP status 404');
    const doc = page.getByRole('link', { name: "Read Odoo's documentation about this" });
    expect(await doc.getAttribute('href')).toContain('#err-iot-https-load-request-status');
    await screenshot(page, 'secure-status-404-en');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('sends a box without a database back to the connect step', async () => {
    const { page, consoleErrors } = await checkBox('noServer', 'en-US');
    await page.getByRole('heading', { name: 'The box is not connected to a database' }).waitFor({
      timeout: 30_000,
    });
    expect(
      await page.getByText('Go back and connect the box to your Odoo database.').isVisible(),
    ).toBe(true);
    expect(await page.getByRole('button', { name: 'Connect to your database' }).isVisible()).toBe(
      true,
    );
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('says the certificate is fine when only the name does not resolve, and moves on to the web address', async () => {
    const { page, consoleErrors } = await checkBox('filtered', 'en-US');
    await page.getByRole('heading', { name: 'The certificate is fine' }).waitFor({
      timeout: 30_000,
    });
    // Its facts, checked at the box's own address with the name as SNI.
    expect(
      await page.getByText('IoT Box Assistant Lab CA (IoT Box Assistant lab)').isVisible(),
    ).toBe(true);
    expect(
      await page.getByText("This computer cannot find the box's web address yet").isVisible(),
    ).toBe(true);
    expect(await page.getByRole('button', { name: "Fix the box's web address" }).count()).toBe(0);
    await screenshot(page, 'secure-dns-en');
    await page.getByRole('button', { name: 'Continue to the web address' }).click();
    await page.getByRole('heading', { level: 2, name: "Check the box's web address" }).waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

describe('secure connection step (Italian)', () => {
  it('shows the padlock result in Italian', async () => {
    const { page, consoleErrors } = await checkBox('goodIt', 'it-IT');
    await page.getByText('Il box è raggiungibile in modo sicuro').waitFor({ timeout: 30_000 });
    expect(
      await page.getByRole('link', { name: 'Apri il box nel browser' }).getAttribute('href'),
    ).toBe(`https://127-0-0-96.${HASH}.odoo-iot.com/`);
    await screenshot(page, 'secure-valid-it');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('explains a refusal with the eligibility checklist in Italian', async () => {
    const { page, consoleErrors } = await checkBox('refused', 'it-IT');
    await page.getByRole('heading', { name: 'odoo.com ha rifiutato il certificato' }).waitFor({
      timeout: 30_000,
    });
    expect(await page.getByText('L\'abbonamento Odoo è "In corso".').isVisible()).toBe(true);
    const doc = page.getByRole('link', {
      name: 'Leggi la documentazione di Odoo su questo argomento',
    });
    expect(await doc.getAttribute('href')).toContain('/documentation/18.0/it/applications/');
    await screenshot(page, 'secure-refused-it');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('explains odoo.com answering 404 in Italian', async () => {
    const { page } = await checkBox('status404', 'it-IT');
    await page.getByRole('heading', { name: 'odoo.com ha risposto con un errore' }).waitFor({
      timeout: 30_000,
    });
    expect(await page.getByLabel("Testo per l'assistenza Odoo").inputValue()).toContain(
      'stato HTTP 404',
    );
    await page.context().close();
  });
});
