import type { DnsPorts } from '../../electron/core/dns/create-dns';
import { loopbackBoxNameLookup } from './lab-name-lookup';

/**
 * DNS repair from the preview never touches this computer's DNS: the "system resolver" is the
 * loopback box-name stand-in, there are no configured servers or gateway, the references point at
 * a loopback port where nothing listens, DoH is off, and without a journal every change is
 * refused. Tests pass loopback dnsmasq instances and a temp-file resolv.conf instead.
 */
export const PREVIEW_DNS: DnsPorts = {
  lookup: loopbackBoxNameLookup,
  network: {
    dnsServers: () => [],
    defaultGateway: () => Promise.resolve(null),
    searchDomains: () => Promise.resolve([]),
    gatewayMac: () => Promise.resolve(null),
  },
  ssdp: { search: () => Promise.resolve([]) },
  references: [{ address: '127.0.0.1', port: 9 }],
  dohUrl: null,
};
