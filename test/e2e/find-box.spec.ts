import { createServer, type Server } from 'node:http';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { startPreview, type Preview } from '../preview/start-preview';
import { launchChromium, openPage, screenshot } from './support/browser';

/*
 * The Find step in Chromium against the real core: two simulated boxes and a decoy web server on
 * loopback (127.0.78.0/29), which is all the preview's discovery may touch.
 */
const SUBNET = '127.0.78.0/29';
let preview: Preview;
let browser: Browser;
let boxes: BoxSimulator[] = [];
let decoy: Server;

beforeAll(async () => {
  boxes = await Promise.all([
    startBoxSimulator({
      generation: 'g4',
      host: '127.0.78.1',
      port: 8069,
      hostname: 'shop-box',
      delayScale: 0.01,
    }),
    startBoxSimulator({
      generation: 'g1',
      host: '127.0.78.2',
      port: 8069,
      hostname: 'back-office',
      delayScale: 0.01,
    }),
  ]);
  decoy = createServer((_request, response) => response.end('<h1>Router</h1>'));
  await new Promise<void>((resolve) => decoy.listen(8069, '127.0.78.3', resolve));
  [preview, browser] = await Promise.all([
    startPreview({ discovery: { subnets: [SUBNET], mdns: false, localhost: false } }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await Promise.allSettled([
    browser.close(),
    preview.close(),
    ...boxes.map((box) => box.close()),
    new Promise((resolve) => decoy.close(resolve)),
  ]);
});

describe('Find step in the browser preview', () => {
  it('lists the boxes found on the network, never the decoy, and continues with one', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'en-US' });
    await page.getByRole('button', { name: 'Set up a new box' }).click();
    await page.getByRole('heading', { name: 'Find your IoT box' }).waitFor();
    await page.getByRole('button', { name: 'Search the network' }).click();
    await page.getByText('Search finished.').waitFor();
    const list = page.getByRole('list', { name: 'IoT boxes found' });
    const items = list.getByRole('listitem');
    expect(await items.count()).toBe(2);
    const text = await list.textContent();
    expect(text).toContain('127.0.78.1:8069');
    expect(text).toContain('L25.03 · Linux');
    expect(text).toContain('back-office');
    expect(text).toContain('127.0.78.2:8069');
    expect(text).not.toContain('127.0.78.3');
    expect(text).toContain('Found by: network scan');
    expect(await page.getByText('2 boxes found').isVisible()).toBe(true);
    await screenshot(page, 'find-box-en');
    await page.getByRole('button', { name: 'Use back-office (127.0.78.2:8069)' }).click();
    await page.getByRole('heading', { name: 'Your box at a glance' }).waitFor();
    expect(await page.locator('.overview-identity').textContent()).toContain('127.0.78.2:8069');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('checks a typed address with the keyboard and lists the box it finds there', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'en-US' });
    await page.getByRole('button', { name: 'Set up a new box' }).click();
    await page.getByRole('heading', { name: 'Find your IoT box' }).waitFor();
    await page.getByLabel('IP address or web address of the box').fill('http://127.0.78.2:8069/');
    await page.getByLabel('IP address or web address of the box').press('Enter');
    const list = page.getByRole('list', { name: 'IoT boxes found' });
    await list.waitFor();
    expect(await list.textContent()).toContain('Found by: the address you typed');
    expect(await list.textContent()).toContain('back-office');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('explains why nothing was found, in Italian too', async () => {
    const empty = await startPreview({
      discovery: { subnets: ['127.0.78.3/32'], mdns: false, localhost: false },
    });
    try {
      const { page } = await openPage(browser, empty.url, { locale: 'it-IT' });
      await page.getByRole('button', { name: 'Configura un nuovo box' }).click();
      await page.getByRole('button', { name: 'Cerca nella rete' }).click();
      await page.getByText('Nessun IoT box trovato').waitFor();
      expect(
        await page
          .getByText('Alcuni dispositivi hanno risposto, ma nessuno è un IoT box')
          .isVisible(),
      ).toBe(true);
      expect(await page.getByRole('list', { name: 'IoT box trovati' }).count()).toBe(0);
      await screenshot(page, 'find-box-none-it');
      await page.context().close();
    } finally {
      await empty.close();
    }
  });
});
