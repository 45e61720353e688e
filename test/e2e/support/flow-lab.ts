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
 * a temp file that says which of the two it asks. The preview's core uses only these.
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
};

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
      const box = await startBoxSimulator({
        generation: spec.generation ?? 'g4',
        ...(spec.g1Pages === undefined ? {} : { g1Pages: spec.g1Pages }),
        ...(spec.branchSwitch === undefined ? {} : { branchSwitch: spec.branchSwitch }),
        ...(spec.x509TimeoutMs === undefined ? {} : { x509TimeoutMs: spec.x509TimeoutMs }),
        host,
        port: 8069,
        httpsPort,
        hostname: `shop-${spec.key}`,
        ca,
        x509Url: com.x509Url,
        certificate: 'temporary',
        certificateHash: HASH,
        checkCertificateAtStart: false,
        restartDowntimeMs: 300,
        delayScale: 0.01,
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
      await box.settled();
    }
    [preview, browser] = await Promise.all([
      startPreview({
        discovery: { subnets: [options.discoverySubnet], mdns: false, localhost: false },
        certificate: { extraCa: [ca.certPem], httpsPort, pollDelaysMs: [200, 400] },
        dns: {
          lookup: loopbackSystemLookup(resolvConf),
          network: {
            dnsServers: () => loopbackNameservers(resolvConf),
            defaultGateway: () => Promise.resolve(null),
            searchDomains: () => Promise.resolve([]),
            gatewayMac: () => Promise.resolve(null),
          },
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
