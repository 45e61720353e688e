import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDnsJournalStore } from '../../electron/core/adapters/dns-journal-store';
import { createNodeTextFile } from '../../electron/core/adapters/node-text-file';
import { createResolvConfBackend } from '../../electron/core/dns/dns-config/linux-resolv-conf';
import { createDirectRunner } from '../../electron/core/dns/dns-config/step-runners';
import { startPreview, type Preview } from '../preview/start-preview';
import { seriousViolationsBothThemes } from './support/axe';
import { openPlanWith } from './support/dns-plans';
import { launchChromium, openPage, screenshot, SCREENSHOT_DIR } from './support/browser';
import {
  loopbackNameservers,
  loopbackSystemLookup,
  PUBLIC_DNS,
  ROUTER_DNS,
  startLoopbackDns,
  type LoopbackDns,
} from './support/loopback-dns';

// The DNS repair flow in the browser preview, against real dnsmasq instances on loopback (a
// filtering "router" and a "public DNS"), with this "computer"'s resolv.conf a temp file: the
// preview's core never touches the machine's DNS.

// A loopback box address: dnsmasq's rebind filter blocks 127/8 answers like RFC 1918 ones, and the
// re-check's HTTPS connection then stays on loopback (nothing listens there: refused at once).
const BOX_IP = '127.0.0.203';
const NAME = '127-0-0-203.d73e7513.odoo-iot.com';
const ORIGINAL = `nameserver ${ROUTER_DNS.address}\n`;

