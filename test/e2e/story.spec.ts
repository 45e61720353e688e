import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seriousViolationsBothThemes } from './support/axe';
import { openPage, SCREENSHOT_DIR } from './support/browser';
import { boxName, startFlowLab, type FlowLab } from './support/flow-lab';

/*
 * The wizard tells one story, at the app's window size (960×680), in Chromium against the lab's
 * simulated boxes on loopback: boxes told apart on cards; the way on always in view; a DNS
 * problem said as a web address problem (the certificate is fine, with its facts) and shown at
 * once on the Web address step; an expired certificate with the box's view and this computer's,
 * with dates, on every screen; a typed address waited for patiently. Keyboard only, axe clean in
 * both colour schemes.
 */

const VIEWPORT = { width: 960, height: 680 };
const PAIRING_CODE = '1A2B3C';
let lab: FlowLab;

beforeAll(async () => {
  lab = await startFlowLab({
    boxes: [
      // G4 reports no host name: told apart by serial number and the pairing code it shows.
      { key: 'plain', pairingCode: PAIRING_CODE },
      { key: 'named', generation: 'g2', hostname: 'shop-counter', restartDowntimeMs: 6_000 },
      { key: 'dns', connected: true },
      { key: 'old', connected: true, servesOldCertificate: true },
      // Answers after 2.2 s: more than the search gives a host (2 s), less than a typed address.
      { key: 'slow', answerDelayMs: 2_200 },
    ],
    discoverySubnet: '127.0.88.0/29',
  });
});
afterAll(async () => {
  await lab?.close();
});

function simulator(key: string) {
  const box = lab.boxes.get(key);
  if (box === undefined) {
    throw new Error(`no box ${key}`);
  }
  return box;
}

const address = (key: string): string => `${simulator(key).host}:${simulator(key).port}`;

/** A date as the wizard writes it in English. */
const longDate = (date: Date): string =>
  new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(date);

/** Presses a control from the keyboard: focus it, then Enter, as a keyboard-only user does. */
async function press(locator: Locator): Promise<void> {
  await locator.focus();
  await locator.press('Enter');
}

async function onStep(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { level: 2, name: heading }).waitFor({ timeout: 30_000 });
}

