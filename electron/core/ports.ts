import type { EventChannel, EventPayload } from '../shared/contract';
import type { AppInfo } from '../shared/schemas/app';

/*
 * The narrow interfaces the core talks to the world through. Electron main, the CLI and the
 * browser-preview bridge each pass real adapters (see adapters/); tests pass fakes.
 */

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

/** The OS resolver (getaddrinfo), i.e. how a browser on this computer resolves a name. */
export interface LookupPort {
  lookup(name: string, signal: AbortSignal): Promise<LookupResult>;
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
