import { isIPv4 } from 'node:net';

import type { DnsFixPlan, DnsReport, RouterFamily } from '../../shared/schemas/dns';

export const GOOGLE_IPV6 = ['2001:4860:4860::8888', '2001:4860:4860::8844'] as const;

/** The one setting that lets the router pass `odoo-iot.com` answers, per family (docs §4). */
const EXCEPTION_SETTING: Readonly<Record<RouterFamily, string | null>> = {
  fritzbox: 'odoo-iot.com',
  openwrt: "list rebind_domain 'odoo-iot.com'",
  'dd-wrt': 'rebind-domain-ok=/odoo-iot.com/',
  pfsense: 'private-domain: "odoo-iot.com"',
  opnsense: 'odoo-iot.com',
  unifi: null,
  asus: null,
  'adguard-home': 'odoo-iot.com',
  'pi-hole': 'rebind-domain-ok=/odoo-iot.com/',
  nextdns: null,
  unknown: 'rebind-domain-ok=/odoo-iot.com/',
};

const plan = (
  kind: DnsFixPlan['kind'],
  fields: Partial<Omit<DnsFixPlan, 'kind'>> = {},
): DnsFixPlan => ({
  kind,
  automatic: false,
  routerFamily: null,
  setting: null,
  servers: [],
  hostsLine: null,
  ...fields,
});

/**
 * The ways out of a verdict, narrowest first: fix the filter where it lives, then hand out a
 * resolver that does not filter, then this computer, the other devices, and the hosts file.
 * `fixServers` are the IPv4 resolvers a change would use (the references: Google by default).
 */
export function buildFixPlans(
  report: DnsReport,
  options: { readonly fixServers: readonly string[]; readonly canChangeThisDevice: boolean },
): DnsFixPlan[] {
  const family = report.router.family;
  const ipv4 = options.fixServers.filter((server) => isIPv4(server));
  const google = ipv4.length > 0 ? ipv4 : ['8.8.8.8', '8.8.4.4'];
  const routerException = plan('router-exception', {
    routerFamily: family,
    setting: EXCEPTION_SETTING[family],
  });
  const routerDhcp = plan('router-dhcp-google', { routerFamily: family, servers: google });
  const thisDevice = plan('this-device', {
    automatic: options.canChangeThisDevice,
    servers: [...google, ...GOOGLE_IPV6],
  });
  const otherDevices = plan('other-devices', { servers: google });
  const hosts = plan('hosts-file', { hostsLine: `${report.expectedIp} ${report.name}` });

  switch (report.verdict) {
    case 'ok':
    case 'not-published':
      return [];
    case 'stale-address':
      return [plan('dhcp-reservation', { routerFamily: family })];
    case 'rebind-blocked':
      return [routerException, routerDhcp, thisDevice, otherDevices, hosts];
    case 'local-dns-down':
      return [thisDevice, routerDhcp];
    case 'reference-unreachable':
      // Port 53 to public resolvers is blocked here: pointing this computer at them would break
      // every name, so only the fixes that keep the local resolver remain.
      return report.publishedAddresses.includes(report.expectedIp)
        ? [routerException, hosts]
        : [hosts];
    case 'intercepted':
      // Port 53 is answered by someone else: a new UDP resolver is intercepted just the same.
      return [routerException, otherDevices, hosts];
  }
}
