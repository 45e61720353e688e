import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDnsJournalStore } from '../../electron/core/adapters/dns-journal-store';
import type { StepRunner } from '../../electron/core/dns/dns-config/config-types';
import { createDirectRunner } from '../../electron/core/dns/dns-config/step-runners';
import { createWindowsBackend } from '../../electron/core/dns/dns-config/windows';
import type { LookupPort } from '../../electron/core/ports';
import { startPreview, type Preview } from '../preview/start-preview';
import { FakeWindows, TOOLS } from '../support/dns-machines';
import { seriousViolationsBothThemes } from './support/axe';
import { openPlanWith } from './support/dns-plans';
import { launchChromium, openPage, screenshot } from './support/browser';
import {
  loopbackNameservers,
  loopbackSystemLookup,
  PUBLIC_DNS,
  ROUTER_DNS,
  startLoopbackDns,
  type LoopbackDns,
} from './support/loopback-dns';

// The wizard's side of a safe DNS change, on a simulated Windows PC (the registry-based state of
// test/fixtures/dns) behind real loopback dnsmasq resolvers: a managed PC is refused before any
// prompt, VPNs and browser policies are said before the prompt, a waiting prompt is announced,
// a tampered journal is refused and can be forgotten, and closing the preview rolls back.

const BOX_IP = '127.0.0.204';
const NAME = '127-0-0-204.d73e7513.odoo-iot.com';
const ETHERNET = '{3F2C8B61-7D0A-4E59-9C1B-5A6E2D4F8A10}';

let browser: Browser;
let dns: LoopbackDns;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotbox-dns-safety-'));
  await writeFile(join(dir, 'router.conf'), `nameserver ${ROUTER_DNS.address}\n`);
  await writeFile(join(dir, 'public.conf'), `nameserver ${PUBLIC_DNS.address}\n`);
  [dns, browser] = await Promise.all([
    startLoopbackDns([{ name: NAME, address: BOX_IP }]),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await Promise.allSettled([browser?.close(), dns?.close()]);
  await rm(dir, { recursive: true, force: true });
});

/** A runner that announces its prompt and waits until the test "accepts" it. */
function promptingRunner(machine: FakeWindows) {
  let accept: () => void = () => undefined;
  const accepted = new Promise<void>((resolve) => {
    accept = resolve;
  });
  const direct = createDirectRunner({
    command: machine,
    files: { read: () => Promise.resolve(null), writeInPlace: () => Promise.resolve() },
  });
  const runner: StepRunner = {
    prompts: true,
    run: async (groups, signal) => {
      await accepted;
      return direct.run(groups, signal);
    },
  };
  return { runner, accept };
}

async function previewOf(
  machine: FakeWindows,
  runner: StepRunner,
  dataDir: string,
): Promise<Preview> {
  // The PC's resolver is the filtering router until its default adapter points at "Google".
  const router = loopbackSystemLookup(join(dir, 'router.conf'));
  const google = loopbackSystemLookup(join(dir, 'public.conf'));
  const onGoogle = () => machine.adapter(ETHERNET)?.static4.startsWith(PUBLIC_DNS.address) ?? false;
  const lookup: LookupPort = {
    lookup: (name, signal) => (onGoogle() ? google : router).lookup(name, signal),
  };
  return startPreview({
    dataDir,
    ports: {
      lookup,
      networkInfo: {
        dnsServers: () =>
          loopbackNameservers(join(dir, onGoogle() ? 'public.conf' : 'router.conf')),
        defaultGateway: () => Promise.resolve(null),
        searchDomains: () => Promise.resolve([]),
        gatewayMac: () => Promise.resolve(null),
      },
    },
    dnsJournal: createDnsJournalStore(dataDir),
    dns: {
      references: [PUBLIC_DNS],
      dohUrl: null,
      fixServers: { ipv4: [PUBLIC_DNS.address], ipv6: [] },
      config: () =>
        Promise.resolve({
          backend: createWindowsBackend({ command: machine, tools: TOOLS }),
          runner,
        }),
    },
  });
}

async function openRepair(preview: Preview, locale: string, repair: string, label: string) {
  const opened = await openPage(browser, preview.url, { locale });
  await opened.page.getByRole('button', { name: repair }).click();
  await opened.page.getByLabel(label).fill(NAME);
  await opened.page.getByLabel(label).press('Enter');
  return opened;
}

