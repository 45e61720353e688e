import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seriousViolationsBothThemes } from './support/axe';
import { openPage, screenshot } from './support/browser';
import { boxName, startFlowLab, URL_TOKEN, type FlowLab } from './support/flow-lab';

/*
 * The wizard in Chromium on boxes that behave like Odoo's own code (protocol doc §17): a G1 box
 * serving the real jinja pages (both page sets), a G2 box whose certificate odoo.com refused,
 * which makes its status page fail with HTTP 500, a G2 box that switches to its database's
 * branch after connecting and comes back as G3, and a G4 box whose odoo.com never answers (it
 * retries six times). The access-point G4 box is in wifi.spec.ts.
 */

let lab: FlowLab;

beforeAll(async () => {
  lab = await startFlowLab({
    boxes: [
      { key: 'g1-classic', generation: 'g1', connected: true },
      { key: 'g1-refactor', generation: 'g1', g1Pages: 'technical-jinja2' },
      { key: 'g2-refused', generation: 'g2', connected: true, mode: 'refuse' },
      { key: 'g2-branch', generation: 'g2', branchSwitch: { checkoutMs: 2_000, becomes: 'g3' } },
      // Each of its requests to odoo.com gives up after 5 s: the wait lasts about 30 s.
      { key: 'g4-slow', connected: true, mode: 'hang', x509TimeoutMs: 5_000 },
    ],
    discoverySubnet: '127.0.89.0/29',
  });
});
afterAll(async () => {
  await lab?.close();
});

function addressOf(key: string): { address: string; host: string } {
  const box = lab.boxes.get(key);
  if (box === undefined) {
    throw new Error(`no box ${key}`);
  }
  return { address: `${box.host}:${box.port}`, host: box.host };
}

async function press(locator: Locator): Promise<void> {
  await locator.focus();
  await locator.press('Enter');
}

async function toOverview(page: Page, flow: 'Set up a new box' | 'Check a box', key: string) {
  const { address } = addressOf(key);
  await press(page.getByRole('button', { name: flow }));
  const field = page.getByLabel('IP address or web address of the box');
  await field.fill(address);
  await field.press('Enter');
  await press(page.getByRole('button', { name: `(${address})` }));
  await page.getByRole('heading', { level: 2, name: 'Your box at a glance' }).waitFor();
}