let preview: Preview;
let browser: Browser;
let dns: LoopbackDns;
let dir: string;
let resolvConf: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotbox-fix-dns-'));
  resolvConf = join(dir, 'resolv.conf');
  await writeFile(resolvConf, ORIGINAL);
  dns = await startLoopbackDns([{ name: NAME, address: BOX_IP }]);
  const files = createNodeTextFile();
  [preview, browser] = await Promise.all([
    startPreview({
      ports: {
        lookup: loopbackSystemLookup(resolvConf),
        networkInfo: {
          dnsServers: () => loopbackNameservers(resolvConf),
          defaultGateway: () => Promise.resolve(null),
          searchDomains: () => Promise.resolve(['fritz.box']),
          gatewayMac: () => Promise.resolve(null),
        },
      },
      dnsJournal: createDnsJournalStore(dir),
      dns: {
        references: [PUBLIC_DNS],
        dohUrl: null,
        fixServers: { ipv4: [PUBLIC_DNS.address], ipv6: [] },
        config: () =>
          Promise.resolve({
            backend: createResolvConfBackend({ files, path: resolvConf }),
            runner: createDirectRunner({
              command: {
                run: () => Promise.reject(new Error('no OS command in the preview test')),
              },
              files,
            }),
          }),
      },
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await Promise.allSettled([browser?.close(), preview?.close(), dns?.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe("Fix the box's web address (preview)", () => {
  it('shows the verdict, collapsed evidence and the plans; changes, keeps and undoes', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'en-US' });
    await page.getByRole('button', { name: 'Repair DNS' }).click();
    await page.getByRole('heading', { name: "Fix the box's web address" }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe("Fix the box's web address");

    await page.getByLabel('Box web address or IP address').fill(NAME);
    await page.getByLabel('Box web address or IP address').press('Enter');
    await page.getByText("Your router hides the box's address").waitFor();

    // Evidence: present but collapsed until asked for.
    const details = page.locator('details.dns-evidence');
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    await page.getByText('Show what each resolver answered').click();
    await page.getByRole('cell', { name: 'Empty answer (filtered)' }).first().waitFor();
    await page.getByRole('cell', { name: BOX_IP }).waitFor();
    expect(await page.getByText('Router: FRITZ!Box').isVisible()).toBe(true);

    // The router as recognised (from the search domain it hands out), with its own fixes in the
    // order that works whether the router or the provider filters: DHCP first, then the exception.
    await page.getByText('FRITZ!Box, recognised from the network name it hands out.').waitFor();
    const titles = await page.locator('.dns-plan h4').allTextContents();
    expect(titles).toEqual([
      'Have your router hand out Google DNS',
      'Allow odoo-iot.com on your router',
      'Use Google DNS on this computer',
      'Fix the other devices',
      "Last resort: write the address into this computer's hosts file",
    ]);
    // One way at a time: the first is open, the others open on their title.
    await page
      .locator('.dns-plan summary', { hasText: 'Allow odoo-iot.com on your router' })
      .click();
    expect(
      await page
        .getByText('odoo-iot.com to the "DNS rebind protection" exceptions', { exact: false })
        .isVisible(),
    ).toBe(true);
    await screenshot(page, 'fix-dns-verdict-en');

    await openPlanWith(page, 'Change it for me');

    await page.getByRole('button', { name: 'Change it for me' }).click();
    await page.getByRole('button', { name: 'Keep this change' }).waitFor();
    expect(await readFile(resolvConf, 'utf8')).toContain(`nameserver ${PUBLIC_DNS.address}`);
    await page.getByRole('button', { name: 'Keep this change' }).click();
    await page.getByText('Kept. You can undo it later').waitFor();

    await page.getByRole('button', { name: 'Check again', exact: true }).click();
    await page
      .getByText('This computer finds the box, but the secure connection failed.')
      .waitFor();
    // The new verdict replaced the old one: nothing on the page still says the router hides it.
    expect(await page.getByText("Your router hides the box's address").count()).toBe(0);

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Your previous DNS settings are back.').waitFor();
    expect(await readFile(resolvConf, 'utf8')).toBe(ORIGINAL);
    await screenshot(page, 'fix-dns-restored-en');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('"I did this: check again" replaces the verdict in place, focused and in view, and says what fixed it', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, {
      locale: 'en-US',
      viewport: { width: 960, height: 680 },
    });
    await page.getByRole('button', { name: 'Repair DNS' }).click();
    await page.getByLabel('Box web address or IP address').fill(NAME);
    await page.getByLabel('Box web address or IP address').press('Enter');
    await page.getByText("Your router hides the box's address").waitFor();
    const verdict = page.getByTestId('dns-verdict');
    await expect.poll(() => verdict.evaluate((node) => node === document.activeElement)).toBe(true);
    await screenshot(page, 'fix-dns-rebind-960x680-en');

    // The first way: the router's DHCP now hands out the public DNS (a lease renewal, here).
    await writeFile(resolvConf, `nameserver ${PUBLIC_DNS.address}\n`);
    const first = page.locator('.dns-plan').first();
    await first.getByRole('button', { name: 'I did this: check again' }).click();
    await verdict.getByText('This computer finds the box').first().waitFor();
    await verdict.getByText('Fixed: "Have your router hand out Google DNS" did it.').waitFor();
    expect(await page.locator('.notice-problem').count()).toBe(0);
    expect(await page.getByText("Your router hides the box's address").count()).toBe(0);
    await expect.poll(() => verdict.evaluate((node) => node === document.activeElement)).toBe(true);
    await expect
      .poll(() =>
        verdict.evaluate((node) => {
          const box = node.getBoundingClientRect();
          return box.top >= 0 && box.top < window.innerHeight;
        }),
      )
      .toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}fix-dns-recheck-960x680-en.png` });
    await writeFile(resolvConf, ORIGINAL);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('after a restart mid-change, the welcome screen offers to restore the saved DNS', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'en-US' });
    await page.getByRole('button', { name: 'Repair DNS' }).click();
    await page.getByLabel('Box web address or IP address').fill(NAME);
    await page.getByLabel('Box web address or IP address').press('Enter');
    await openPlanWith(page, 'Change it for me');
    await page.getByRole('button', { name: 'Change it for me' }).click();
    await page.getByRole('button', { name: 'Keep this change' }).waitFor();
    expect(await readFile(resolvConf, 'utf8')).not.toBe(ORIGINAL);
    // The window goes away before the change is confirmed; the next start finds the open journal.
    await page.reload();
    const notice = page.getByRole('region', { name: 'Your DNS change was interrupted' });
    await notice.waitFor();
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    await notice.getByRole('button', { name: 'Restore what the assistant changed' }).click();
    await notice.getByText('Your previous DNS settings are back.').waitFor();
    expect(await readFile(resolvConf, 'utf8')).toBe(ORIGINAL);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('Settings restores what the assistant changed, and only offers it when there is a change', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'en-US' });
    const restore = page.getByRole('button', { name: 'Restore what the assistant changed' });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText("The assistant has not changed this computer's DNS.").waitFor();
    expect(await restore.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Repair DNS' }).click();
    await page.getByLabel('Box web address or IP address').fill(NAME);
    await page.getByLabel('Box web address or IP address').press('Enter');
    await openPlanWith(page, 'Change it for me');
    await page.getByRole('button', { name: 'Change it for me' }).click();
    await page.getByRole('button', { name: 'Keep this change' }).click();
    await page.getByText('Kept. You can undo it later').waitFor();
    expect(await readFile(resolvConf, 'utf8')).not.toBe(ORIGINAL);

    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => restore.isEnabled()).toBe(true);
    await screenshot(page, 'settings-dns-undo-en');
    await restore.click();
    await page
      .getByRole('region', { name: 'Settings' })
      .getByText('Your previous DNS settings are back.')
      .waitFor();
    expect(await readFile(resolvConf, 'utf8')).toBe(ORIGINAL);
    expect(await restore.isDisabled()).toBe(true);
    // The preview has no OS keychain: remembering the enterprise code is not offered.
    expect(
      await page.getByRole('checkbox', { name: /Remember the enterprise code/ }).isDisabled(),
    ).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('says so, in Italian too, when the address is not a box name', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'it-IT' });
    await page.getByRole('button', { name: 'Ripara il DNS' }).click();
    await page.getByLabel('Indirizzo web o indirizzo IP del box').fill('example.com');
    await page.getByRole('button', { name: 'Controlla' }).click();
    await page.getByRole('alert').getByText('Questo non è un indirizzo web del box').waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
