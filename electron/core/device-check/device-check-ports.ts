/* The ports the device check needs besides the shared ones (ports.ts). */

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
