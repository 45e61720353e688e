import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DiagnosticsReportSchema } from '../../electron/shared/schemas/report';
import { seriousViolationsBothThemes } from './support/axe';
import { openPage, screenshot } from './support/browser';
import {
  boxName,
  DB_UUID,
  ENTERPRISE_CODE,
  startFlowLab,
  TOKEN_SECRET,
  URL_TOKEN,
  type FlowLab,
} from './support/flow-lab';

/*
 * The whole wizard, Welcome to Done, in Chromium against the real core and the lab's simulators
 * on loopback: a G4 box found by the search, connected by token, its certificate issued by the
 * simulated odoo.com, HTTPS verified, its web address found through the loopback public DNS, and
 * the report saved. Every step: focus on its heading, a screenshot, and axe in both themes.
 */

let lab: FlowLab;

beforeAll(async () => {
  lab = await startFlowLab({
    boxes: [{ key: 'en' }, { key: 'it' }],
    discoverySubnet: '127.0.88.0/29',
  });
});
afterAll(async () => {
  await lab?.close();
});

type Texts = {
  readonly start: string;
  readonly find: string;
  readonly search: string;
  readonly finished: string;
  readonly overview: string;
  readonly continue: string;
  readonly connect: string;
  readonly token: string;
  readonly review: string;
  readonly send: string;
  readonly connected: string;
  readonly secure: string;
  readonly padlock: string;
  readonly webAddress: string;
  readonly dnsOk: string;
  readonly done: string;
  readonly save: string;
  readonly saved: string;
  readonly copy: string;
  readonly copied: string;
};

const EN: Texts = {
  start: 'Set up a new box',
  find: 'Find your IoT box',
  search: 'Search the network',
  finished: 'Search finished.',
  overview: 'Your box at a glance',
  continue: 'Continue',
  connect: 'Connect to your database',
  token: 'Connection token',
  review: 'Review what will be sent',
  send: 'Send to the box',
  connected: 'Done: the box has its new settings.',
  secure: 'Secure connection',
  padlock: 'The box is reachable securely',
  webAddress: "Check the box's web address",
  dnsOk: 'This computer finds the box',
  done: 'All set',
  save: 'Save report',
  saved: 'Report saved:',
  copy: 'Copy summary',
  copied: 'Summary copied.',
};

const IT: Texts = {
  start: 'Configura un nuovo box',
  find: 'Trova il tuo IoT box',
  search: 'Cerca nella rete',
  finished: 'Ricerca terminata.',
  overview: 'Il tuo box in breve',
  continue: 'Continua',
  connect: 'Collega al tuo database',
  token: 'Token di connessione',
  review: 'Controlla cosa verrà inviato',
  send: 'Invia al box',
  connected: 'Fatto: il box ha le nuove impostazioni.',
  secure: 'Connessione sicura',
  padlock: 'Il box è raggiungibile in modo sicuro',
  webAddress: "Controlla l'indirizzo web del box",
  dnsOk: 'Questo computer trova il box',
  done: 'Tutto pronto',
  save: 'Salva il rapporto',
  saved: 'Rapporto salvato:',
  copy: 'Copia il riepilogo',
  copied: 'Riepilogo copiato.',
};

/** Presses a control from the keyboard: focus it, then Enter, as a keyboard-only user does. */
async function press(locator: Locator): Promise<void> {
  await locator.focus();
  await locator.press('Enter');
}

/** Waits for a step: its heading appears and takes focus (screen readers announce it). */
async function onStep(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { level: 2, name: heading }).waitFor({ timeout: 30_000 });
  await expect
    .poll(() =>
      page.evaluate(
        () => document.activeElement?.tagName + ':' + document.activeElement?.textContent,
      ),
    )
    .toBe(`H2:${heading}`);
}

/** The step as it is: a screenshot (English only) and no serious axe violation in either theme. */
async function record(page: Page, name: string | null): Promise<void> {
  if (name !== null) {
    await screenshot(page, name);
  }
  expect(await seriousViolationsBothThemes(page)).toEqual([]);
}

