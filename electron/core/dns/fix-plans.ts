import { isIPv4 } from 'node:net';

import type { DnsFixPlan, DnsReport } from '../../shared/schemas/dns';
import type { ServerLists } from './dns-config/config-types';
import { ROUTER_PROFILES, type RouterFix } from './router-catalog';

const plan = (
  kind: DnsFixPlan['kind'],
  fields: Partial<Omit<DnsFixPlan, 'kind'>> = {},
): DnsFixPlan => ({
  kind,
  automatic: false,
  routerFamily: null,
  setting: null,
  confirmed: null,
  testFirst: false,
  servers: [],
  hostsLine: null,
  ...fields,
});

/**
 * The ways out of a verdict, in the order that works on this router (routers.md, docs §4–§5):
 * - the router filters: its exception, else its DHCP handing out Google DNS;
 * - the Internet provider's resolver filters: the router's own (upstream) DNS, else DHCP;
 * - not known which: a fix that works in both cases first (DHCP), then the exception;
 * - an unrecognised router: try the exception and check again, then DHCP, then the devices;
 * - a router whose DNS the provider locks: straight to the devices.
 * Device fixes use Google alone (a second, filtering server is no fallback: an empty answer is
 * an answer). `fixServers` are the resolvers a change would use (the references: Google).
 */
export function buildFixPlans(
  report: DnsReport,
  options: { readonly fixServers: ServerLists; readonly canChangeThisDevice: boolean },
): DnsFixPlan[] {
  const family = report.router.family;
  const profile = ROUTER_PROFILES[family];
  const google = options.fixServers.ipv4.filter((server) => isIPv4(server));
  const ipv6 = options.fixServers.ipv6;
  const only = [...google.slice(0, 1), ...ipv6.slice(0, 1)];
  const onRouter = (kind: DnsFixPlan['kind'], fix: RouterFix | null, fields = {}) =>
    fix === null ? [] : [plan(kind, { routerFamily: family, confirmed: fix.confirmed, ...fields })];
  const exception = (testFirst: boolean) =>
    onRouter('router-exception', profile.exception, {
      setting: profile.exception?.setting ?? null,
      testFirst,
    });
  const routerDhcp = onRouter('router-dhcp-google', profile.dhcpDns, { servers: google });
  const routerUpstream = onRouter('router-upstream-google', profile.upstreamDns, {
    servers: google,
  });
  const thisDevice = plan('this-device', {
    automatic: options.canChangeThisDevice,
    servers: [...google, ...ipv6],
  });
  const devices = [thisDevice, plan('other-devices', { servers: only })];
  const hosts = plan('hosts-file', { hostsLine: `${report.expectedIp} ${report.name}` });

  switch (report.verdict) {
    case 'ok':
    case 'not-published':
      return [];
    case 'stale-address':
      return [plan('dhcp-reservation', { routerFamily: family })];
    case 'rebind-blocked':
      if (report.outboundDnsBlocked || report.basis === 'name') {
        // Public DNS is out of reach on port 53 here: pointing anything at Google would break
        // every name, so only the fixes that keep the local resolver remain.
        return [...exception(!profile.filtersByDefault), hosts];
      }
      return [...rebindOrder(), hosts];
    case 'local-dns-down':
      return [thisDevice, ...routerDhcp];
    case 'reference-unreachable':
    case 'outbound-dns-blocked':
      return report.publishedAddresses.includes(report.expectedIp)
        ? [...exception(true), hosts]
        : [hosts];
    case 'intercepted':
      // Port 53 is answered by someone else: a new UDP resolver is intercepted just the same.
      return [...exception(true), plan('other-devices', { servers: only }), hosts];
  }

  function rebindOrder(): DnsFixPlan[] {
    if (profile.ispLocked) {
      return devices;
    }
    if (family === 'nextdns' || family === 'adguard-home' || family === 'pi-hole') {
      // The filter is that resolver's own setting, wherever it runs.
      return [...exception(false), ...devices];
    }
    switch (report.router.filterAt) {
      case 'router':
        return [...exception(false), ...routerDhcp, ...devices];
      case 'isp':
        return [...routerUpstream, ...routerDhcp, ...devices];
      case 'unknown':
      case null:
        if (family === 'unknown') {
          return [...exception(true), ...routerDhcp, ...devices];
        }
        if (routerDhcp.length > 0) {
          return [...routerDhcp, ...exception(!profile.filtersByDefault), ...devices];
        }
        // No router menu for DNS is known on this box: the devices are the sure way.
        return [...devices, ...exception(true)];
    }
  }
}
