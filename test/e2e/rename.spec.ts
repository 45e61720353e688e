import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BoxSimulator } from '../lab/sim/box-simulator';
import { seriousViolationsBothThemes } from './support/axe';
import { openPage, screenshot } from './support/browser';
import { startFlowLab, type FlowLab } from './support/flow-lab';

/*
 * "Rename this box" on the setup flow's overview, in Chromium against simulated boxes: a G1 box
 * (its real jinja pages) through /server_connect's `iotname`, a G2 box through connect_to_server's
 * `iotname`, a G3 tree through update_hostname; all
 * reboot before answering (rename_iot.sh), and the overview shows the name the box came back
 * with. A 19.0 box (no renaming) and a box on its own access point are not offered it.
 */

let lab: FlowLab;

beforeAll(async () => {
  lab = await startFlowLab({
    boxes: [
      { key: 'g2', generation: 'g2' },
      { key: 'g3', generation: 'g3', updateHostname: true, connected: true },
      { key: 'g4-19', generation: 'g4' },
      { key: 'g2-ap', generation: 'g2', accessPoint: true },
      { key: 'g1', generation: 'g1', connected: true },
    ],
    discoverySubnet: '127.0.88.0/29',
  });
});
afterAll(async () => {
  await lab?.close();
});

function boxNamed(key: string): BoxSimulator {
  const box = lab.boxes.get(key);
  if (box === undefined) {
    throw new Error(`no box ${key}`);
  }
  return box;
}

async function press(locator: Locator): Promise<void> {
  await locator.focus();
  await locator.press('Enter');
}

const TEXTS = {
  en: {
    setup: 'Set up a new box',
    address: 'IP address or web address of the box',
    overview: 'Your box at a glance',
    rename: 'Rename this box',
    field: 'New name',
    save: 'Rename',
    cancel: 'Cancel',
    renamed: (name: string) => `The box is now called ${name}.`,
  },
  it: {
    setup: 'Configura un nuovo box',
    address: 'Indirizzo IP o indirizzo web del box',
    overview: 'Il tuo box in breve',
    rename: 'Rinomina questo box',
    field: 'Nuovo nome',
    save: 'Rinomina',
    cancel: 'Annulla',
    renamed: (name: string) => `Ora il box si chiama ${name}.`,
  },
} as const;

/** Welcome → set up → the box typed by address → its overview. */
async function toOverview(
  box: BoxSimulator,
  language: keyof typeof TEXTS,
): Promise<{ page: Page; consoleErrors: string[] }> {
  const texts = TEXTS[language];
  const address = `${box.host}:${box.port}`;
  const { page, consoleErrors } = await openPage(lab.browser, lab.preview.url, {
    locale: language === 'en' ? 'en-US' : 'it-IT',
  });
  await press(page.getByRole('button', { name: texts.setup }));
  const field = page.getByLabel(texts.address);
  await field.fill(address);
  await field.press('Enter');
  await press(page.getByRole('button', { name: `(${address})` }));
  await page.getByRole('heading', { level: 2, name: texts.overview }).waitFor();
  return { page, consoleErrors };
}

/** Every request that renames a box, on any generation. */
function renames(box: BoxSimulator): string[] {
  return box.received
    .map((request) => request.path)
    .filter((path) => /\/(server_connect|connect_to_server|update_hostname)$/.test(path));
}

function renameForm(page: Page): Locator {
  return page.locator('form.rename-form');
}

