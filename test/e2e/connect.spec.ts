import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startFaultProxy } from '../integration/box-fault-proxy';
import {
  startBoxSimulator,
  type BoxSimulator,
  type BoxSimulatorOptions,
} from '../lab/sim/box-simulator';
import { startOdooDbSimulator, type OdooDbSimulatorOptions } from '../lab/sim/odoo-db-simulator';
import { createNodeHttp } from '../../electron/core/adapters/node-http';
import { startPreview, type Preview } from '../preview/start-preview';
import { memorySecretStore } from '../fakes/memory-secret-store';
import { forwardingHttp } from '../support/forward-http';
import { launchChromium, openPage, screenshot } from './support/browser';

/*
 * The "Connect to your database" step in Chromium against the real core: box simulators and a
 * simulated Odoo database on loopback (127.0.79.x, random ports), the box typed by address in
 * the find step. What the box received is read from the simulator itself.
 */

const UUID = '0b5d1c9e-3f7a-4c2e-9a61-2d8e5f4b7c30';
const CODE = 'M2407lab0001';
const SECRET = 's3cr3tToken';
const URL_TOKEN = `https://shop.example.test?token=${SECRET}&db_uuid=${UUID}&enterprise_code=${CODE}`;
const PASSWORD = 'correct horse';

let preview: Preview;
let browser: Browser;
let nextHost = 1;
const cleanups: (() => Promise<unknown>)[] = [];
/** The shop's database on its LAN, forwarded to a simulator on loopback by the test that needs it. */
const LAN_DB = '192.168.77.50:8069';
const forwards: Record<string, string> = {};

beforeAll(async () => {
  [preview, browser] = await Promise.all([
    startPreview({ ports: { http: forwardingHttp(createNodeHttp(), forwards) } }),
    launchChromium(),
  ]);
});
afterEach(async () => {
  await Promise.allSettled(cleanups.splice(0).map((cleanup) => cleanup()));
});
afterAll(async () => {
  await Promise.allSettled([browser.close(), preview.close()]);
});

async function startBox(options: Partial<BoxSimulatorOptions> = {}): Promise<BoxSimulator> {
  const box = await startBoxSimulator({
    generation: 'g4',
    host: `127.0.79.${nextHost++}`,
    port: 0,
    hostname: 'shop-box',
    // Short restarts keep the test quick; the wait still sees the box go down and come back.
    restartDowntimeMs: 300,
    delayScale: 0.01,
    checkCertificateAtStart: false,
    ...options,
  });
  cleanups.push(() => box.close());
  await box.settled();
  return box;
}

async function startDb(options: OdooDbSimulatorOptions = {}) {
  const db = await startOdooDbSimulator({
    host: `127.0.79.${nextHost++}`,
    uuid: UUID,
    users: [
      { login: 'admin', password: PASSWORD, admin: true },
      { login: 'clerk', password: 'clerk-pw', admin: false },
    ],
    ...options,
  });
  cleanups.push(() => db.close());
  return db;
}

/** Requests that could change the box (anything but reading its status). */
const writes = (box: { received: readonly { method: string; path: string }[] }) =>
  box.received.filter((request) => request.method === 'POST' || /clear|restart/.test(request.path));

type Texts = {
  start: string;
  manual: string;
  overview: string;
  continue: string;
  connect: string;
};
const EN: Texts = {
  start: 'Set up a new box',
  manual: 'IP address or web address of the box',
  overview: 'Your box at a glance',
  continue: 'Continue',
  connect: 'Connect to your database',
};
const IT: Texts = {
  start: 'Configura un nuovo box',
  manual: 'Indirizzo IP o indirizzo web del box',
  overview: 'Il tuo box in breve',
  continue: 'Continua',
  connect: 'Collega al tuo database',
};

/** Opens the preview and chooses the box in the find step. */
async function openConnect(
  target: { host: string; port: number },
  locale: 'en-US' | 'it-IT' = 'en-US',
  on: Preview = preview,
): Promise<{ page: Page; consoleErrors: string[] }> {
  const texts = locale === 'en-US' ? EN : IT;
  const opened = await openPage(browser, on.url, { locale });
  cleanups.push(() => opened.page.context().close());
  const { page } = opened;
  await page.getByRole('button', { name: texts.start }).click();
  await chooseBox(page, target, texts);
  return opened;
}