describe("A safe change of this computer's DNS (preview, simulated Windows)", () => {
  it('refuses a managed PC before any prompt, in German, and points to the router fix', async () => {
    const machine = new FakeWindows('windows-state-managed.json');
    const dataDir = join(dir, 'managed');
    const preview = await previewOf(machine, promptingRunner(machine).runner, dataDir);
    try {
      const { page, consoleErrors } = await openRepair(
        preview,
        'de-DE',
        'DNS reparieren',
        'Webadresse oder IP-Adresse der Box',
      );
      await openPlanWith(page, 'Für mich ändern');
      await page.getByRole('button', { name: 'Für mich ändern' }).click();
      await page.getByText('Ihre Organisation legt das DNS dieses Computers fest').waitFor();
      await page.getByText('Nutzen Sie stattdessen die Lösung am Router').waitFor();
      expect(machine.calls.some((call) => call.file === TOOLS.netsh)).toBe(false);
      await screenshot(page, 'fix-dns-managed-de');
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    } finally {
      await preview.close();
    }
  });

  it('says what it leaves alone, waits visibly for the prompt, and closing rolls back', async () => {
    const machine = new FakeWindows('windows-state-static-wireguard.json');
    const { runner, accept } = promptingRunner(machine);
    const preview = await previewOf(machine, runner, join(dir, 'vpn'));
    let closed = false;
    try {
      const { page, consoleErrors } = await openRepair(
        preview,
        'en-US',
        'Repair DNS',
        'Box web address or IP address',
      );
      await openPlanWith(page, 'Change it for me');
      await page.getByRole('button', { name: 'Change it for me' }).click();
      await page.getByText('This changes Ethernet only').waitFor();
      await page
        .getByText('A VPN (Shop VPN) is connected. The assistant leaves it alone')
        .waitFor();
      await page.getByText('Google Chrome is set by your organisation').waitFor();
      expect(await seriousViolationsBothThemes(page)).toEqual([]);
      await screenshot(page, 'fix-dns-preview-en');
      await page.getByRole('button', { name: 'Change it', exact: true }).click();
      await page.getByText("Your computer is asking for an administrator's permission").waitFor();
      accept();
      await page.getByRole('button', { name: 'Keep this change' }).waitFor();
      expect(machine.adapter(ETHERNET)?.static4).toBe(PUBLIC_DNS.address);
      // The WireGuard adapter kept its own DNS.
      expect(machine.state.adapters.find((adapter) => adapter.name === 'Shop VPN')?.static4).toBe(
        '10.66.0.1',
      );
      expect(consoleErrors).toEqual([]);
      await page.context().close();
      // Nobody pressed "Keep": closing the preview puts the settings back.
      await preview.close();
      closed = true;
      expect(machine.adapter(ETHERNET)).toMatchObject({
        static4: '1.1.1.1,9.9.9.9',
        static6: '2606:4700:4700::1111',
      });
    } finally {
      if (!closed) {
        await preview.close();
      }
    }
  });

  it('refuses a journal changed outside the assistant at start, and forgets it on request', async () => {
    const machine = new FakeWindows('windows-state-de-ethernet-dhcp.json');
    const dataDir = join(dir, 'tampered');
    const store = createDnsJournalStore(dataDir);
    await store.key.key();
    await store.file.write({
      version: 2,
      id: '0123456789abcdef',
      state: 'confirmed',
      seal: { kind: 'file', mac: '0'.repeat(64) },
    });
    const preview = await previewOf(machine, promptingRunner(machine).runner, dataDir);
    try {
      const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'en-US' });
      await page.getByText('The saved DNS settings were changed outside the assistant').waitFor();
      await page.getByRole('button', { name: 'Forget this change' }).click();
      await page.getByText('The assistant will stop offering to undo this change').waitFor();
      await page.getByRole('button', { name: 'Yes, forget it' }).click();
      await page
        .getByText('Forgotten. The assistant no longer offers to undo this change.')
        .waitFor();
      expect(await store.file.read()).toMatchObject({ state: 'forgotten' });
      expect(machine.calls).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    } finally {
      await preview.close();
    }
  });
});
