import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seriousViolationsBothThemes } from './support/axe';
import { openPage, screenshot } from './support/browser';
import type { BoxSimulator } from '../lab/sim/box-simulator';
import { startFlowLab, type FlowLab } from './support/flow-lab';

/*
 * A G4 box on its first boot, in access-point mode (`"ip": null` in its /data): the setup flow
 * asks for the shop's Wi-Fi after the overview and sends it. The box closes its access point
 * before answering, so the step asks the user to rejoin the shop network and finds the same box
 * there (by its identifier): only that says whether it joined.
 */

let lab: FlowLab;

beforeAll(async () => {
  lab = await startFlowLab({
    boxes: [
      { key: 'ap', accessPoint: true },
      { key: 'ap-fail', accessPoint: true },
    ],
    discoverySubnet: '127.0.88.0/29',
  });
});
afterAll(async () => {
  await lab?.close();
});

async function press(locator: Locator): Promise<void> {
  await locator.focus();
  await locator.press('Enter');
}

async function reachWifiStep(box: BoxSimulator) {
  const address = `${box.host}:${box.port}`;
  const opened = await openPage(lab.browser, lab.preview.url, { locale: 'en-US' });
  const { page } = opened;
  await press(page.getByRole('button', { name: 'Set up a new box' }));
  const field = page.getByLabel('IP address or web address of the box');
  await field.fill(address);
  await field.press('Enter');
  await press(page.getByRole('button', { name: `(${address})` }));
  await page.getByRole('heading', { level: 2, name: 'Your box at a glance' }).waitFor();
  // The overview names the box's own network: what the user's computer is connected to.
  await page
    .getByText(`Until then it runs its own network, IoTBox-${box.identity.identifier}.`)
    .waitFor();
  await press(page.getByRole('button', { name: 'Continue', exact: true }));
  await page.getByRole('heading', { level: 2, name: 'Connect the box to your Wi-Fi' }).waitFor();
  return opened;
}

function boxNamed(key: string): BoxSimulator {
  const box = lab.boxes.get(key);
  if (box === undefined) {
    throw new Error(`no box ${key}`);
  }
  return box;
}

describe('Wi-Fi step', () => {
  it('sends the shop Wi-Fi; the unanswered request is expected; the box is found again and joined', async () => {
    const box = boxNamed('ap');
    const { page, consoleErrors } = await reachWifiStep(box);
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    await page.getByLabel('Wi-Fi network name').fill('Shop Wi-Fi');
    await page.getByLabel('Wi-Fi password').fill('correct horse');
    await screenshot(page, 'wifi-en');
    await press(page.getByRole('button', { name: 'Send to the box' }));
    await page.getByText('The box is joining Shop Wi-Fi.').waitFor();
    await page.getByText('The box closed its own network before it could answer').waitFor();
    await page
      .getByText("Connect this computer back to Shop Wi-Fi: the box's own network is gone.")
      .waitFor();

    const sent = box.received.filter((request) => request.path.endsWith('/update_wifi'));
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? '{}')).toMatchObject({
      params: { essid: 'Shop Wi-Fi', password: 'correct horse' },
    });
    // The password is never shown back.
    expect(await page.content()).not.toContain('correct horse');

    await press(page.getByRole('button', { name: 'Find the box again' }));
    await page.getByText('The box joined Shop Wi-Fi.').waitFor();
    await page.getByText(`Its address on your network is ${box.host}:${box.port}.`).waitFor();
    await screenshot(page, 'wifi-joined-en');
    await press(page.getByRole('button', { name: 'Continue', exact: true }));
    await page.getByRole('heading', { level: 2, name: 'Connect to your database' }).waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a network the box cannot join: found again on its own access point, and said so', async () => {
    const box = boxNamed('ap-fail');
    const { page, consoleErrors } = await reachWifiStep(box);
    await page.getByLabel('Wi-Fi network name').fill('fail-network');
    await page.getByLabel('Wi-Fi password').fill('wrong');
    await press(page.getByRole('button', { name: 'Send to the box' }));
    await press(page.getByRole('button', { name: 'Find the box again' }));
    await page
      .getByRole('alert')
      .filter({ hasText: 'The box could not join fail-network.' })
      .waitFor();
    // The form is back, to send the details again.
    expect(await page.getByLabel('Wi-Fi network name').inputValue()).toBe('fail-network');
    expect(box.state.accessPoint).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
