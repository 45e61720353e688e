import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Browser } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/browser';
import type { LabLan, LabNodeName } from './lab-lan';
import { labCommand } from './prereqs';
import { run } from './proc';

/**
 * Debian's Chromium inside a lab namespace: Playwright starts a tiny wrapper that enters the
 * namespace (`ip netns exec` execs Chromium in place, so the PID Playwright kills is Chromium's)
 * and talks to it over pipes. The browser then has that node's addresses, routes and resolv.conf
 * and nothing else. With `trustCaPem`, its own NSS database ($HOME/.pki/nssdb) trusts that CA as a
 * root, as a tablet trusts Let's Encrypt: the same store Chromium on Linux uses for local roots.
 */
export async function launchChromiumIn(
  lan: LabLan,
  node: LabNodeName,
  options: { readonly trustCaPem?: string } = {},
): Promise<Browser> {
  const dir = mkdtempSync(path.join(lan.tmpDir, `chromium-${node}-`));
  const wrapper = path.join(dir, 'chromium.sh');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec ${labCommand('ip')} netns exec ${lan.nsOf(node)} ${CHROMIUM_PATH} "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  const home = path.join(dir, 'home');
  if (options.trustCaPem !== undefined) {
    const nssdb = path.join(home, '.pki', 'nssdb');
    mkdirSync(nssdb, { recursive: true });
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, options.trustCaPem);
    const certutil = labCommand('certutil');
    await run([certutil, '-N', '-d', `sql:${nssdb}`, '--empty-password']);
    await run([certutil, '-A', '-d', `sql:${nssdb}`, '-n', 'lab-ca', '-t', 'C,,', '-i', caFile]);
  } else {
    mkdirSync(home, { recursive: true });
  }
  return chromium.launch({
    executablePath: wrapper,
    headless: true,
    env: { HOME: home, PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    args: [...CHROMIUM_ARGS],
  });
}