/** Back and the primary action (when the step has one now) are on screen, without scrolling. */
async function expectWayOnInView(page: Page, primary: string | null): Promise<void> {
  const bar = page.locator('.step-actions');
  for (const name of primary === null ? ['Back'] : ['Back', primary]) {
    const box = await bar.getByRole('button', { name, exact: true }).boundingBox();
    expect(box, name).not.toBeNull();
    expect(box?.y ?? -1, name).toBeGreaterThanOrEqual(0);
    expect((box?.y ?? VIEWPORT.height) + (box?.height ?? 0), name).toBeLessThanOrEqual(
      VIEWPORT.height,
    );
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}-960x680.png` });
}

async function opened(): Promise<{ page: Page; consoleErrors: string[] }> {
  return openPage(lab.browser, lab.preview.url, { locale: 'en-US', viewport: VIEWPORT });
}

/** Welcome → "Check a box" → the box typed by address → its overview. */
async function typeBox(page: Page, key: string, flow = 'Check a box'): Promise<void> {
  await press(page.getByRole('button', { name: flow }));
  await onStep(page, 'Find your IoT box');
  const field = page.getByLabel('IP address or web address of the box');
  await field.fill(address(key));
  await field.press('Enter');
  await press(page.getByRole('button', { name: `(${address(key)})` }));
  await onStep(page, 'Your box at a glance');
}

describe('one coherent story at 960×680', () => {
  it('lists boxes as cards that tell them apart, the way on in view', async () => {
    const { page, consoleErrors } = await opened();
    await press(page.getByRole('button', { name: 'Set up a new box' }));
    await onStep(page, 'Find your IoT box');
    await press(page.getByRole('button', { name: 'Search the network' }));
    await page.getByText('Search finished.').waitFor({ timeout: 30_000 });

    const cards = page.locator('.box-cards > li.box-card');
    const plain = simulator('plain').identity;
    const card = cards.filter({ hasText: address('plain') });
    // Odoo's own name for a box without a host name: serial number, then pairing code.
    expect(await card.getByRole('heading', { level: 3 }).textContent()).toBe(
      `IoT Box ${plain.identifier} ${PAIRING_CODE}`,
    );
    await card.getByText(`Serial number ${plain.identifier}`).waitFor();
    await card.getByText(`MAC address ${plain.mac}`).waitFor();
    await card.getByText(`Pairing code ${PAIRING_CODE}`).waitFor();
    const named = cards.filter({ hasText: address('named') });
    expect(await named.getByRole('heading', { level: 3 }).textContent()).toBe('shop-counter');
    await named.getByText(`MAC address ${simulator('named').identity.mac}`).waitFor();
    // No two cards share a name, and every card shows what tells it apart.
    const names = await cards.getByRole('heading', { level: 3 }).allTextContents();
    expect(new Set(names).size).toBe(names.length);
    for (const each of await cards.all()) {
      expect(await each.getByText(/^(Serial number|MAC address) /).count()).toBeGreaterThan(0);
    }
    // The slow box answers after the search's 2 s: not listed by the search (see the typed check).
    expect(await cards.filter({ hasText: address('slow') }).count()).toBe(0);

    await expectWayOnInView(page, 'Search the network');
    await shoot(page, 'story-find');
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('keeps Back and the primary action in view on the connect step', async () => {
    const { page, consoleErrors } = await opened();
    await typeBox(page, 'plain', 'Set up a new box');
    await expectWayOnInView(page, 'Continue');
    await press(page.getByRole('button', { name: 'Continue', exact: true }));
    await onStep(page, 'Connect to your database');
    // The pairing code way first: the assistant watches, nothing to press but Back or Cancel.
    await expectWayOnInView(page, null);
    await shoot(page, 'story-connect');
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    // The token way, chosen from the keyboard: its "Review" is the primary action, in view.
    const token = page.getByRole('radio', { name: 'Paste the token from Odoo' });
    await token.focus();
    await token.press('Space');
    await expectWayOnInView(page, 'Review what will be sent');
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('says a DNS problem is a web address problem: the certificate is fine, and Web address shows the rebind at once', async () => {
    await lab.useResolver('router');
    const { page, consoleErrors } = await opened();
    await typeBox(page, 'dns');
    await press(page.getByRole('button', { name: 'Check the secure connection' }));
    await onStep(page, 'Secure connection');
    const fine = page.locator('.notice-ok', { hasText: 'The certificate is fine' });
    await fine.waitFor({ timeout: 30_000 });
    // Its facts, from the certificate the box serves, checked at its own address.
    await fine.getByText('IoT Box Assistant Lab CA (IoT Box Assistant lab)').waitFor();
    const served = simulator('dns').state.servedCertificate;
    expect(served).not.toBeNull();
    await fine
      .getByText(new RegExp(`to ${longDate(served?.notAfter ?? new Date())} \\(\\d+ days left\\)`))
      .waitFor();
    await page.getByText("This computer cannot find the box's web address yet").waitFor();
    // Not a failed secure connection: no certificate problem, no repair from here.
    expect(await page.locator('.certificate-outcome').count()).toBe(0);
    expect(await page.getByRole('button', { name: "Fix the box's web address" }).count()).toBe(0);
    // The web address is checked meanwhile: the next step opens on its result.
    await page.getByText('The web address has been checked').waitFor({ timeout: 30_000 });
    await expectWayOnInView(page, 'Continue to the web address');
    await shoot(page, 'story-secure-dns-problem');
    expect(await seriousViolationsBothThemes(page)).toEqual([]);

    await press(page.getByRole('button', { name: 'Continue to the web address' }));
    await onStep(page, "Check the box's web address");
    expect(await page.getByText("Asking this computer's DNS").count()).toBe(0);
    expect(await page.getByText("Your router hides the box's address").isVisible()).toBe(true);
    await expectWayOnInView(page, "Fix the box's web address");
    await shoot(page, 'story-web-address-rebind');
    expect(await seriousViolationsBothThemes(page)).toEqual([]);

    // The repair opens on the same verdict, without asking DNS again.
    await press(page.getByRole('button', { name: "Fix the box's web address" }));
    await onStep(page, "Fix the box's web address");
    await page
      .getByTestId('dns-verdict')
      .getByText("Your router hides the box's address")
      .waitFor();
    expect(await page.getByLabel('Box web address or IP address').inputValue()).toBe(
      boxName(simulator('dns').host),
    );
    await expectWayOnInView(page, null);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
    await lab.useResolver('public');
  });

  it("shows an expired certificate with the box's view and this computer's, with dates, on every screen", async () => {
    const { page, consoleErrors } = await opened();
    const old = simulator('old').state;
    const reported = old.certificate?.notAfter ?? new Date(0);
    const served = old.servedCertificate?.notAfter ?? new Date(0);
    // The box reports its new certificate and serves its old one (its restart is still to come).
    expect(reported.getTime()).toBeGreaterThan(Date.now());
    expect(served.getTime()).toBeLessThan(Date.now());

    await typeBox(page, 'old');
    // The overview says whose view it is: the box's.
    await page
      .getByText(`The box says its secure certificate is valid until ${longDate(reported)}`)
      .waitFor();
    await press(page.getByRole('button', { name: 'Check the secure connection' }));
    await onStep(page, 'Secure connection');
    await page.getByRole('heading', { name: 'The certificate has expired' }).waitFor({
      timeout: 30_000,
    });
    const boxSays = page.getByRole('region', { name: 'The box says' });
    await boxSays.getByText(`Until ${longDate(reported)}`).waitFor();
    const computerSees = page.getByRole('region', { name: 'This computer sees' });
    await computerSees
      .getByText(new RegExp(`to ${longDate(served)}: expired \\d+ days ago`))
      .waitFor();
    const today = longDate(new Date());
    await page.getByText(`This computer's date: ${today}`).waitFor();
    // "Check this computer's date" shows the dates it rests on.
    await page
      .getByText(
        new RegExp(
          `This computer's date is ${today}; the certificate is valid from .+ to ${longDate(served)}\\.`,
        ),
      )
      .waitFor();
    await shoot(page, 'story-expired-both-views');
    expect(await seriousViolationsBothThemes(page)).toEqual([]);

    // Back on the overview the same facts: no plain "valid" for the certificate seen expired.
    await press(page.getByRole('button', { name: 'Back', exact: true }));
    await onStep(page, 'Your box at a glance');
    const certificateLine = page.locator('.status-list li', {
      hasText: 'The box says its secure certificate is valid until',
    });
    expect(await certificateLine.getAttribute('class')).toBe('status-missing');
    await page.getByRole('region', { name: 'This computer sees' }).waitFor();
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('waits patiently for a typed address: a slow box is found, its wait shown', async () => {
    const { page, consoleErrors } = await opened();
    await press(page.getByRole('button', { name: 'Set up a new box' }));
    await onStep(page, 'Find your IoT box');
    const field = page.getByLabel('IP address or web address of the box');
    await field.fill(address('slow'));
    const started = Date.now();
    await field.press('Enter');
    await page.locator('.manual-address progress').waitFor({ timeout: 10_000 });
    await page.getByText(`Waiting for ${address('slow')} to answer:`).waitFor();
    await shoot(page, 'story-typed-address-waiting');
    await page.getByRole('button', { name: `(${address('slow')})` }).waitFor({ timeout: 30_000 });
    // Longer than the search's limit for a host's answer (2 s): it was waited for.
    expect(Date.now() - started).toBeGreaterThan(2_000);
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('says "still starting?" for a box whose service is not up yet, and lists it once it is', async () => {
    const { page, consoleErrors } = await opened();
    await press(page.getByRole('button', { name: 'Set up a new box' }));
    await onStep(page, 'Find your IoT box');
    const named = simulator('named');
    named.restart();
    // Its port is closed for 6 s, as while a box starts.
    const field = page.getByLabel('IP address or web address of the box');
    await field.fill(address('named'));
    await field.press('Enter');
    await page.getByText('Still starting? A box takes about two minutes').waitFor({
      timeout: 10_000,
    });
    expect(named.state.restarting).toBe(true);
    await page.getByRole('button', { name: `(${address('named')})` }).waitFor({ timeout: 30_000 });
    expect(await page.getByText('Still starting?').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
