import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';

import {
  startBoxSimulator,
  type BoxSimulator,
  type BoxSimulatorOptions,
  type G1Pages,
} from '../../lab/sim/box-simulator';
import { createLabCa, type LabCa } from '../../lab/sim/lab-ca';
import {
  startOdooComSimulator,
  type OdooComMode,
  type OdooComSimulator,
} from '../../lab/sim/odoo-com-simulator';
import { startPreview, type Preview } from '../../preview/start-preview';
import { launchChromium } from './browser';
import {
  loopbackNameservers,
  loopbackSystemLookup,
  PUBLIC_DNS,
  ROUTER_DNS,
  startLoopbackDns,
  type LoopbackDns,
} from './loopback-dns';

/*
 * The whole wizard's lab, all on loopback: simulated boxes on 127.0.88.2–6 (port 8069, one
 * shared HTTPS port), one simulated odoo.com per box, the loopback "public DNS" publishing
 * every box name and a filtering "router" in front of it, and this "computer"'s resolv.conf as
 * a temp file that says which of the two it asks — for the web address check and the HTTPS
 * check alike, as a browser would. The preview's core uses only these.
 */

export const HASH = 'c0ffee42';
export const DB_UUID = '0b5d1c9e-3f7a-4c2e-9a61-2d8e5f4b7c30';
export const ENTERPRISE_CODE = 'M2407lab0001';
export const TOKEN_SECRET = 's3cr3tToken';
export const URL_TOKEN = `https://shop.example.test?token=${TOKEN_SECRET}&db_uuid=${DB_UUID}&enterprise_code=${ENTERPRISE_CODE}`;
const HOSTS = [2, 3, 4, 5, 6].map((last) => `127.0.88.${last}`);

export const boxName = (host: string): string => `${host.replace(/\./g, '-')}.${HASH}.odoo-iot.com`;

export type FlowLab = {
  readonly preview: Preview;
  readonly browser: Browser;
  readonly boxes: ReadonlyMap<string, BoxSimulator>;
  /** Which DNS this "computer" asks: the public one (names resolve) or the filtering router. */
  useResolver(kind: 'public' | 'router'): Promise<void>;
  close(): Promise<void>;
};

export type BoxSpec = {
  readonly key: string;
  readonly mode?: OdooComMode;
  readonly connected?: boolean;
  /** G4 by default; G1–G3 boxes name odoo.com's refusal (G4 only says "no certificate"). */
  readonly generation?: 'g1' | 'g2' | 'g3' | 'g4';
  /** First boot without a network: the box runs its own Wi-Fi access point. */
  readonly accessPoint?: boolean;
  /** G1: the classic homepage or the refactored pages with `/technical`. */
  readonly g1Pages?: G1Pages;
  /** G1–G3: after connecting, it checks out its database's branch and restarts again. */
  readonly branchSwitch?: BoxSimulatorOptions['branchSwitch'];
  /** How long each of the box's requests to odoo.com may take (G4 default: 95 s × 0.01). */
  readonly x509TimeoutMs?: number;
  /** A host name the box reports (G1–G3 do; G4 reports none). */
  readonly hostname?: string;
  /** G3/G4 trees with `<prefix>/update_hostname` (G4: before 19.0, so it reports its name). */
  readonly updateHostname?: boolean;
  readonly pairingCode?: string;
  /** Every answer on the Odoo port waits this long (a busy or still-loading box). */
  readonly answerDelayMs?: number;
  /** How long its Odoo port stays closed when it restarts (default 300 ms). */
  readonly restartDowntimeMs?: number;
  /**
   * A Windows G4 box that fetched a new certificate when it started and has not restarted its
   * service since: it reports the new certificate and still serves its old, expired one
   * (iot_drivers/tools/certificate.py download_odoo_certificate: Windows writes the files and
   * only `odoo_restart(3)` makes nginx use them).
   */
  readonly servesOldCertificate?: boolean;
};

