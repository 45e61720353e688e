import type { EventChannel, EventPayload } from '../shared/contract';
import type { AppInfo } from '../shared/schemas/app';

/*
 * Every narrow interface the core talks to the world through, in one place. The core is built
 * from one flat set of them (Ports): the world's adapters (NodePorts), built once each by
 * createNodePorts in adapters/node-ports.ts, and what only the host knows (HostPorts). Tests pass
 * fakes for either.
 */

/** The resolv.conf of a Linux system; IOTBOX_RESOLV_CONF names another (tests, the lab). */
export const SYSTEM_RESOLV_CONF = '/etc/resolv.conf';

/** What the core knows of this computer and process, instead of reading `process` and `os`. */
export type SystemInfo = {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The user's home folder, where browsers keep their settings. */
  readonly home: string;
  /** The effective user id (POSIX: root needs no prompt); null on Windows. */
  readonly uid: number | null;
  /** The resolv.conf the OS resolver reads and a Linux DNS change manages. */
  readonly resolvConfPath: string;
  /** The OS release and CPU architecture, for a support report. */
  readonly release: string;
  readonly arch: string;
};

/** The world's adapters: each real one built once by createNodePorts, or a test's fake. */
export type NodePorts = {
  readonly log: LogPort;
  readonly clock: ClockPort;
  readonly system: SystemInfo;
  readonly http: HttpPort;
  readonly tcp: TcpPort;
  readonly tls: TlsPort;
  readonly lookup: LookupPort;
  readonly resolver: ResolverPort;
  readonly interfaces: NetworkInterfacesPort;
  readonly networkInfo: NetworkInfoPort;
  readonly mdns: MdnsPort;
  readonly ssdp: SsdpPort;
  readonly pageServer: PageServerPort;
  readonly command: CommandPort;
  readonly textFiles: TextFilePort;
  readonly scratch: ScratchFilePort;
  /** Where "remember" keeps the enterprise code (by default a store that keeps nothing). */
  readonly secrets: SecretStorePort;
};

/** What only the host knows: who it is, where it keeps things, where events and prompts go. */
export type HostPorts = {
  readonly appInfo: AppInfoPort;
  readonly settingsFile: JsonFilePort;
  readonly events: EventSink;
  /** Called once the renderer has subscribed to events and is ready to receive them. */
  readonly onRendererReady?: () => void;
  /** The DNS change journal, its lock and key; without it every DNS change is refused. */
  readonly dnsJournal?: DnsJournalStore;
  /** Windows: the app window's handle (decimal), so the UAC prompt opens in front of it. */
  readonly promptOwner?: () => string | null;
  /** Where reports are saved (a save dialog in the app); without it saving is refused. */
  readonly reportSaver?: ReportSaverPort;
  /** The system clipboard; without it copying is refused. */
  readonly clipboard?: ClipboardPort;
};

/** The one flat set of ports the core is built from (create-core.ts). */
export type Ports = NodePorts & HostPorts;

export interface LogPort {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A JSON document on disk, written atomically so a crash never leaves half a file. */
export interface JsonFilePort {
  /** `undefined` when the file does not exist; rejects on any other I/O failure. */
  read(): Promise<unknown>;
  write(value: unknown): Promise<void>;
}

/** Typed events from the core to whoever shows them (a window, the preview bridge, the CLI). */
export interface EventSink {
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
}

export type AppInfoPort = () => AppInfo;

export type HttpRequest = {
  readonly method: 'GET' | 'POST' | 'HEAD';
  /** http: or https: URL. Redirects are never followed: a 3xx is returned as is. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Whole-exchange deadline (connect, headers and body): a slow drip cannot stall a caller. */
  readonly timeoutMs: number;
  /** Larger bodies fail with `too-large` (default 1 MiB)… */
  readonly maxBodyBytes?: number;
  /** …unless `keep-tail`: only the last maxBodyBytes are kept (a log file read from its end). */
  readonly oversize?: 'fail' | 'keep-tail';
  /** For https: verify the certificate (default true). */
  readonly verifyTls?: boolean;
};

export type HttpResponse = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The start of the body was dropped (`oversize: 'keep-tail'`). */
  readonly truncated?: boolean;
};