describe('Rename this box', () => {
  it('G2: the name rule inline, Cancel keeps the name, then the reboot and the verified new name', async () => {
    const box = boxNamed('g2');
    const restarts = box.restarts;
    const { page, consoleErrors } = await toOverview(box, 'en');
    const texts = TEXTS.en;
    await press(page.getByRole('button', { name: texts.rename }));
    const field = page.getByLabel(texts.field);
    await field.fill('till 7');
    await page.getByText('no spaces or other signs').waitFor();
    expect(await renameForm(page).getByRole('button', { name: texts.save }).isDisabled()).toBe(
      true,
    );
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    await screenshot(page, 'rename-form-en');

    await field.fill('Till-7');
    await press(renameForm(page).getByRole('button', { name: texts.cancel }));
    await press(page.getByRole('button', { name: texts.rename }));
    expect(await page.getByLabel(texts.field).inputValue()).toBe('Till-7');
    // Nothing reached the box so far.
    expect(renames(box)).toEqual([]);

    await press(renameForm(page).getByRole('button', { name: texts.save }));
    await page.getByRole('heading', { name: 'Renaming the box to Till-7' }).waitFor();
    expect(await page.getByRole('button', { name: 'Continue', exact: true }).isDisabled()).toBe(
      true,
    );
    await page.getByText(texts.renamed('Till-7')).waitFor({ timeout: 60_000 });
    expect(await page.locator('.overview-identity dd').first().textContent()).toContain('Till-7');
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    await screenshot(page, 'rename-done-en');

    const sent = box.received.filter((request) => request.path.endsWith('/connect_to_server'));
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? '{}')).toMatchObject({ params: { iotname: 'Till-7' } });
    expect(box.state.hostname).toBe('Till-7');
    expect(box.restarts).toBeGreaterThan(restarts);

    // The next step works with the box under its new name.
    await press(page.getByRole('button', { name: 'Continue', exact: true }));
    await page.getByRole('heading', { level: 2, name: 'Connect to your database' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Till-7');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('G3 with update_hostname, in Italian: renamed through its own route, still connected', async () => {
    const box = boxNamed('g3');
    const { page, consoleErrors } = await toOverview(box, 'it');
    const texts = TEXTS.it;
    await press(page.getByRole('button', { name: texts.rename }));
    await page.getByLabel(texts.field).fill('cassa-2');
    await press(renameForm(page).getByRole('button', { name: texts.save }));
    await page.getByText(texts.renamed('cassa-2')).waitFor({ timeout: 60_000 });
    const sent = box.received.filter((request) => request.path.endsWith('/update_hostname'));
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? '{}')).toMatchObject({ params: { hostname: 'cassa-2' } });
    expect(box.state).toMatchObject({
      hostname: 'cassa-2',
      serverUrl: 'https://shop.example.test',
    });
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('G1 (jinja homepage): renamed through /server_connect, its server kept; unplugged, said so', async () => {
    const box = boxNamed('g1');
    const { page, consoleErrors } = await toOverview(box, 'en');
    await press(page.getByRole('button', { name: TEXTS.en.rename }));
    await page.getByLabel(TEXTS.en.field).fill('counter-1');
    await press(renameForm(page).getByRole('button', { name: TEXTS.en.save }));
    await page.getByText(TEXTS.en.renamed('counter-1')).waitFor({ timeout: 60_000 });
    expect(renames(box)).toEqual(['/server_connect']);
    expect(box.state).toMatchObject({
      hostname: 'counter-1',
      serverUrl: 'https://shop.example.test',
    });

    // Unplugged now: the diagnosis and its next step, the name kept to try again.
    await box.close();
    await press(page.getByRole('button', { name: TEXTS.en.rename }));
    await page.getByLabel(TEXTS.en.field).fill('counter-2');
    await press(renameForm(page).getByRole('button', { name: TEXTS.en.save }));
    const alert = page.getByRole('alert').filter({ hasText: 'The box does not answer' });
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toContain('Check that the box is powered');
    expect(await page.getByLabel(TEXTS.en.field).inputValue()).toBe('counter-2');
    expect(await page.locator('.overview-identity dd').first().textContent()).toContain(
      'counter-1',
    );
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['a 19.0 box (G4), which has no renaming', 'g4-19', "This box can't be renamed from here."],
    [
      'a box on its own access point',
      'g2-ap',
      'Renaming is possible once the box is on your Wi-Fi',
    ],
  ])('%s: no Rename, a short reason instead', async (_case, key, reason) => {
    const box = boxNamed(key);
    const { page, consoleErrors } = await toOverview(box, 'en');
    await page.getByText(reason).waitFor();
    expect(await page.getByRole('button', { name: TEXTS.en.rename }).count()).toBe(0);
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    expect(renames(box)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
