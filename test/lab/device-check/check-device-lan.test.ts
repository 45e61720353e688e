import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seriousViolationsBothThemes } from '../../e2e/support/axe';
import { screenshot } from '../../e2e/support/browser';
import { createLabLan, LAB_ADDRESSES, requireLab, type LabLan } from '../netns';
import { launchChromiumIn } from '../netns/chromium';
import type { TrackedProcess } from '../netns/proc';
import { loadOrCreateLabCa } from '../sim/lab-ca';

/*
 * "Check another device" in the namespace LAN. The assistant runs on the lab PC (the CLI, then
 * the wizard in the browser preview); a second Chromium in its own namespace plays the shop's
 * tablet, trusting the lab CA in its own NSS store. With the tablet asking the router (rebind
 * protection on) the box's name is blocked there; asking the public DNS, the tablet reaches the
 * box securely. After each check the page server is closed: the tablet's connection is refused.
 */

const lab = requireLab();
const CLI = 'out/main/cli.js';
const HASH = 'a1b2c3d4';

type DeviceJson = {
  device: string;
  os: string;
  browser: string;
  verdict: string;
  checks: Record<'http' | 'name' | 'https', { ok: boolean; detail: string; ms: number }>;
  box: { ip: string; name: string };
};

describe.skipIf(lab.skip)('checking another device in the namespace LAN', () => {
  let lan: LabLan | undefined;
  let caDir = '';
  let caPem = '';
  let caPath = '';
  const browsers: Browser[] = [];

  beforeAll(async () => {
    caDir = await mkdtemp(join(tmpdir(), 'iotbox-device-lab-'));
    ({ caCertPath: caPath } = await loadOrCreateLabCa(caDir));
    caPem = await readFile(caPath, 'utf8');
    lan = await createLabLan({
      decoy: false,
      tablet: true,
      hash: HASH,
      routerDns: 'rebind-block',
      boxes: [
        { api: 'g4', mdns: false, x509Url: null, caDir, simArgs: ['--certificate', 'valid'] },
      ],
    });
  });
  afterAll(async () => {
    await Promise.allSettled(browsers.map((browser) => browser.close()));
    await lan?.close();
    await rm(caDir, { recursive: true, force: true });
  });

  const theLan = (): LabLan => {
    if (lan === undefined) throw new Error('lab did not come up');
    return lan;
  };
  const boxIp = (): string => theLan().boxes[0]?.ip ?? '';
  const boxName = (): string => theLan().boxes[0]?.dnsName ?? '';

  /** The tablet: a fresh browser (fresh DNS cache) asking `resolver` for names. */
  async function tablet(resolver: string): Promise<Page> {
    theLan().setResolvers('tablet', [resolver]);
    const browser = await launchChromiumIn(theLan(), 'tablet', { trustCaPem: caPem });
    browsers.push(browser);
    const context = await browser.newContext({
      viewport: { width: 820, height: 1180 },
      locale: 'en-US',
    });
    return context.newPage();
  }

  /** Opens the check's address on the tablet and waits for the page to show its verdict. */
  async function openOnTablet(page: Page, url: string): Promise<string> {
    await page.goto(url);
    const verdict = page.locator('#verdict');
    await expect.poll(() => verdict.textContent(), { timeout: 30_000 }).not.toBe('');
    await page.locator('#result').getByText(/Done/).waitFor({ timeout: 10_000 });
    // The page on the tablet is for shop staff too: readable in both colour schemes.
    expect(await seriousViolationsBothThemes(page)).toEqual([]);
    return (await verdict.textContent()) ?? '';
  }

  /** After the check: nothing listens at the page's address any more, from the tablet either. */
  async function expectClosed(url: string): Promise<void> {
    const { hostname, port } = new URL(url);
    const probe = await theLan().exec('tablet', [
      process.execPath,
      '-e',
      `require('node:net').connect(${port}, '${hostname}').on('connect', () => { console.log('connected'); process.exit(0); }).on('error', (e) => { console.log(e.code); process.exit(0); });`,
    ]);
    expect(probe.stdout.trim()).toBe('ECONNREFUSED');
  }

  async function runCli(): Promise<{ cli: TrackedProcess; url: string }> {
    const cli = theLan().spawn(
      'pc',
      [process.execPath, CLI, 'check-device', boxIp(), '--json', '--timeout', '120'],
      { label: 'check-device' },
    );
    const match = await cli.waitFor(/http:\/\/[\d.]+:\d+\/[\w-]{22}/, 30_000, 'stderr');
    return { cli, url: match[0] };
  }

  it('CLI: a tablet behind the rebinding router gets "name blocked on this device"', async () => {
    const { cli, url } = await runCli();
    expect(url.startsWith(`http://${LAB_ADDRESSES.pc}:`)).toBe(true);
    const page = await tablet(LAB_ADDRESSES.gateway);
    expect(await openOnTablet(page, url)).toBe("This device's DNS hides the box's name");
    const exit = await cli.exited;
    expect(exit.code).toBe(1);
    const report = JSON.parse(cli.stdout) as DeviceJson;
    expect(report).toMatchObject({
      verdict: 'name-blocked',
      os: 'linux',
      browser: 'chrome',
      box: { ip: boxIp(), name: boxName() },
      checks: {
        http: { ok: true, detail: 'box' },
        name: { ok: false, detail: 'no-answer' },
        https: { ok: false, detail: 'no-answer' },
      },
    });
    expect(report.device).toContain('Chrome/');
    // The tablet really asked the router, and the router dropped the private answer.
    expect(theLan().dnsLog('router')).toContain(
      `possible DNS-rebind attack detected: ${boxName()}`,
    );
    await expectClosed(url);
  });

  it('CLI: the same tablet asking the public DNS reaches the box securely', async () => {
    const { cli, url } = await runCli();
    const page = await tablet(LAB_ADDRESSES.publicDns);
    expect(await openOnTablet(page, url)).toBe('This device reaches the box securely');
    const exit = await cli.exited;
    expect(exit.code).toBe(0);
    const report = JSON.parse(cli.stdout) as DeviceJson;
    expect(report.verdict).toBe('ok');
    expect(Object.values(report.checks).map((check) => check.ok)).toEqual([true, true, true]);
    await expectClosed(url);
  });

  describe('through the wizard (browser preview on the lab PC)', () => {
    let preview: TrackedProcess | undefined;
    let wizard: Page | undefined;

    beforeAll(async () => {
      preview = theLan().spawn(
        'pc',
        [
          process.execPath,
          '--import',
          'tsx',
          'test/lab/device-check/lab-preview.ts',
          '--ca-file',
          caPath,
          '--reference-dns',
          LAB_ADDRESSES.publicDns,
        ],
        { label: 'lab-preview' },
      );
      const ready = await preview.waitFor(/"url":"([^"]+)"/, 30_000, 'stdout');
      const browser = await launchChromiumIn(theLan(), 'pc');
      browsers.push(browser);
      const context = await browser.newContext({
        viewport: { width: 960, height: 1080 },
        locale: 'en-US',
      });
      wizard = await context.newPage();
      await wizard.goto(ready[1] ?? '');
    });
    afterAll(async () => {
      await preview?.stop();
    });

    const thePage = (): Page => {
      if (wizard === undefined) throw new Error('no wizard page');
      return wizard;
    };

    it('"Check a box" → overview → secure → web address → Done → Check another device', async () => {
      const page = thePage();
      // This computer asks the public DNS: it reaches the box by name (the tablet may not).
      theLan().setPcResolvers([LAB_ADDRESSES.publicDns]);
      await page.getByRole('button', { name: 'Check a box' }).click();
      await page.getByLabel('IP address or web address of the box').fill(boxIp());
      await page.getByRole('button', { name: 'Check this address' }).click();
      await page.getByRole('button', { name: `(${boxIp()}:8069)` }).click();
      await page.getByRole('heading', { name: 'Your box at a glance' }).waitFor();
      // "Check a box" offers the device check right on the box's overview.
      await page.getByRole('button', { name: 'Check another device' }).waitFor();
      await page.getByRole('button', { name: 'Check the secure connection' }).click();
      await page.getByText('The box is reachable securely').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.getByText('This computer finds the box', { exact: true }).waitFor({
        timeout: 60_000,
      });
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.getByRole('heading', { name: 'All set' }).waitFor();
      await page.getByRole('button', { name: 'Check another device' }).click();
      const dialog = page.getByRole('dialog', { name: 'Check another device' });
      await dialog.getByRole('img', { name: /QR code/ }).waitFor({ timeout: 30_000 });
      await dialog.getByText('Waiting for the other device…').waitFor();
      await dialog.getByText(/Windows Defender Firewall/).waitFor();
      await screenshot(page, 'device-check-qr-en');
      expect(await seriousViolationsBothThemes(page)).toEqual([]);
    });

    async function checkFromWizard(resolver: string): Promise<string> {
      const page = thePage();
      const dialog = page.getByRole('dialog', { name: 'Check another device' });
      const url = (await dialog.locator('.device-check-url').textContent()) ?? '';
      expect(url).toMatch(
        new RegExp(`^http://${LAB_ADDRESSES.pc.replaceAll('.', '\\.')}:\\d+/[\\w-]{22}$`),
      );
      const device = await tablet(resolver);
      await openOnTablet(device, url);
      await dialog.getByText('Result for Chrome on Linux').waitFor({ timeout: 30_000 });
      await expectClosed(url);
      return url;
    }

    it('the tablet behind the rebinding router: name blocked, with the fix for that device', async () => {
      const page = thePage();
      await checkFromWizard(LAB_ADDRESSES.gateway);
      const dialog = page.getByRole('dialog', { name: 'Check another device' });
      await dialog.getByText("This device's DNS hides the box's name").waitFor();
      await dialog.getByText(/In Chrome: Settings → Privacy and security/).waitFor();
      // This computer reaches the box, the tablet does not: they resolve names differently.
      await dialog.getByText(/This computer reaches the box but this device does not/).waitFor();
      await dialog
        .getByText(/Payment terminals, printers, scales/)
        .first()
        .waitFor();
      await screenshot(page, 'device-check-name-blocked-en');
      expect(await seriousViolationsBothThemes(page)).toEqual([]);
    });

    it('the tablet asking the public DNS: reaches the box securely, with the LNA guidance', async () => {
      const page = thePage();
      const dialog = page.getByRole('dialog', { name: 'Check another device' });
      await dialog.getByRole('button', { name: 'Check a device again' }).click();
      await dialog.getByText('Waiting for the other device…').waitFor({ timeout: 30_000 });
      await checkFromWizard(LAB_ADDRESSES.publicDns);
      await dialog.getByText('This device reaches the box securely').waitFor();
      await dialog.getByText('Odoo still shows the box as disconnected?').click();
      await dialog.getByText(/Additional permissions → Local network access/).waitFor();
      await screenshot(page, 'device-check-ok-en');
      expect(await seriousViolationsBothThemes(page)).toEqual([]);
    });

    it('closing the dialog closes the page server', async () => {
      const page = thePage();
      const dialog = page.getByRole('dialog', { name: 'Check another device' });
      await dialog.getByRole('button', { name: 'Check a device again' }).click();
      await dialog.getByText('Waiting for the other device…').waitFor({ timeout: 30_000 });
      const url = (await dialog.locator('.device-check-url').textContent()) ?? '';
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
      // The stop travels over the preview bridge; each probe starts a node in the tablet.
      await expect
        .poll(
          async () => {
            try {
              await expectClosed(url);
              return 'closed';
            } catch {
              return 'open';
            }
          },
          { timeout: 20_000 },
        )
        .toBe('closed');
    });
  });
});
