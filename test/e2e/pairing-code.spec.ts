import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  startBoxSimulator,
  type BoxSimulator,
  type BoxSimulatorOptions,
} from '../lab/sim/box-simulator';
import {
  SAMPLE_DATABASE,
  startIotProxySimulator,
  unreachablePairingUrl,
  type IotProxySimulator,
} from '../lab/sim/iot-proxy-simulator';
import { startPreview, type Preview } from '../preview/start-preview';
import { seriousViolationsBothThemes } from './support/axe';
import { launchChromium, openPage, screenshot } from './support/browser';

/*
 * First-time pairing with the box's pairing code, in Chromium against the real core: a G4 box
 * simulator that registers with the pairing service stand-in (127.0.91.x, port 8069), found by
 * the wizard's own search, and a test that claims the code the way the database's IoT app does.
 * Nothing is typed in the wizard.
 */

const DATABASE = SAMPLE_DATABASE;
const SUBNET = '127.0.91.0/29';
const DOCS_SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let preview: Preview;
let browser: Browser;
let proxy: IotProxySimulator;
let nextHost = 2;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  [preview, browser, proxy] = await Promise.all([
    startPreview({
      discovery: { subnets: [SUBNET], mdns: false, localhost: false },
      // The box says it cannot get a code soon, not after the real 45 s.
      noCodeAfterMs: 3_000,
    }),
    launchChromium(),
    startIotProxySimulator(),
  ]);
});
afterEach(async () => {
  await Promise.allSettled(cleanups.splice(0).map((cleanup) => cleanup()));
});
afterAll(async () => {
  await Promise.allSettled([browser.close(), preview.close(), proxy.close()]);
});

async function startBox(options: Partial<BoxSimulatorOptions> = {}): Promise<BoxSimulator> {
  const box = await startBoxSimulator({
    generation: 'g4',
    host: `127.0.91.${nextHost++}`,
    port: 8069,
    hostname: 'shop-box',
    restartDowntimeMs: 1_500,
    delayScale: 0.01,
    checkCertificateAtStart: false,
    iotProxyUrl: proxy.connectBoxUrl,
    pairingPollScale: 0.01,
    ...options,
  });
  cleanups.push(() => box.close());
  await box.settled();
  return box;
}

/** The code the pairing service handed this box, once it has one. */
async function codeOf(box: BoxSimulator): Promise<string> {
  await expect.poll(() => proxy.currentCode(box.identity.identifier)).not.toBeNull();
  return proxy.currentCode(box.identity.identifier) ?? '';
}

/** Welcome → search the network → this box → its overview → Continue: no typing. */
async function openConnect(box: BoxSimulator): Promise<{ page: Page; consoleErrors: string[] }> {
  const opened = await openPage(browser, preview.url, {
    locale: 'en-US',
    permissions: ['clipboard-read', 'clipboard-write'],
    // Tall enough for the whole step: the sticky action bar then sits under it in screenshots.
    viewport: { width: 960, height: 1200 },
  });
  cleanups.push(() => opened.page.context().close());
  const { page } = opened;
  await page.getByRole('button', { name: 'Set up a new box' }).click();
  await page.getByRole('button', { name: 'Search the network' }).click();
  await page.getByRole('button', { name: `(${box.host}:8069)` }).click();
  await page.getByRole('heading', { name: 'Your box at a glance' }).waitFor();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('heading', { name: 'Connect to your database' }).waitFor();
  return opened;
}

async function saveForDocs(page: Page, name: string): Promise<void> {
  const path = await screenshot(page, name);
  await mkdir(DOCS_SCREENSHOTS, { recursive: true });
  await copyFile(path, `${DOCS_SCREENSHOTS}${name}.png`);
}

/** The code in large characters (a term/definition pair named "The box's pairing code"). */
const codeShown = (page: Page) => page.locator('.pairing-code-value');