async function runFlow(page: Page, texts: Texts, host: string, english: boolean): Promise<string> {
  const shot = (name: string): string | null => (english ? name : null);
  await onStep(page, english ? 'Welcome' : 'Benvenuto');
  await record(page, shot('flow-01-welcome'));

  await press(page.getByRole('button', { name: texts.start }));
  await onStep(page, texts.find);
  await press(page.getByRole('button', { name: texts.search }));
  await page.getByText(texts.finished).waitFor({ timeout: 30_000 });
  await record(page, shot('flow-02-find'));

  await press(page.getByRole('button', { name: `(${host}:8069)` }));
  await onStep(page, texts.overview);
  await record(page, shot('flow-03-overview'));

  await press(page.getByRole('button', { name: texts.continue, exact: true }));
  await onStep(page, texts.connect);
  await page.getByLabel(texts.token).fill(URL_TOKEN);
  const review = page.getByRole('button', { name: texts.review });
  await expect.poll(() => review.isEnabled(), { timeout: 20_000 }).toBe(true);
  await record(page, shot('flow-04-connect'));
  await press(review);
  await press(page.getByRole('button', { name: texts.send }));
  await page.getByRole('heading', { name: texts.connected }).waitFor({ timeout: 30_000 });
  await record(page, shot('flow-05-connected'));

  await press(page.getByRole('button', { name: texts.continue, exact: true }));
  await onStep(page, texts.secure);
  await page.getByText(texts.padlock).waitFor({ timeout: 30_000 });
  await record(page, shot('flow-06-secure'));

  await press(page.getByRole('button', { name: texts.continue, exact: true }));
  await onStep(page, texts.webAddress);
  await page.getByText(texts.dnsOk, { exact: true }).waitFor({ timeout: 30_000 });
  await record(page, shot('flow-07-web-address'));

  await press(page.getByRole('button', { name: texts.continue, exact: true }));
  await onStep(page, texts.done);
  const open = page.getByRole('link', { name: english ? 'Open the box' : 'Apri il box' });
  expect(await open.getAttribute('href')).toBe(`https://${boxName(host)}/`);

  await press(page.getByRole('button', { name: texts.save }));
  const saved = page.locator('.report-location');
  await saved.waitFor({ timeout: 30_000 });
  await page.getByText(texts.saved).waitFor();
  await press(page.getByRole('button', { name: texts.copy }));
  await page.getByText(texts.copied).waitFor({ timeout: 30_000 });
  await record(page, shot('flow-08-done'));
  return (await saved.textContent()) ?? '';
}

async function expectReportWithoutSecrets(location: string): Promise<void> {
  expect(location).toMatch(/\.html$/);
  const html = await readFile(location, 'utf8');
  const json = await readFile(location.replace(/\.html$/, '.json'), 'utf8');
  for (const text of [html, json]) {
    expect(text).toContain('127.0.88.');
    expect(text).not.toContain(ENTERPRISE_CODE);
    expect(text).not.toContain(TOKEN_SECRET);
    expect(text).not.toContain(DB_UUID);
  }
  const report = DiagnosticsReportSchema.parse(JSON.parse(json));
  expect(report.checks.map((check) => [check.id, check.ok])).toEqual([
    ['box', true],
    ['certificate', true],
    ['https', true],
    ['dns', true],
  ]);
}

describe('the whole wizard in the browser preview', () => {
  it('sets up a box from Welcome to Done in English, by keyboard, and saves the report', async () => {
    await lab.useResolver('public');
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'en-US',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const location = await runFlow(page, EN, '127.0.88.2', true);
    await expectReportWithoutSecrets(location);
    expect(location.startsWith(join(lab.preview.dataDir, 'reports'))).toBe(true);
    // The summary reached the clipboard (the preview has no app clipboard: the browser's).
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(clipboard).toContain('IoT box 127.0.88.2:8069');
    expect(clipboard).not.toContain(ENTERPRISE_CODE);
    expect(lab.boxes.get('en')?.state).toMatchObject({ serverUrl: 'https://shop.example.test' });
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('does the same in Italian, dates in Italian', async () => {
    await lab.useResolver('public');
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'it-IT',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const location = await runFlow(page, IT, '127.0.88.3', false);
    await expectReportWithoutSecrets(location);
    const done = (await page.locator('.status-list').textContent()) ?? '';
    const year = String(new Date().getFullYear());
    // "valido fino al 12 marzo 2026": an Italian month name, not a number or an English name.
    expect(done).toMatch(
      /valido fino al \d{1,2} (gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre) \d{4}/,
    );
    expect(done.length).toBeGreaterThan(year.length);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('keeps what was typed across Back and Cancel', async () => {
    const { page } = await openPage(lab.browser, lab.preview.url, { locale: 'en-US' });
    await press(page.getByRole('button', { name: EN.start }));
    await onStep(page, EN.find);
    await page.getByLabel('IP address or web address of the box').fill('127.0.88.2:8069');
    await page.getByLabel('IP address or web address of the box').press('Enter');
    await press(page.getByRole('button', { name: '(127.0.88.2:8069)' }));
    await onStep(page, EN.overview);
    // Back: the box typed earlier is still listed.
    await press(page.getByRole('button', { name: 'Back' }));
    await onStep(page, EN.find);
    expect(await page.getByRole('button', { name: '(127.0.88.2:8069)' }).count()).toBe(1);
    await press(page.getByRole('button', { name: '(127.0.88.2:8069)' }));
    await press(page.getByRole('button', { name: 'Continue', exact: true }));
    await page.getByRole('heading', { level: 2 }).waitFor();
    // The box is connected already: the connect step is shown as done, skipped in one click.
    await page.getByRole('button', { name: 'Skip' }).waitFor();
    await press(page.getByRole('button', { name: 'Cancel' }));
    await onStep(page, 'Welcome');
    await page.context().close();
  });
});
