import type { DnsOptions } from '../../electron/core/dns/create-dns';
import type { NodePorts } from '../../electron/core/ports';
import { loopbackBoxNameLookup } from './lab-name-lookup';

/*
 * DNS repair from the preview never touches this computer's DNS: the "system resolver" is the
 * loopback box-name stand-in, there are no configured servers or gateway, the references point at
 * a loopback port where nothing listens, DoH is off, and without a journal every change is
 * refused. Tests pass loopback dnsmasq instances and a temp-file resolv.conf instead.
 */

/** The preview's stand-ins for this computer's resolver, its DNS settings and its router. */
export const PREVIEW_NETWORK_PORTS: Pick<NodePorts, 'lookup' | 'networkInfo' | 'ssdp'> = {
  lookup: loopbackBoxNameLookup,
  networkInfo: {
    dnsServers: () => [],
    defaultGateway: () => Promise.resolve(null),
    searchDomains: () => Promise.resolve([]),
    gatewayMac: () => Promise.resolve(null),
  },
  ssdp: { search: () => Promise.resolve([]) },
};

/** The references the preview compares with: a loopback port where nothing listens, no DoH. */
export const PREVIEW_DNS: DnsOptions = {
  references: [{ address: '127.0.0.1', port: 9 }],
  dohUrl: null,
};