export type HttpErrorKind =
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'unreachable'
  | 'dns'
  | 'tls'
  | 'too-large'
  | 'aborted'
  | 'protocol';

export type HttpError = { readonly kind: HttpErrorKind; readonly message: string };

export type HttpResult =
  | { readonly ok: true; readonly value: HttpResponse }
  | { readonly ok: false; readonly error: HttpError };

/** One HTTP exchange. Never throws: every failure is a kind the caller can explain. */
export interface HttpPort {
  request(request: HttpRequest, signal: AbortSignal): Promise<HttpResult>;
}

/**
 * - `open`: the host accepted a TCP connection (closed again at once, nothing sent);
 * - `refused`: the host is there but nothing listens on that port;
 * - `silent`: no answer within the time given, or the OS says nothing is there (ARP failed).
 */
export type TcpKnock = 'open' | 'refused' | 'silent';

/**
 * Whether anything listens at host:port, at the cost of a bare connect: far cheaper than an HTTP
 * request when hundreds of mostly empty addresses are asked at once. Never throws.
 */
export interface TcpPort {
  knock(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<TcpKnock>;
}

/** Time, injected so waits and backoffs run instantly in tests. */
export interface ClockPort {
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts (callers then check `signal.aborted`). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/**
 * Secrets the user asked us to remember (the enterprise code), encrypted at rest with the OS
 * keychain (Electron safeStorage). `available` is false where no keychain exists; the CLI and the
 * preview use a store that keeps nothing on disk.
 */
export interface SecretStorePort {
  available(): boolean;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export type LookupResult =
  | { readonly ok: true; readonly addresses: readonly string[] }
  /** `code` as Node reports it (ENOTFOUND, EAI_AGAIN, ETIMEOUT…), for the DNS step to classify. */
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      /** libuv errno: on glibc −3007 (EAI_NODATA, e.g. a rebind filter) vs −3008 (EAI_NONAME). */
      readonly errno?: number;
    };

/**
 * The OS resolver (getaddrinfo), i.e. how a browser on this computer resolves a name. Never
 * throws; an answer later than `timeoutMs` is `ETIMEOUT` (getaddrinfo cannot be cancelled).
 */
export interface LookupPort {
  lookup(
    name: string,
    options: { readonly timeoutMs: number; readonly signal: AbortSignal },
  ): Promise<LookupResult>;
}

/** One DNS server to ask directly: an IPv4/IPv6 address and its port (53 unless told). */
export type DnsServer = { readonly address: string; readonly port: number };

/** How a direct A query ended; `code` is the c-ares code (ENODATA, ENOTFOUND, ETIMEOUT…). */
export type ResolveResult =
  | { readonly ok: true; readonly addresses: readonly string[] }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** A direct query to one chosen server (c-ares), bypassing the OS resolver and its caches. */
export interface ResolverPort {
  resolve4(
    name: string,
    server: DnsServer,
    options: { readonly timeoutMs: number; readonly signal: AbortSignal },
  ): Promise<ResolveResult>;
}

export type CommandRequest = {
  readonly file: string;
  readonly args: readonly string[];
  readonly timeoutMs: number;
  /** Written to the child's stdin, then closed. */
  readonly input?: string;
};

/** `code` null when the program could not start, was killed, or timed out (`error` says which). */
export type CommandResult = {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: 'not-found' | 'timeout' | 'aborted' | 'failed';
};

/** Runs one OS program with an argument array (never a shell string). Never throws. */
export interface CommandPort {
  run(request: CommandRequest, signal: AbortSignal): Promise<CommandResult>;
}

/** Saves a diagnostics report where the user chooses (a save dialog in the app). */
export interface ReportSaverPort {
  /** Returns where the HTML page went, or null when the user cancelled. */
  save(report: {
    readonly html: string;
    readonly json: string;
    readonly suggestedName: string;
  }): Promise<string | null>;
}

/** The system clipboard (main process) — the sandboxed renderer has no clipboard permission. */
export interface ClipboardPort {
  writeText(text: string): void;
}

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

/** One address of a network interface, as `os.networkInterfaces()` reports it. */
export type InterfaceAddress = {
  readonly name: string;
  readonly address: string;
  readonly netmask: string;
  readonly family: 'IPv4' | 'IPv6';
  readonly internal: boolean;
  readonly mac: string;
  /** `address/prefix`, as the OS reports it (null when the netmask is not a prefix). */
  readonly cidr: string | null;
};

/** The computer's network interfaces, read fresh for every scan (Wi-Fi comes and goes). */
export type NetworkInterfacesPort = () => readonly InterfaceAddress[];

/**
 * What an mDNS responder heard. Fields are whatever the wire carried: the core validates them
 * before trusting any (odd names, absurd ports and oversized records are dropped there).
 */
export type MdnsAnswer =
  | {
      readonly kind: 'service';
      readonly type: string;
      readonly name: string;
      readonly host: string;
      readonly port: number;
      readonly addresses: readonly string[];
    }
  | { readonly kind: 'host'; readonly name: string; readonly address: string };

export type MdnsListener = {
  /** Any mDNS response at all arrived (proves multicast reaches us, even if no box replied). */
  readonly onResponse: () => void;
  readonly onAnswer: (answer: MdnsAnswer) => void;
};

export type MdnsBrowseOptions = {
  /** The IPv4 address of the interface to browse on; nothing else is bound. */
  readonly interfaceAddress: string;
  /** DNS-SD types such as `_http._tcp`. */
  readonly serviceTypes: readonly string[];
  /** Host names to query A records for, such as `iotbox.local`. */
  readonly hostNames: readonly string[];
};

export type MdnsSession = {
  /** Ask for the A record of a name heard in a service (its announcement may lack addresses). */
  readonly resolveHost: (name: string) => void;
  /** Stops browsing and resolves once the socket is closed. */
  readonly close: () => Promise<void>;
};

/** One mDNS responder bound to one interface. */
export interface MdnsPort {
  browse(options: MdnsBrowseOptions, listener: MdnsListener): MdnsSession;
}

/** One request to the page server, its body already read (and cut off at the size limit). */
export type PageRequest = {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
};

export type PageResponse = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Runs once the response has been written out (e.g. to close the server after the result). */
  readonly afterSent?: () => void;
};

export type PageServer = {
  readonly address: string;
  readonly port: number;
  /** Stops listening and drops every open connection; later connections are refused. */
  close(): Promise<void>;
};

export type PageServerOptions = {
  /** One address of this computer (never a wildcard). */
  readonly address: string;
  /** 0 = any free port. */
  readonly port: number;
  /** Larger bodies are answered 413 by the server itself and never reach the handler. */
  readonly maxBodyBytes: number;
};

/** A small HTTP server on one LAN address, for the page the other device opens. */
export interface PageServerPort {
  listen(
    options: PageServerOptions,
    handle: (request: PageRequest) => PageResponse,
  ): Promise<PageServer>;
}

/*
 * A TLS handshake that does not reject the peer, so that a certificate not trusted yet can be
 * read and explained: its verdict is reported, no application data is ever sent.
 */
export type TlsHandshakeRequest = {
  /** The address to connect to (an IP: DNS is the caller's business). */
  readonly address: string;
  readonly port: number;
  /** SNI and the name Node verifies; omit to read whatever the box serves by default. */
  readonly servername?: string;
  /** PEM CAs trusted in addition to Node's store (tests: the lab CA). */
  readonly extraCa?: readonly string[];
  readonly timeoutMs: number;
};

export type TlsConnectFailure = 'refused' | 'timeout' | 'unreachable' | 'reset' | 'handshake';

export type TlsHandshakeResult =
  | {
      readonly ok: true;
      /** Node's verdict with its trust store (plus NODE_EXTRA_CA_CERTS and `extraCa`). */
      readonly authorized: boolean;
      /** e.g. CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID. */
      readonly authorizationError: string | null;
      /** The leaf certificate, DER. */
      readonly der: Buffer;
    }
  | { readonly ok: false; readonly failure: TlsConnectFailure; readonly message: string }
  | { readonly ok: false; readonly failure: 'aborted'; readonly message: string };

/** A TLS handshake as the verifier needs it; tests and the lab preview pass their own. */
export interface TlsPort {
  handshake(request: TlsHandshakeRequest, signal: AbortSignal): Promise<TlsHandshakeResult>;
}
