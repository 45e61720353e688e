// Contracts between the lab (which spawns probes inside namespaces) and the probe scripts.

export type DnsMethod = 'lookup' | 'resolve4';

export interface DnsQuery {
  readonly name: string;
  /** `lookup` = getaddrinfo (the OS resolver, /etc/resolv.conf); `resolve4` = c-ares. */
  readonly method: DnsMethod;
  /** For `resolve4`: ask this server only (e.g. '203.0.113.53'); default: the system servers. */
  readonly server?: string;
  readonly timeoutMs?: number;
}

export interface DnsQueryResult {
  readonly name: string;
  readonly method: DnsMethod;
  readonly server?: string;
  readonly ok: boolean;
  readonly addresses: readonly string[];
  /** e.g. ENODATA, ENOTFOUND, ECONNREFUSED, ETIMEOUT. */
  readonly code?: string;
  /** libuv errno from dns.lookup: -3007 EAI_NODATA (empty answer), -3008 EAI_NONAME (NXDOMAIN). */
  readonly errno?: number;
  readonly ms: number;
}

export interface DnsProbeInput {
  readonly queries: readonly DnsQuery[];
}

export interface DnsProbeOutput {
  /** Nameservers from /etc/resolv.conf as this process saw it. */
  readonly resolvConf: readonly string[];
  readonly results: readonly DnsQueryResult[];
}

export interface MdnsProbeInput {
  /** This namespace's LAN address: bonjour-service binds 0.0.0.0 and joins the group here. */
  readonly interfaceIp: string;
  /** Host names to resolve to IPv4, e.g. 'iotbox.local'. */
  readonly hosts: readonly string[];
  /** Service types for bonjour-service `find`, without underscores: 'http', 'odoo-iot'. */
  readonly browse: readonly string[];
  readonly timeoutMs: number;
  /** Stop early once every host resolved and every type found at least this many services. */
  readonly expectServices?: number;
}

export interface MdnsFoundService {
  readonly type: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /**
   * IPv4 addresses exactly as bonjour-service reported them (IPv6 link-local filtered out). May be
   * EMPTY: bonjour-service takes addresses only from the first packet that announced the service,
   * and avahi's announcements carry PTR/SRV/TXT without the A record.
   */
  readonly addresses: readonly string[];
  /** `host` resolved with a separate mDNS A query (what a client must do when `addresses` is empty). */
  readonly hostAddresses: readonly string[];
  readonly txt: Readonly<Record<string, string>>;
}

export interface MdnsProbeOutput {
  readonly hosts: Readonly<Record<string, readonly string[]>>;
  readonly services: readonly MdnsFoundService[];
  readonly ms: number;
}

export interface HttpProbeInput {
  readonly url: string;
  readonly timeoutMs: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HttpProbeOutput {
  readonly ok: boolean;
  readonly status?: number;
  readonly body?: string;
  readonly contentType?: string;
  readonly code?: string;
  readonly message?: string;
  readonly ms: number;
}

/** The line the sim CLI, odoo-com CLI, fake box and decoy print once listening. */
export interface ReadyLine {
  readonly ready: true;
  readonly [key: string]: unknown;
}
