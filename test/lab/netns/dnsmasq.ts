import { assertLabTarget } from './guard';

// dnsmasq command lines for the lab's two DNS roles. Pure functions so the flags are testable
// without root and documented in one place.

/**
 * - forward: plain forwarder (a router without rebind protection).
 * - rebind-block: `--stop-dns-rebind` (OpenWrt, FRITZ!Box-like): private answers become an
 *   empty NOERROR with EDE 15.
 * - rebind-exception: the same plus `--rebind-domain-ok=/odoo-iot.com/` (the documented fix).
 * - down: no DNS server on the router at all.
 */
export type RouterDnsMode = 'forward' | 'rebind-block' | 'rebind-exception' | 'down';

export const ROUTER_DNS_MODES: readonly RouterDnsMode[] = [
  'forward',
  'rebind-block',
  'rebind-exception',
  'down',
];

/** Flags every lab dnsmasq shares: foreground, no host config, log queries to stderr. */
export const DNSMASQ_COMMON_ARGS: readonly string[] = [
  '--keep-in-foreground',
  '--conf-file=/dev/null',
  '--no-resolv',
  '--no-hosts',
  '--bind-interfaces',
  '--pid-file=',
  '--user=root',
  '--log-queries',
  '--log-facility=-',
];

export interface DnsRecordArg {
  readonly name: string;
  readonly address: string;
}

/** The "public DNS" (Google stand-in): authoritative for the box names, NXDOMAIN for the rest. */
export function publicDnsArgs(listen: string, records: readonly DnsRecordArg[]): string[] {
  return [
    ...DNSMASQ_COMMON_ARGS,
    `--listen-address=${listen}`,
    // Unknown names in the zone must be NXDOMAIN (the "nobody publishes this" control case),
    // not forwarded anywhere.
    '--local=/odoo-iot.com/',
    ...records.map((record) => `--host-record=${record.name},${record.address}`),
  ];
}

export function routerDnsArgs(
  mode: Exclude<RouterDnsMode, 'down'>,
  listen: string,
  upstream: string,
  cacheSize: number,
  /** Names only this router answers, with its own address (`fritz.box`). */
  localNames: readonly string[] = [],
): string[] {
  assertLabTarget(upstream);
  const args = [
    ...DNSMASQ_COMMON_ARGS,
    `--listen-address=${listen}`,
    `--server=${upstream}`,
    `--cache-size=${cacheSize}`,
    ...localNames.map((name) => `--host-record=${name},${listen}`),
  ];
  if (mode === 'rebind-block' || mode === 'rebind-exception') args.push('--stop-dns-rebind');
  if (mode === 'rebind-exception') args.push('--rebind-domain-ok=/odoo-iot.com/');
  return args;
}
