import type { DnsServer } from '../ports';

/*
 * Ports the DNS repair needs beside the shared ones (ResolverPort, LookupPort, HttpPort,
 * CommandPort in ../ports). Real adapters: ./adapters; tests: fakes or the lab namespace.
 */

/** What this computer is configured with, read fresh for every diagnosis. */
export interface NetworkInfoPort {
  /** The DNS servers the OS resolver uses (what c-ares/`dns.getServers()` reads). */
  dnsServers(): readonly DnsServer[];
  defaultGateway(signal: AbortSignal): Promise<string | null>;
  /** DNS search domains (`fritz.box`, `lan`, `home.arpa`…): they give the router away. */
  searchDomains(): Promise<readonly string[]>;
}

/** Finds the box's odoo-iot name from its address (box API or TLS certificate). */
export type BoxNameFinder = (address: string, signal: AbortSignal) => Promise<string | null>;

/** Small text files the DNS change reads and rewrites (resolv.conf). */
export interface TextFilePort {
  /** null when the file does not exist or cannot be read. */
  read(path: string): Promise<string | null>;
  /** Truncates and rewrites the SAME inode (a bind-mounted resolv.conf must stay attached). */
  writeInPlace(path: string, content: string): Promise<void>;
}