describe('pairing code in the browser preview', () => {
  it('code shown → claimed in Odoo → restart watched → certificate step, with no typing', async () => {
    // The restart comes 4 s after the claim (odoo_restart(2), doubled): longer than a watch cycle.
    const box = await startBox({ delayScale: 2 });
    const code = await codeOf(box);
    const { page, consoleErrors } = await openConnect(box);
    // The box shows a code: the code is the way picked for the user.
    expect(
      await page.getByRole('radio', { name: "Type the box's pairing code in Odoo" }).isChecked(),
    ).toBe(true);
    await expect.poll(() => codeShown(page).textContent()).toBe(code);
    await page.getByText('click "Use Pairing Code"').waitFor();
    await page.getByText('Waiting for Odoo to use the code…').waitFor();
    await page.getByText(/reads the box every 2–3 seconds: \d+ s so far, [2-9]\d* reads/).waitFor();
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    await saveForDocs(page, 'pairing-code-en');

    await page.getByRole('button', { name: 'Copy the code' }).click();
    await page.getByText('Code copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    // The user types the code in Odoo's IoT app: the database claims it.
    expect(await proxy.claim(code, DATABASE)).toBe(true);
    await page
      .getByText(`The box is connected to ${DATABASE.url}. It restarts to use the connection…`)
      .waitFor({ timeout: 15_000 });
    await page.getByText('The box is restarting…').waitFor({ timeout: 15_000 });
    await saveForDocs(page, 'pairing-watching-en');

    await page.getByRole('heading', { name: 'Secure connection' }).waitFor({ timeout: 30_000 });
    expect(box.state).toMatchObject({ serverUrl: DATABASE.url, token: DATABASE.token });
    // The box paired itself: the assistant only read it.
    expect(box.received.filter((request) => request.method === 'POST')).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('an expired code: told so, "Get a new code" restarts the box and shows the new one', async () => {
    const box = await startBox();
    const first = await codeOf(box);
    const { page, consoleErrors } = await openConnect(box);
    await expect.poll(() => codeShown(page).textContent()).toBe(first);
    proxy.expireAll();
    await page.getByRole('alert').filter({ hasText: 'The pairing code has expired' }).waitFor({
      timeout: 15_000,
    });
    await screenshot(page, 'pairing-expired-en');
    await page.getByRole('button', { name: 'Get a new code' }).click();
    await expect.poll(() => codeShown(page).textContent(), { timeout: 20_000 }).not.toBe(first);
    const second = (await codeShown(page).textContent()) ?? '';
    expect(second).toBe(proxy.currentCode(box.identity.identifier));
    expect(box.restarts).toBe(1);
    expect(await proxy.claim(second, DATABASE)).toBe(true);
    await page.getByRole('heading', { name: 'Secure connection' }).waitFor({ timeout: 30_000 });
    expect(consoleErrors).toEqual([]);
  });

  it('no code (the pairing service is unreachable): explained, and the token is one click away', async () => {
    const box = await startBox({ iotProxyUrl: await unreachablePairingUrl() });
    const { page, consoleErrors } = await openConnect(box);
    // No code on the box: the token is picked; the code can still be chosen, and is watched.
    const codeWay = page.getByRole('radio', { name: "Type the box's pairing code in Odoo" });
    expect(await codeWay.isChecked()).toBe(false);
    await codeWay.check();
    const notice = page.getByRole('alert').filter({ hasText: 'The box shows no pairing code' });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('cannot reach the Internet');
    await screenshot(page, 'pairing-no-code-en');
    await page.getByRole('button', { name: 'Use a connection token instead' }).click();
    await page.getByLabel('Connection token').waitFor();
    expect(await page.getByRole('radio', { name: 'Paste the token from Odoo' }).isChecked()).toBe(
      true,
    );
    expect(consoleErrors).toEqual([]);
  });

  it('already connected to another database: says which, how to disconnect, or keep it', async () => {
    const box = await startBox({ serverUrl: 'https://other.example.test' });
    const { page, consoleErrors } = await openConnect(box);
    await page
      .getByRole('heading', { name: 'This box is already connected to a database.' })
      .waitFor();
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('https://other.example.test');
    expect(main).toContain('"Odoo database connected" → "Configure" → "Disconnect"');
    await screenshot(page, 'pairing-already-connected-en');
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('heading', { name: 'Secure connection' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('in Italian, the steps keep Odoo’s own labels in quotes', async () => {
    const box = await startBox();
    await codeOf(box);
    const opened = await openPage(browser, preview.url, { locale: 'it-IT' });
    cleanups.push(() => opened.page.context().close());
    const { page } = opened;
    await page.getByRole('button', { name: 'Configura un nuovo box' }).click();
    await page.getByRole('button', { name: 'Cerca nella rete' }).click();
    await page.getByRole('button', { name: `(${box.host}:8069)` }).click();
    await page.getByRole('button', { name: 'Continua', exact: true }).click();
    await page
      .getByText('Nella finestra "Searching for an IoT Box", fai clic su "Use Pairing Code".')
      .waitFor();
  });
});