/** Until `ready` holds, checked every 20 ms, for at most 10 s. */
async function until(ready: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !ready();) {
    if (Date.now() - started > 10_000) {
      throw new Error(`lab: ${what} did not happen`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startFlowLab(options: {
  boxes: readonly BoxSpec[];
  /** What the find step's search covers (an empty range for "no box found"). */
  discoverySubnet: string;
}): Promise<FlowLab> {
  const ca: LabCa = createLabCa();
  const dir = await mkdtemp(join(tmpdir(), 'iotbox-flow-'));
  const resolvConf = join(dir, 'resolv.conf');
  const coms: OdooComSimulator[] = [];
  const boxes = new Map<string, BoxSimulator>();
  let dns: LoopbackDns | undefined;
  let preview: Preview | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await Promise.allSettled([
      browser?.close(),
      preview?.close(),
      dns?.close(),
      ...[...boxes.values()].map((box) => box.close()),
      ...coms.map((com) => com.close()),
    ]);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await writeFile(resolvConf, `nameserver ${PUBLIC_DNS.address}\n`);
    dns = await startLoopbackDns(HOSTS.map((host) => ({ name: boxName(host), address: host })));
    let httpsPort = 0;
    for (const [index, spec] of options.boxes.entries()) {
      const host = HOSTS[index];
      if (host === undefined) {
        throw new Error('too many boxes for the flow lab');
      }
      const com = await startOdooComSimulator({ ca, mode: spec.mode ?? 'issue', hash: HASH });
      coms.push(com);
      const oldCertificate = spec.servesOldCertificate === true;
      const box = await startBoxSimulator({
        generation: oldCertificate ? 'g4' : (spec.generation ?? 'g4'),
        ...(spec.g1Pages === undefined ? {} : { g1Pages: spec.g1Pages }),
        ...(spec.branchSwitch === undefined ? {} : { branchSwitch: spec.branchSwitch }),
        ...(spec.x509TimeoutMs === undefined ? {} : { x509TimeoutMs: spec.x509TimeoutMs }),
        ...(spec.updateHostname === undefined ? {} : { updateHostname: spec.updateHostname }),
        host,
        port: 8069,
        httpsPort,
        hostname: spec.hostname ?? `shop-${spec.key}`,
        ca,
        x509Url: com.x509Url,
        certificate: oldCertificate ? 'expired' : 'temporary',
        certificateHash: HASH,
        checkCertificateAtStart: oldCertificate,
        restartDowntimeMs: spec.restartDowntimeMs ?? 300,
        // The held box's restart (3 s after its download) stays far beyond any test.
        delayScale: oldCertificate ? 1_000 : 0.01,
        ...(oldCertificate ? { system: 'Windows' as const } : {}),
        ...(spec.pairingCode === undefined ? {} : { pairingCode: spec.pairingCode }),
        ...(spec.answerDelayMs === undefined ? {} : { answerDelayMs: spec.answerDelayMs }),
        // This computer joined the box's access point; on loopback it keeps the lab address.
        ...(spec.accessPoint === true ? { accessPoint: true, ip: host } : {}),
        ...(spec.connected === true
          ? {
              serverUrl: 'https://shop.example.test',
              dbUuid: DB_UUID,
              enterpriseCode: ENTERPRISE_CODE,
            }
          : {}),
      });
      httpsPort = box.httpsPort ?? 0;
      boxes.set(spec.key, box);
      if (oldCertificate) {
        // Its restart is held: wait for the new certificate to be on disk, not for the restart.
        await until(
          () => (box.state.certificate?.notAfter.getTime() ?? 0) > Date.now(),
          'the new certificate download',
        );
      } else {
        await box.settled();
      }
    }
    [preview, browser] = await Promise.all([
      startPreview({
        discovery: { subnets: [options.discoverySubnet], mdns: false, localhost: false },
        ports: {
          lookup: loopbackSystemLookup(resolvConf),
          networkInfo: {
            dnsServers: () => loopbackNameservers(resolvConf),
            defaultGateway: () => Promise.resolve(null),
            searchDomains: () => Promise.resolve([]),
            gatewayMac: () => Promise.resolve(null),
          },
        },
        certificate: {
          extraCa: [ca.certPem],
          httpsPort,
          pollDelaysMs: [200, 400],
        },
        dns: {
          references: [PUBLIC_DNS],
          dohUrl: null,
        },
      }),
      launchChromium(),
    ]);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    preview,
    browser,
    boxes,
    useResolver: (kind) =>
      writeFile(
        resolvConf,
        `nameserver ${(kind === 'public' ? PUBLIC_DNS : ROUTER_DNS).address}\n`,
      ),
    close,
  };
}
