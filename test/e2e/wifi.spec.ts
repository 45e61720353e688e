import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seriousViolationsBothThemes } from './support/axe';
import { openPage, screenshot } from './support/browser';
import { startFlowLab, type FlowLab } from './support/flow-lab';

/*
 * A box on its first boot, in access-point mode: the setup flow asks for the shop's Wi-Fi after
 * the overview, sends it to the box, and explains what to do next.
 */

let lab: FlowLab;

beforeAll(async () => {
  lab = await startFlowLab({
    boxes: [{ key: 'ap', accessPoint: true }],
    discoverySubnet: '127.0.89.0/29',
  });
});
afterAll(async () => {
  await lab?.close();
});

async function press(locator: Locator): Promise<void> {
  await locator.focus();
  await locator.press('Enter');
}

describe('Wi-Fi step', () => {
  it('sends the shop Wi-Fi to a box in access-point mode and says what comes next', async () => {
    const box = lab.boxes.get('ap');
    if (box === undefined) {
      throw new Error('no access-point box');
    }
    const address = `${box.host}:${box.port}`;
    const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
      locale: 'en-US',
    });
    await press(page.getByRole('button', { name: 'Set up a new box' }));
    const field = page.getByLabel('IP address or web address of the box');
    await field.fill(address);
    await field.press('Enter');
    await press(page.getByRole('button', { name: `(${address})` }));
    await page.getByRole('heading', { level: 2, name: 'Your box at a glance' }).waitFor();
    await press(page.getByRole('button', { name: 'Continue', exact: true }));

    await page.getByRole('heading', { level: 2, name: 'Connect the box to your Wi-Fi' }).waitFor();
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    await page.getByLabel('Wi-Fi network name').fill('Shop Wi-Fi');
    await page.getByLabel('Wi-Fi password').fill('correct horse');
    await screenshot(page, 'wifi-en');
    await press(page.getByRole('button', { name: 'Send to the box' }));
    await page.getByText('The box is joining Shop Wi-Fi.').waitFor();
    expect(await page.getByRole('button', { name: 'Find the box again' }).isVisible()).toBe(true);

    const sent = box.received.filter((request) => request.path.endsWith('/update_wifi'));
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? '{}')).toMatchObject({
      params: { essid: 'Shop Wi-Fi', password: 'correct horse' },
    });
    // The password is never shown back.
    expect(await page.content()).not.toContain('correct horse');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
