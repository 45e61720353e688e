import { describe, expect, it } from 'vitest';

import { buildFixPlans } from '../../../../../electron/core/dns/fix-plans';
import { ROUTER_PROFILES } from '../../../../../electron/core/dns/router-catalog';
import { planGuide } from '../../../../../electron/shared/dns-guidance';
import { locales, messageAt } from '../../../../../electron/shared/locales';
import {
  ROUTER_FAMILIES,
  type DnsReport,
  type FilterAt,
  type RouterFamily,
} from '../../../../../electron/shared/schemas/dns';

const servers = { ipv4: ['8.8.8.8', '8.8.4.4'], ipv6: ['2001:4860:4860::8888'] };
const options = { fixServers: servers, canChangeThisDevice: true };

function report(family: RouterFamily, filterAt: FilterAt | null, fields: Partial<DnsReport> = {}) {
  const base: DnsReport = {
    name: '192-168-1-143.d73e7513.odoo-iot.com',
    hash: 'd73e7513',
    expectedIp: '192.168.1.143',
    verdict: 'rebind-blocked',
    basis: 'references',
    outboundDnsBlocked: false,
    boxReached: true,
    publishedAddresses: ['192.168.1.143'],
    probes: [],
    router: {
      address: '192.168.1.1',
      family,
      model: null,
      evidence: [],
      filterAt,
      upstream: [],
      adminUrl: 'http://192.168.1.1/',
      localNames: [],
    },
    durationMs: 10,
    checkedAt: '2026-01-01T00:00:00.000Z',
  };
  return { ...base, ...fields };
}
const kinds = (value: DnsReport) => buildFixPlans(value, options).map((plan) => plan.kind);

describe('buildFixPlans: the order that works on the router', () => {
  it.each([
    ['fritzbox', 'router', 'router-exception'],
    ['fritzbox', 'isp', 'router-upstream-google'],
    ['fritzbox', 'unknown', 'router-dhcp-google'],
    ['openwrt', 'unknown', 'router-dhcp-google'],
    ['tim-hub', 'unknown', 'this-device'],
    ['vodafone-station', 'isp', 'this-device'],
    ['livebox', 'router', 'this-device'],
    ['unknown', 'unknown', 'router-exception'],
    ['nextdns', 'isp', 'router-exception'],
  ] as const)('%s, filter at %s → %s first', (family, filterAt, first) => {
    expect(kinds(report(family, filterAt))[0]).toBe(first);
  });

  it('never offers the exception when the provider filters, nor DNS changes the box cannot use', () => {
    expect(kinds(report('fritzbox', 'isp'))).not.toContain('router-exception');
    expect(kinds(report('livebox', 'unknown'))).toEqual([
      'this-device',
      'other-devices',
      'hosts-file',
    ]);
  });

  it('unknown routers: try the exception first, then DHCP, then the devices', () => {
    const plans = buildFixPlans(report('unknown', 'unknown'), options);
    expect(plans.map((plan) => plan.kind)).toEqual([
      'router-exception',
      'router-dhcp-google',
      'this-device',
      'other-devices',
      'hosts-file',
    ]);
    expect(plans[0]).toMatchObject({ testFirst: true, confirmed: false });
  });

  it('without public DNS on port 53, only what keeps the local resolver', () => {
    expect(kinds(report('fritzbox', 'unknown', { basis: 'name' }))).toEqual([
      'router-exception',
      'hosts-file',
    ]);
    expect(kinds(report('openwrt', 'router', { outboundDnsBlocked: true }))).toEqual([
      'router-exception',
      'hosts-file',
    ]);
  });

  it('devices get Google alone (and its IPv6 twin), never a second server', () => {
    const other = buildFixPlans(report('fritzbox', 'router'), options).find(
      (plan) => plan.kind === 'other-devices',
    );
    expect(other?.servers).toEqual(['8.8.8.8', '2001:4860:4860::8888']);
  });
});

describe('router guidance exists for every fix in every language', () => {
  const families = ROUTER_FAMILIES as readonly RouterFamily[];
  it.each(Object.keys(locales))('%s', (language) => {
    const messages = locales[language as keyof typeof locales];
    const text = (key: string) => messageAt(messages, key);
    const missing: string[] = [];
    for (const family of families) {
      for (const filterAt of ['router', 'isp', 'unknown'] as const) {
        const value = report(family, filterAt);
        for (const plan of buildFixPlans(value, options)) {
          const guide = planGuide(plan, value);
          for (const item of [guide.title, ...guide.steps, ...guide.notes]) {
            if (typeof text(item.key) !== 'string') {
              missing.push(item.key);
            }
          }
        }
      }
      if (typeof text(`dns.family.${family}`) !== 'string') {
        missing.push(`dns.family.${family}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
    expect(Object.keys(ROUTER_PROFILES).sort()).toEqual([...families].sort());
  });
});