describe('the wizard on real boxes', () => {
  it('G1 (views/homepage.html): checked from its overview to Done, certificate read from the page', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'en-US',
    });
    const { host } = addressOf('g1-classic');
    await toOverview(page, 'Check a box', 'g1-classic');
    const overview = (await page.locator('main').textContent()) ?? '';
    expect(overview).toContain('shop-g1-classic');
    expect(overview).toContain('L23.11 (API G1, Linux)');
    expect(overview).toContain('Connected to https://shop.example.test');
    await screenshot(page, 'real-g1-overview-en');
    await press(page.getByRole('button', { name: 'Check the secure connection' }));
    await page
      .getByRole('heading', { name: 'The box is reachable securely' })
      .waitFor({ timeout: 60_000 });
    expect((await page.locator('main').textContent()) ?? '').toContain(boxName(host));
    await press(page.getByRole('button', { name: 'Continue', exact: true }));
    await page.getByRole('heading', { level: 2, name: "Check the box's web address" }).waitFor();
    await page.getByText('This computer finds the box').waitFor({ timeout: 30_000 });
    await press(page.getByRole('button', { name: 'Continue', exact: true }));
    await page.getByRole('heading', { level: 2, name: 'All set' }).waitFor();
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('G1 (refactored pages, not connected): overview from / and /technical, then connected by token', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'en-US',
    });
    await toOverview(page, 'Set up a new box', 'g1-refactor');
    const overview = (await page.locator('main').textContent()) ?? '';
    expect(overview).toContain('Not connected to an Odoo database yet');
    expect(overview).toContain('API G1');
    await press(page.getByRole('button', { name: 'Continue', exact: true }));
    await page.getByRole('heading', { level: 2, name: 'Connect to your database' }).waitFor();
    await page.getByRole('radio', { name: 'Paste the token from Odoo' }).check();
    await page.getByLabel('Connection token').fill(URL_TOKEN);
    await page.getByText('This token connects the box to https://shop.example.test.').waitFor();
    await page.getByRole('button', { name: 'Review what will be sent' }).click();
    await page.getByRole('heading', { name: 'What will be sent to the box' }).waitFor();
    await page.getByRole('button', { name: 'Send to the box' }).click();
    await page
      .getByRole('heading', { name: 'Done: the box has its new settings.' })
      .waitFor({ timeout: 60_000 });
    expect((await page.locator('.connect-facts').textContent()) ?? '').toContain(
      'https://shop.example.test',
    );
    // The G1 form got the pipe form of the URL token.
    const sent = lab.boxes.get('g1-refactor')?.received.find((r) => r.path === '/server_connect');
    expect(new URLSearchParams(sent?.body ?? '').get('token')).toMatch(
      /^https:\/\/shop\.example\.test\|/,
    );
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('G2 refused (its /data answers HTTP 500): "odoo.com refused", the eligibility checks and the portal', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'en-US',
    });
    await toOverview(page, 'Check a box', 'g2-refused');
    expect((await page.locator('main').textContent()) ?? '').toContain(
      'odoo.com refused its certificate',
    );
    await press(page.getByRole('button', { name: 'Check the secure connection' }));
    await page
      .getByRole('heading', { name: 'odoo.com refused the certificate' })
      .waitFor({ timeout: 60_000 });
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('not a copy, a staging or a development instance');
    expect(text).toContain('"In Progress"');
    expect(text).toContain('valid enterprise (subscription) code, or is in its trial');
    expect(text).toContain('If your subscription is older, check it has an IoT box line');
    expect(text).toContain('account manager or partner');
    const portal = page.getByRole('link', { name: 'Open your subscriptions on odoo.com' });
    expect(await portal.getAttribute('href')).toBe('https://www.odoo.com/my/subscriptions');
    await screenshot(page, 'real-g2-refused-en');
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("G2 switching to its database's branch: the wizard waits through the second restart and says the box came back as G3", async () => {
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'en-US',
    });
    await toOverview(page, 'Set up a new box', 'g2-branch');
    expect((await page.locator('main').textContent()) ?? '').toContain('API G2');
    await press(page.getByRole('button', { name: 'Continue', exact: true }));
    await page.getByRole('heading', { level: 2, name: 'Connect to your database' }).waitFor();
    await page.getByRole('radio', { name: 'Paste the token from Odoo' }).check();
    await page.getByLabel('Connection token').fill(URL_TOKEN);
    await page.getByRole('button', { name: 'Review what will be sent' }).click();
    await page.getByRole('button', { name: 'Send to the box' }).click();
    // The box's log announces the checkout: the wait says what is happening.
    await page
      .getByText("The box is switching to your database's Odoo version.", { exact: false })
      .waitFor({ timeout: 60_000 });
    await page
      .getByRole('heading', { name: 'Done: the box has its new settings.' })
      .waitFor({ timeout: 60_000 });
    await page
      .getByText('The box updated itself to match your database: it now uses API G3.')
      .waitFor();
    const box = lab.boxes.get('g2-branch');
    expect(box?.restarts).toBe(2);
    expect(box?.generation).toBe('g3');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("G4 whose odoo.com does not answer: the wait shows the box's own attempts, and Stop waiting ends it at once", async () => {
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'en-US',
    });
    await toOverview(page, 'Check a box', 'g4-slow');
    await press(page.getByRole('button', { name: 'Check the secure connection' }));
    // Read from the end of the box's log: "attempt N of 6", each up to 95 s on a real box.
    await page
      .getByText(
        /The box is asking odoo\.com for its certificate: attempt [1-6] of 6, each can take up to 95 s\./,
      )
      .waitFor({ timeout: 60_000 });
    await screenshot(page, 'real-g4-attempts-en');
    await press(page.getByRole('button', { name: 'Stop waiting' }));
    // Ended by the click, long before the box's own six attempts run out.
    await page
      .getByText('The operation was stopped before it finished.')
      .waitFor({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Check again' }).waitFor();
    expect(await page.getByRole('button', { name: 'Stop waiting' }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 90_000);
});
