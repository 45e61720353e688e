import net from 'node:net';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { startPreview, type Preview } from '../preview/start-preview';
import { launchChromium, openPage, screenshot } from './support/browser';

/*
 * The wizard trusts the address it reached, not what a box says about itself. A box typed as
 * 127.0.0.72 claims 127.0.0.73: the overview says so, and the token (enterprise code included)
 * goes to .72 while a listener on .73 hears nothing. Two devices answering with one identifier
 * are both listed, each with a warning naming the other.
 */

const REACHED = '127.0.0.72';
const CLAIMED = '127.0.0.73';
const UUID = '0b5d1c9e-3f7a-4c2e-9a61-2d8e5f4b7c30';
const CODE = 'M2407lab0001';
const SECRET = 's3cr3tToken';
const TOKEN = `https://shop.example.test?token=${SECRET}&db_uuid=${UUID}&enterprise_code=${CODE}`;

let preview: Preview;
let browser: Browser;
let liar: BoxSimulator;
let copies: BoxSimulator[] = [];
let canary: net.Server;
const canaryHits: string[] = [];

beforeAll(async () => {
  liar = await startBoxSimulator({
    generation: 'g4',
    host: REACHED,
    port: 8069,
    hostname: 'shop-box',
    restartDowntimeMs: 300,
    delayScale: 0.01,
    checkCertificateAtStart: false,
    ip: CLAIMED,
  });
  copies = await Promise.all(
    ['127.0.0.74', '127.0.0.75'].map((host) =>
      startBoxSimulator({
        generation: 'g4',
        host,
        port: 8069,
        delayScale: 0.01,
        checkCertificateAtStart: false,
        identifier: '10000000c0ffee42',
      }),
    ),
  );
  canary = net.createServer((socket) => {
    canaryHits.push(String(socket.localPort));
    socket.destroy();
  });
  await new Promise<void>((resolve) => canary.listen(8069, CLAIMED, resolve));
  [preview, browser] = await Promise.all([
    startPreview({ discovery: { subnets: ['127.0.0.74/31'], mdns: false, localhost: false } }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await Promise.allSettled([
    browser.close(),
    preview.close(),
    liar.close(),
    ...copies.map((copy) => copy.close()),
    new Promise((resolve) => canary.close(resolve)),
  ]);
});

describe('the address the user reached is the box’s address', () => {
  it('a box claiming another address: shown as information, and the token goes only where it answered', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'en-US' });
    await page.getByRole('button', { name: 'Set up a new box' }).click();
    const manual = page.getByLabel('IP address or web address of the box');
    await manual.fill(REACHED);
    await manual.press('Enter');
    await page.getByRole('button', { name: `(${REACHED}:8069)` }).click();
    await page.getByRole('heading', { name: 'Your box at a glance' }).waitFor();
    const overview = (await page.locator('.overview-identity').textContent()) ?? '';
    expect(overview).toContain(`${REACHED}:8069`);
    expect(overview).toContain(`(the box reports its address as ${CLAIMED})`);
    await screenshot(page, 'box-address-claims-other-en');

    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('heading', { name: 'Connect to your database' }).waitFor();
    await page.getByRole('radio', { name: 'Paste the token from Odoo' }).check();
    await page.getByLabel('Connection token').fill(TOKEN);
    await page.getByRole('button', { name: 'Review what will be sent' }).click();
    await page.getByRole('button', { name: 'Send to the box' }).click();
    await page.getByRole('heading', { name: 'Done: the box has its new settings.' }).waitFor();
    expect(liar.state).toMatchObject({ token: SECRET, enterpriseCode: CODE });
    expect(canaryHits).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('two devices with one identifier are both listed, each warning about the other', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'en-US' });
    await page.getByRole('button', { name: 'Set up a new box' }).click();
    await page.getByRole('button', { name: 'Search the network' }).click();
    await page.getByText('Search finished.').waitFor();
    const list = page.getByRole('list', { name: 'IoT boxes found' });
    const cards = list.getByRole('listitem');
    expect(await cards.count()).toBe(2);
    const [first = '', second = ''] = await cards.allTextContents();
    expect(first).toContain('Also answering as this box: 127.0.0.75:8069');
    expect(second).toContain('Also answering as this box: 127.0.0.74:8069');
    await screenshot(page, 'find-box-same-identity-en');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
