import type { DnsServer, JsonFilePort } from '../ports';

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
  /** The gateway's MAC address from this computer's neighbour (ARP) table, when it is there. */
  gatewayMac(gateway: string, signal: AbortSignal): Promise<string | null>;
}

/** One SSDP answer to an M-SEARCH, from the address that sent it. */
export type SsdpReply = {
  readonly from: string;
  /** The device description URL (LOCATION header). */
  readonly location: string | null;
  readonly server: string | null;
  readonly st: string | null;
};

/** UPnP discovery, limited to one device: only answers sent from `target` are kept. */
export interface SsdpPort {
  search(
    target: string,
    options: { readonly timeoutMs: number; readonly signal: AbortSignal },
  ): Promise<readonly SsdpReply[]>;
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

/** A private temporary file for a batch the elevated process reads (Windows). */
export interface ScratchFilePort {
  /** Writes `content` into a new private folder; `remove` deletes folder and file. */
  write(content: string): Promise<{ path: string; remove: () => Promise<void> }>;
}

/** One change of this computer's DNS at a time, across every process (app, CLI, preview). */
export interface ChangeLockPort {
  /** The release function, or null while another live process holds the lock. */
  acquire(): Promise<(() => Promise<void>) | null>;
}

/** The key that seals the change journal (HMAC-SHA256), and where it lives. */
export interface JournalKeyPort {
  /**
   * The 32-byte key, created on first use, and where it lives: `keychain` (encrypted by the OS
   * keychain, Electron safeStorage) or `file` (a 0600 key file). Throws when it exists but
   * cannot be read.
   */
  key(): Promise<{ readonly kind: 'keychain' | 'file'; readonly key: Buffer }>;
}

/** Where a DNS change is recorded: the journal, its lock and its sealing key. */
export type DnsJournalStore = {
  readonly file: JsonFilePort;
  readonly lock: ChangeLockPort;
  readonly key: JournalKeyPort;
};