async function chooseBox(
  page: Page,
  target: { host: string; port: number },
  texts: Texts = EN,
): Promise<void> {
  await page.getByLabel(texts.manual).fill(`${target.host}:${target.port}`);
  await page.getByLabel(texts.manual).press('Enter');
  // The box's button is named after it and its address (a substring match, in any language).
  await page.getByRole('button', { name: `(${target.host}:${target.port})` }).click();
  // The box's overview comes first; its Continue leads to the connect step.
  await page.getByRole('heading', { name: texts.overview }).waitFor();
  await page.getByRole('button', { name: texts.continue, exact: true }).click();
  await page.getByRole('heading', { name: texts.connect }).waitFor();
}

function focused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Every text the restart view shows, recorded by the page as it changes. */
async function recordProgressTexts(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { connectProgressSeen: seen });
    new MutationObserver(() => {
      const text = document.querySelector('.restart-progress [role="status"]')?.textContent;
      if (text && seen.at(-1) !== text) {
        seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () =>
    page.evaluate(
      () => (window as unknown as { connectProgressSeen: string[] }).connectProgressSeen,
    );
}

describe('Connect step in the browser preview', () => {
  it('token: checked live, summary masked, the box receives the exact token, new status shown', async () => {
    const box = await startBox();
    const { page, consoleErrors } = await openConnect(box);
    await page.getByRole('radio', { name: 'Paste the token from Odoo' }).check();
    await page.getByLabel('Connection token').fill(URL_TOKEN);
    await page.getByText('This token connects the box to https://shop.example.test.').waitFor();
    await page.getByRole('button', { name: 'Review what will be sent' }).click();
    const summary = page.getByRole('heading', { name: 'What will be sent to the box' });
    await summary.waitFor();
    // Focus follows the view, so keyboard and screen-reader users land on the summary.
    expect(await focused(summary)).toBe(true);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('0b5d1c9e…');
    expect(text).not.toContain(UUID);
    expect(text).not.toContain(CODE);
    expect(text).not.toContain(SECRET);
    expect(writes(box)).toEqual([]);
    await screenshot(page, 'connect-token-review-en');

    const progressTexts = await recordProgressTexts(page);
    await page.getByRole('button', { name: 'Send to the box' }).click();
    await page.getByRole('heading', { name: 'Done: the box has its new settings.' }).waitFor();
    const seen = await progressTexts();
    expect(seen[0]).toBe('Sending to the box…');
    expect(seen.length).toBeGreaterThan(1);
    const status = (await page.locator('.connect-facts').textContent()) ?? '';
    expect(status).toContain('https://shop.example.test');
    expect(status).toContain('Set');
    await screenshot(page, 'connect-done-en');

    const sent = writes(box);
    expect(sent.map((request) => request.path)).toEqual(['/iot_drivers/connect_to_server']);
    expect(box.received.find((request) => request.method === 'POST')?.body).toBe(
      `{"jsonrpc":"2.0","method":"call","params":{"token":${JSON.stringify(URL_TOKEN)}}}`,
    );
    expect(box.state).toMatchObject({
      serverUrl: 'https://shop.example.test',
      token: SECRET,
      dbUuid: UUID,
      enterpriseCode: CODE,
    });

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Secure connection' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('sign-in: the values read from the database reach the box', async () => {
    const box = await startBox({ generation: 'g3' });
    const db = await startDb({ expirationDate: '2099-12-31 00:00:00' });
    const { page, consoleErrors } = await openConnect(box);
    await page.getByRole('radio', { name: 'Sign in to the database' }).check();
    await page.getByLabel('Database address').fill(db.url);
    await page.getByLabel('Administrator login').fill('admin');
    const password = page.getByLabel('Your password');
    expect(await password.getAttribute('type')).toBe('password');
    expect(await password.getAttribute('autocomplete')).toBe('off');
    await password.fill(PASSWORD);
    await password.press('Enter');
    await page.getByRole('heading', { name: 'What will be sent to the box' }).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(`Database lab on ${db.url} (Odoo 18.0+e)`);
    expect(text).toContain('0b5d1c9e…');
    expect(text).toContain('December 31, 2099');
    expect(text).not.toContain(CODE);
    expect(text).not.toContain(PASSWORD);
    // The preview has no OS keychain: "remember" is not offered rather than silently ignored.
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(writes(box)).toEqual([]);
    await screenshot(page, 'connect-sign-in-review-en');

    await page.getByRole('button', { name: 'Send to the box' }).click();
    await page.getByRole('heading', { name: 'Done: the box has its new settings.' }).waitFor();
    const sent = writes(box);
    expect(sent.map((request) => request.path)).toEqual(['/hw_posbox_homepage/save_credential']);
    expect(box.received.find((request) => request.method === 'POST')?.body).toBe(
      `{"jsonrpc":"2.0","method":"call","params":{"db_uuid":"${UUID}","enterprise_code":"${CODE}"}}`,
    );
    expect(box.state).toMatchObject({ dbUuid: db.uuid, enterpriseCode: db.enterpriseCode });
    expect((await page.locator('.connect-facts').textContent()) ?? '').toContain('Set');
    // Only the credentials were sent: the status says the server connection is still missing.
    expect(
      await page
        .getByText('The box has its credentials but is not connected to a database yet')
        .isVisible(),
    ).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it('a plain http:// database on the network: warned, and the password sent only on request', async () => {
    const box = await startBox({ generation: 'g3' });
    const db = await startDb();
    forwards[LAN_DB] = `${db.host}:${db.port}`;
    cleanups.push(() => Promise.resolve(delete forwards[LAN_DB]));
    const { page, consoleErrors } = await openConnect(box);
    await page.getByRole('radio', { name: 'Sign in to the database' }).check();
    await page.getByLabel('Database address').fill(`http://${LAN_DB}`);
    await page.getByLabel('Administrator login').fill('admin');
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in and read the database' }).click();
    await page.getByText('This database address is not encrypted').waitFor();
    expect(db.received.map((request) => request.body).join('\n')).not.toContain(PASSWORD);
    await screenshot(page, 'connect-sign-in-unencrypted-en');

    await page.getByRole('button', { name: 'Send the password unencrypted' }).click();
    await page.getByRole('heading', { name: 'What will be sent to the box' }).waitFor();
    expect(db.received.map((request) => request.body).join('\n')).toContain(PASSWORD);
    expect(writes(box)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('a wrong token is named precisely and nothing is sent', async () => {
    const box = await startBox();
    const { page } = await openConnect(box);
    const field = page.getByLabel('Connection token');
    const review = page.getByRole('button', { name: 'Review what will be sent' });
    const cases = [
      [`https://shop.example.test|tok|${UUID}`, 'This is not a connection token'],
      [`http://localhost:8069|tok|${UUID}|${CODE}`, 'The token points to localhost'],
      [`https://shop.example.test?token=t&db_uuid=${UUID}`, 'Part of the token is missing'],
    ] as const;
    for (const [token, title] of cases) {
      await field.fill(token);
      await page.getByRole('alert').filter({ hasText: title }).waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await review.isDisabled()).toBe(true);
    }
    await screenshot(page, 'connect-token-invalid-en');
    // Enter on an invalid token does not open the summary either.
    await field.press('Enter');
    expect(await page.getByRole('heading', { name: 'What will be sent to the box' }).count()).toBe(
      0,
    );
    expect(writes(box)).toEqual([]);
    expect(box.state.serverUrl).toBeNull();
  });

  it('a v19 token (with db_name) connects an older G2 box quietly, in the form it reads', async () => {
    const box = await startBox({ generation: 'g2' });
    const { page } = await openConnect(box);
    await page.getByRole('radio', { name: 'Paste the token from Odoo' }).check();
    await page.getByLabel('Connection token').fill(`${URL_TOKEN}&db_name=shop`);
    await page.getByText('This token connects the box to https://shop.example.test.').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('button', { name: 'Review what will be sent' }).click();
    await page.getByRole('button', { name: 'Send to the box' }).click();
    await page.getByRole('heading', { name: 'Done: the box has its new settings.' }).waitFor();
    expect(box.received.filter((request) => request.method === 'POST').map((r) => r.body)).toEqual([
      `{"jsonrpc":"2.0","method":"call","params":{"token":${JSON.stringify(
        `https://shop.example.test|${SECRET}|${UUID}|${CODE}`,
      )}}}`,
    ]);
  });

  it('wrong password, non-administrator and non-Odoo address each get their own message', async () => {
    const box = await startBox();
    const db = await startDb();
    const other = await startBox({ generation: 'g1' });
    const { page, consoleErrors } = await openConnect(box);
    await page.getByRole('radio', { name: 'Sign in to the database' }).check();
    const submit = page.getByRole('button', { name: 'Sign in and read the database' });
    const cases = [
      [db.url, 'admin', 'wrong', 'Wrong login or password'],
      [db.url, 'clerk', 'clerk-pw', 'An administrator is needed'],
      [other.httpUrl, 'admin', PASSWORD, 'This is not an Odoo database'],
    ] as const;
    for (const [url, login, password, title] of cases) {
      await page.getByLabel('Database address').fill(url);
      await page.getByLabel('Administrator login').fill(login);
      await page.getByLabel('Your password').fill(password);
      await submit.click();
      await page.getByRole('alert').filter({ hasText: title }).waitFor();
      if (title === 'Wrong login or password') {
        await screenshot(page, 'connect-sign-in-wrong-password-en');
      }
    }
    expect(writes(box)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('a plan without the external API and two-factor authentication are named; an API key gets through', async () => {
    const KEY = '5e1f0a2b3c4d5e6f708192a3b4c5d6e7f8091a2b';
    const box = await startBox();
    const standard = await startDb({ plan: 'standard' });
    const twoFactor = await startDb({
      version: '19.0',
      users: [{ login: 'admin', password: PASSWORD, admin: true, totp: true, apiKeys: [KEY] }],
    });
    const { page, consoleErrors } = await openConnect(box);
    await page.getByRole('radio', { name: 'Sign in to the database' }).check();
    // The plan's limit is said before anyone types a password.
    await page.getByText('which Odoo offers on Custom plans only').waitFor();
    const submit = page.getByRole('button', { name: 'Sign in and read the database' });
    await page.getByLabel('Database address').fill(standard.url);
    await page.getByLabel('Administrator login').fill('admin');
    await page.getByLabel('Your password').fill(PASSWORD);
    await submit.click();
    await page
      .getByRole('alert')
      .filter({ hasText: "This database's plan does not let other programs read it" })
      .waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('pairing code');

    await page.getByLabel('Database address').fill(twoFactor.url);
    await page.getByLabel('Your password').fill(PASSWORD);
    await submit.click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'This account uses two-factor authentication' })
      .waitFor();
    await screenshot(page, 'connect-sign-in-2fa-en');

    await page.getByRole('radio', { name: 'API key', exact: true }).check();
    const key = page.getByLabel('Your API key');
    expect(await key.getAttribute('type')).toBe('password');
    await key.fill(KEY);
    await key.press('Enter');
    await page.getByRole('heading', { name: 'What will be sent to the box' }).waitFor();
    expect((await page.locator('main').textContent()) ?? '').toContain('(Odoo 19.0+e)');
    expect(twoFactor.received.map((request) => request.path)).toContain(
      '/json/2/ir.config_parameter/search_read',
    );
    expect((await page.locator('main').textContent()) ?? '').not.toContain(KEY);
    expect(writes(box)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('warns in plain words about a copy database with an expired subscription and no code', async () => {
    const box = await startBox();
    const db = await startDb({
      neutralized: true,
      expirationDate: '2020-01-01 00:00:00',
      enterpriseCode: null,
    });
    const { page } = await openConnect(box);
    await page.getByRole('radio', { name: 'Sign in to the database' }).check();
    await page.getByLabel('Database address').fill(db.url);
    await page.getByLabel('Administrator login').fill('admin');
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in and read the database' }).click();
    await page.getByRole('heading', { name: 'What will be sent to the box' }).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    for (const title of [
      'Odoo will probably refuse this box',
      'This is a copy, staging or test database',
      'The subscription has expired',
      'No subscription code in this database',
      'Without an enterprise code there is nothing to send.',
    ]) {
      expect(text).toContain(title);
    }
    expect(await page.getByRole('button', { name: 'Send to the box' }).isDisabled()).toBe(true);
    await screenshot(page, 'connect-warnings-en');
    expect(writes(box)).toEqual([]);
  });

  it('Back keeps what was typed, except the password once the step is left', async () => {
    const box = await startBox();
    const db = await startDb();
    const { page } = await openConnect(box);
    await page.getByLabel('Connection token').fill(URL_TOKEN);
    await page.getByRole('radio', { name: 'Sign in to the database' }).check();
    await page.getByLabel('Database address').fill(db.url);
    await page.getByLabel('Administrator login').fill('admin');
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in and read the database' }).click();
    await page.getByRole('heading', { name: 'What will be sent to the box' }).waitFor();

    // Summary → Back → the form, everything still there.
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { name: 'How do you want to connect?' }).waitFor();
    expect(await page.getByLabel('Database address').inputValue()).toBe(db.url);
    expect(await page.getByLabel('Administrator login').inputValue()).toBe('admin');
    expect(await page.getByLabel('Your password').inputValue()).toBe(PASSWORD);

    // Form → Back to the overview, Back to the find step → the same box again.
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { name: 'Your box at a glance' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { name: 'Find your IoT box' }).waitFor();
    await chooseBox(page, box);
    expect(await page.getByRole('radio', { name: 'Sign in to the database' }).isChecked()).toBe(
      true,
    );
    expect(await page.getByLabel('Database address').inputValue()).toBe(db.url);
    expect(await page.getByLabel('Administrator login').inputValue()).toBe('admin');
    expect(await page.getByLabel('Your password').inputValue()).toBe('');
    await page.getByRole('radio', { name: 'Paste the token from Odoo' }).check();
    expect(await page.getByLabel('Connection token').inputValue()).toBe(URL_TOKEN);
    // The kept token is checked again, against this box.
    await page.getByText('This token connects the box to https://shop.example.test.').waitFor();
    expect(writes(box)).toEqual([]);
  });

  it('a box that refuses the change is explained, and Try again is offered', async () => {
    // The box says it is at the proxy's address (127.0.0.1), so the wizard talks through it.
    const box = await startBox({ ip: '127.0.0.1' });
    const proxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    proxy.rules = [
      {
        path: '/iot_drivers/connect_to_server',
        reply:
          '{"jsonrpc": "2.0", "id": null, "result": {"status": "failure", "message": "Failed to write server configuration files on IoT. Please try again."}}',
      },
    ];
    const { page } = await openConnect(proxy);
    await page.getByLabel('Connection token').fill(URL_TOKEN);
    await page.getByRole('button', { name: 'Review what will be sent' }).click();
    await page.getByRole('button', { name: 'Send to the box' }).click();
    await page.getByRole('alert').filter({ hasText: 'The box refused the change' }).waitFor();
    expect(
      await page.getByRole('heading', { name: 'Connecting the box did not finish' }).isVisible(),
    ).toBe(true);
    expect(await page.getByRole('button', { name: 'Try again' }).isEnabled()).toBe(true);
    await screenshot(page, 'connect-refused-en');
    expect(box.state.serverUrl).toBeNull();
  });

  it('a box already connected is shown as done; Skip goes on in one click', async () => {
    const box = await startBox({
      serverUrl: 'https://shop.example.test',
      dbUuid: UUID,
      enterpriseCode: CODE,
    });
    const { page, consoleErrors } = await openConnect(box);
    await page
      .getByRole('heading', { name: 'This box is already connected to a database.' })
      .waitFor();
    expect((await page.locator('.connect-facts').textContent()) ?? '').toContain(
      'https://shop.example.test',
    );
    await page.getByRole('button', { name: 'Connect to another database' }).click();
    await page.getByLabel('Connection token').waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { name: 'Your box at a glance' }).waitFor();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page
      .getByRole('heading', { name: 'This box is already connected to a database.' })
      .waitFor();
    expect(writes(box)).toEqual([]);
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('heading', { name: 'Secure connection' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('works in Italian, with the keyboard only', async () => {
    const box = await startBox();
    const { page, consoleErrors } = await openConnect(box, 'it-IT');
    // The step heading has focus; Tab reaches the choice, then the token field.
    expect(await focused(page.getByRole('heading', { name: 'Collega al tuo database' }))).toBe(
      true,
    );
    await page.keyboard.press('Tab');
    expect(await focused(page.getByRole('radio', { name: 'Incolla il token da Odoo' }))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page.getByLabel('Token di connessione'))).toBe(true);
    await page.keyboard.insertText(URL_TOKEN);
    await page.getByText('Questo token collega il box a https://shop.example.test.').waitFor();
    await page.keyboard.press('Enter');
    const summary = page.getByRole('heading', { name: 'Cosa verrà inviato al box' });
    await summary.waitFor();
    expect(await focused(summary)).toBe(true);
    // Summary heading → Indietro → Annulla → Modifica → Invia al box.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page.getByRole('button', { name: 'Invia al box' }))).toBe(true);
    await page.keyboard.press('Enter');
    const done = page.getByRole('heading', { name: 'Fatto: il box ha le nuove impostazioni.' });
    await done.waitFor();
    expect(await focused(done)).toBe(true);
    expect((await page.locator('.connect-facts').textContent()) ?? '').toContain('Impostate');
    await screenshot(page, 'connect-done-it');
    expect(box.state.token).toBe(SECRET);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page.getByRole('button', { name: 'Continua' }))).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Connessione sicura' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});

describe('Remember the enterprise code (a keychain stand-in)', () => {
  let withKeychain: Preview;
  const keychain = memorySecretStore();
  beforeAll(async () => {
    withKeychain = await startPreview({ ports: { secrets: keychain } });
  });
  afterAll(async () => {
    await withKeychain.close();
  });

  it('the next box of the database gets the saved credentials with no sign-in; Forget forgets', async () => {
    const [first, second, db] = await Promise.all([
      startBox({ generation: 'g3' }),
      startBox({ generation: 'g4' }),
      startDb(),
    ]);
    const signIns = () => db.received.filter((request) => request.body.includes(PASSWORD)).length;

    const one = await openConnect(first, 'en-US', withKeychain);
    await one.page.getByRole('radio', { name: 'Sign in to the database' }).check();
    await one.page.getByLabel('Database address').fill(db.url);
    await one.page.getByLabel('Administrator login').fill('admin');
    await one.page.getByLabel('Your password').fill(PASSWORD);
    await one.page.getByLabel('Your password').press('Enter');
    await one.page.getByRole('heading', { name: 'What will be sent to the box' }).waitFor();
    await one.page.getByRole('checkbox', { name: /Remember the enterprise code/ }).check();
    await one.page.getByRole('button', { name: 'Send to the box' }).click();
    await one.page.getByRole('heading', { name: 'Done: the box has its new settings.' }).waitFor();
    expect([...keychain.values.values()].join('')).toContain(CODE);
    const afterSignIn = signIns();

    const two = await openConnect(second, 'en-US', withKeychain);
    const saved = two.page.getByRole('region', { name: 'Saved on this computer' });
    await saved.waitFor();
    const text = (await saved.textContent()) ?? '';
    expect(text).toContain(`lab on ${db.url} (database ID 0b5d1c9e…)`);
    expect(text).not.toContain(CODE);
    await screenshot(two.page, 'connect-remembered-en');
    await two.page
      .getByRole('button', { name: `Use the saved credentials of lab on ${db.url}` })
      .click();
    await two.page.getByRole('heading', { name: 'What will be sent to the box' }).waitFor();
    await two.page.getByRole('button', { name: 'Send to the box' }).click();
    await two.page.getByRole('heading', { name: 'Done: the box has its new settings.' }).waitFor();
    expect(second.state).toMatchObject({ dbUuid: UUID, enterpriseCode: CODE });
    expect(signIns()).toBe(afterSignIn);

    await two.page.getByRole('button', { name: 'Settings' }).click();
    await two.page
      .getByRole('button', { name: `Forget the saved credentials of lab on ${db.url}` })
      .click();
    await two.page
      .getByRole('region', { name: 'Saved on this computer' })
      .waitFor({ state: 'detached' });
    expect(keychain.values.size).toBe(0);
    expect(two.consoleErrors).toEqual([]);
  });
});
