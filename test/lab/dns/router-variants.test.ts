import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createLabLan,
  LAB_ADDRESSES,
  requireLab,
  type LabLan,
  type LabRouterVariant,
} from '../netns';
import { labDnsJson } from './dns-cli';

// Router recognition and the plan's first step, for real: the gateway pretends to be a FRITZ!Box,
// an OpenWrt router, a TIM Hub (Technicolor Homeware) or a Vodafone Station (SSDP, UPnP
// description, admin page, status URLs, MAC prefix), and the private answer is dropped either by
// the router's own DNS or by the provider's resolver upstream. For each, the CLI (inside the pc
// namespace, under the network guard) must recognise the router with its evidence, and the first
// fix it offers, applied to the lab, must make the name resolve.

const lab = requireLab();
const PUBLIC = LAB_ADDRESSES.publicDns;

type CliJson = {
  verdict: string;
  router: {
    family: string;
    model: string | null;
    evidence: { source: string; detail: string; family: string | null }[];
    filterAt: string | null;
    upstream: string[];
    adminUrl: string | null;
  };
  plans: { kind: string; confirmed: boolean | null }[];
};

type Case = {
  readonly variant: LabRouterVariant;
  readonly family: string;
  /** Clue sources that must be among the evidence. */
  readonly sources: readonly string[];
  readonly model: string | null;
  /** First fix when the router filters / when the provider filters. */
  readonly first: { readonly router: string; readonly isp: string };
  readonly filterAt: { readonly router: string; readonly isp: string };
};

const CASES: readonly Case[] = [
  {
    variant: 'fritzbox',
    family: 'fritzbox',
    sources: ['upnp', 'admin-page', 'local-name', 'mac-vendor'],
    model: 'FRITZ!Box 7590',
    first: { router: 'router-exception', isp: 'router-upstream-google' },
    filterAt: { router: 'router', isp: 'isp' },
  },
  {
    variant: 'openwrt',
    family: 'openwrt',
    sources: ['upnp', 'admin-page'],
    model: 'OpenWrt router',
    first: { router: 'router-dhcp-google', isp: 'router-dhcp-google' },
    filterAt: { router: 'unknown', isp: 'unknown' },
  },
  {
    variant: 'tim-hub',
    family: 'tim-hub',
    sources: ['status-url', 'upnp', 'admin-page', 'mac-vendor'],
    model: 'DGA4132',
    first: { router: 'this-device', isp: 'this-device' },
    filterAt: { router: 'unknown', isp: 'unknown' },
  },
  {
    variant: 'vodafone-station',
    family: 'vodafone-station',
    sources: ['status-url', 'upnp', 'admin-page', 'mac-vendor'],
    model: 'Vodafone Station Revolution',
    first: { router: 'this-device', isp: 'this-device' },
    filterAt: { router: 'unknown', isp: 'unknown' },
  },
];

/** The router-side (or device-side) change each first step stands for, made in the lab. */
async function applyFix(lan: LabLan, kind: string): Promise<void> {
  switch (kind) {
    case 'router-exception':
      return lan.setRouterDns('rebind-exception');
    case 'router-upstream-google':
      return lan.setRouterUpstream('public');
    case 'router-dhcp-google':
    case 'this-device':
      // DHCP now hands out the public DNS (a lease renewal), or the device was set to it.
      lan.setPcResolvers([PUBLIC]);
      return;
    default:
      throw new Error(`no lab action for ${kind}`);
  }
}

describe.skipIf(lab.skip)('router variants: recognised, and the first fix fixes the name', () => {
  for (const testCase of CASES) {
    describe(testCase.variant, () => {
      let lan: LabLan;
      let name: string;
      const dns = async (): Promise<CliJson> => {
        const result = await labDnsJson<CliJson>(lan, name);
        expect(result.stderr).not.toMatch(/network guard/);
        return result.report;
      };

      beforeAll(async () => {
        lan = await createLabLan({
          boxes: [{ server: 'none', mdns: false }],
          decoy: false,
          routerVariant: testCase.variant,
          ispDns: true,
        });
        name = lan.boxes[0]?.dnsName ?? '';
      });
      afterAll(async () => {
        await lan?.close();
      });

      for (const filter of ['router', 'isp'] as const) {
        it(`${filter} filters: recognised with its evidence; the first fix makes the name resolve`, async () => {
          lan.setPcResolvers([LAB_ADDRESSES.gateway]);
          if (filter === 'router') {
            await lan.setRouterUpstream('public');
            await lan.setRouterDns('rebind-block');
          } else {
            await lan.setRouterUpstream('isp');
            await lan.setRouterDns('forward');
          }
          const before = await dns();
          expect(before.verdict).toBe('rebind-blocked');
          expect(before.router.family).toBe(testCase.family);
          expect(before.router.model).toBe(testCase.model);
          expect(before.router.adminUrl).toBe(`http://${LAB_ADDRESSES.gateway}/`);
          // Every clue that points somewhere points at this router or the maker it resells.
          const sources = before.router.evidence.map((clue) => clue.source);
          expect(
            before.router.evidence.every(
              (clue) =>
                clue.family === null || [testCase.family, 'technicolor'].includes(clue.family),
            ),
          ).toBe(true);
          for (const source of testCase.sources) {
            expect(sources).toContain(source);
          }
          expect(before.router.filterAt).toBe(testCase.filterAt[filter]);
          const first = before.plans[0]?.kind ?? '';
          expect(first).toBe(testCase.first[filter]);

          await applyFix(lan, first);
          const after = await dns();
          expect(after.verdict).toBe('ok');
        });
      }
    });
  }
});
