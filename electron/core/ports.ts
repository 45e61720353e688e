import type { AppInfo, EventChannel, EventPayload } from '../shared/contract';

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
  /** Larger bodies fail with `too-large` (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** For https: verify the certificate (default true). */
  readonly verifyTls?: boolean;
};

export type HttpResponse = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
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
