import { readFile } from 'node:fs/promises';

import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DiagnosticsReportSchema } from '../../electron/shared/schemas/report';
import { seriousViolationsBothThemes } from './support/axe';
import { openPage, screenshot, SCREENSHOT_DIR } from './support/browser';
import { DB_UUID, ENTERPRISE_CODE, startFlowLab, type FlowLab } from './support/flow-lab';

/*
 * The wizard's failure paths in Chromium against the lab's simulators on loopback, each ending
 * on its guidance (with axe in both themes): no box found, a wrong token, odoo.com refusing the
 * certificate, and the router's DNS rebind protection hiding the box's web address.
 */

let lab: FlowLab;

beforeAll(async () => {
  lab = await startFlowLab({
    boxes: [
      { key: 'token' },
      { key: 'refused', connected: true, mode: 'refuse', generation: 'g1' },
      { key: 'blocked', connected: true },
    ],
    // Nothing listens in this range: the search finds no box.
    discoverySubnet: '127.0.89.0/29',
  });
});
afterAll(async () => {
  await lab?.close();
});

function address(key: string): string {
  const box = lab.boxes.get(key);
  if (box === undefined) {
    throw new Error(`no box ${key}`);
  }
  return `${box.host}:${box.port}`;
}

async function press(locator: Locator): Promise<void> {
  await locator.focus();
  await locator.press('Enter');
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolationsBothThemes(page)).toEqual([]);
}

/** Welcome → the flow → the box typed by address → its overview → the next step. */
async function reachBox(page: Page, flow: 'Set up a new box' | 'Check a box', key: string) {
  await press(page.getByRole('button', { name: flow }));
  await page.getByRole('heading', { level: 2, name: 'Find your IoT box' }).waitFor();
  const field = page.getByLabel('IP address or web address of the box');
  await field.fill(address(key));
  await field.press('Enter');
  await press(page.getByRole('button', { name: `(${address(key)})` }));
  await page.getByRole('heading', { level: 2, name: 'Your box at a glance' }).waitFor();
  await press(
    page.getByRole('button', {
      name: flow === 'Check a box' ? 'Check the secure connection' : 'Continue',
      exact: true,
    }),
  );
}

describe('failure paths of the wizard', () => {
  it('no box found: says so and what to do next', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'en-US',
    });
    await press(page.getByRole('button', { name: 'Set up a new box' }));
    await press(page.getByRole('button', { name: 'Search the network' }));
    await page.getByText('Search finished.').waitFor({ timeout: 30_000 });
    expect(await page.getByText('0 boxes found').isVisible()).toBe(true);
    const guidance = page.locator('.live-region .notice');
    expect(await guidance.count()).toBeGreaterThan(0);
    expect(await guidance.first().locator('.notice-action').textContent()).not.toBe('');
    // The typed address and the access-point hint stay offered as the ways out.
    expect(await page.getByLabel('IP address or web address of the box').isVisible()).toBe(true);
    await screenshot(page, 'flow-fail-01-no-box');
    await expectAccessible(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('wrong token: named precisely and nothing sent', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'en-US',
    });
    await reachBox(page, 'Set up a new box', 'token');
    await page.getByRole('heading', { level: 2, name: 'Connect to your database' }).waitFor();
    await page
      .getByLabel('Connection token')
      .fill(`https://shop.example.test?token=t&db_uuid=${DB_UUID}`);
    await page.getByRole('alert').filter({ hasText: 'Part of the token is missing' }).waitFor();
    expect(await page.getByRole('button', { name: 'Review what will be sent' }).isDisabled()).toBe(
      true,
    );
    const box = lab.boxes.get('token');
    expect(box?.received.filter((request) => request.method === 'POST')).toEqual([]);
    await screenshot(page, 'flow-fail-02-wrong-token');
    await expectAccessible(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('certificate refused: the explanation, and the report saved without secrets', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'en-US',
    });
    await reachBox(page, 'Check a box', 'refused');
    await page.getByRole('heading', { name: 'odoo.com refused the certificate' }).waitFor({
      timeout: 30_000,
    });
    // No way forward to the web address check from a refused certificate.
    expect(await page.getByRole('button', { name: 'Continue', exact: true }).count()).toBe(0);
    await press(page.getByRole('button', { name: 'Save report' }));
    const location =
      (await page.locator('.report-location').textContent({ timeout: 30_000 })) ?? '';
    const json = await readFile(location.replace(/\.html$/, '.json'), 'utf8');
    const report = DiagnosticsReportSchema.parse(JSON.parse(json));
    expect(report.checks.find((check) => check.id === 'certificate')?.ok).toBe(false);
    expect(json).not.toContain(ENTERPRISE_CODE);
    expect(json).not.toContain(DB_UUID);
    expect(await readFile(location, 'utf8')).not.toContain(ENTERPRISE_CODE);
    // Nothing was sent to a box that was only checked.
    expect(
      lab.boxes
        .get('refused')
        ?.received.filter(
          (request) => request.method === 'POST' && !/certificate/.test(request.path),
        ),
    ).toEqual([]);
    await screenshot(page, 'flow-fail-03-certificate-refused');
    await expectAccessible(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("DNS blocked by the router: the verdict, then the repair's plans", async () => {
    await lab.useResolver('router');
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'en-US',
      viewport: { width: 960, height: 680 },
    });
    await reachBox(page, 'Check a box', 'blocked');
    // The certificate is fine: the web address, not the secure connection, has the problem.
    await page.getByText('The certificate is fine').waitFor({ timeout: 30_000 });
    await press(page.getByRole('button', { name: 'Continue to the web address' }));
    await page.getByRole('heading', { level: 2, name: "Check the box's web address" }).waitFor();
    await page.getByText("Your router hides the box's address").waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Continue', exact: true }).count()).toBe(0);
    await screenshot(page, 'flow-fail-04-dns-blocked');
    await expectAccessible(page);
    await press(page.getByRole('button', { name: "Fix the box's web address" }));
    await page.getByRole('heading', { level: 2, name: "Fix the box's web address" }).waitFor();
    // The repair knows the box: its name is filled in, checked at once, and the verdict (one,
    // focused) leads to the way out that works on this router.
    const field = page.getByLabel('Box web address or IP address');
    expect(await field.inputValue()).toMatch(/^\d+-\d+-\d+-\d+\.[0-9a-f]+\.odoo-iot\.com$/);
    await page.getByText('Allow odoo-iot.com on your router').waitFor({ timeout: 30_000 });
    const verdict = page.getByTestId('dns-verdict');
    await expect.poll(() => verdict.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await verdict.locator('.notice').count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}flow-fail-05-repair-rebind-960x680.png` });
    await expectAccessible(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
