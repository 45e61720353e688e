import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

import { fail, ok, type Failure, type Result } from '../../shared/result';
import {
  DevicePageResultSchema,
  type DeviceCheckEnded,
  type DeviceCheckOpened,
  type DeviceCheckSession,
  type DeviceCheckStart,
} from '../../shared/schemas/device-check';
import type {
  LogPort,
  NetworkInterfacesPort,
  PageRequest,
  PageResponse,
  PageServer,
  PageServerPort,
} from '../ports';
import { buildDevicePage } from './device-page';
import { classifyDevice } from './device-verdict';
import { chooseListenAddress } from './listen-address';
import { describeDevice } from './user-agent';

/** The page server never stays open longer than this, whatever the caller asks. */
export const DEVICE_CHECK_MAX_MS = 10 * 60 * 1000;
/** The page's result is a few hundred bytes; anything much larger is refused unread. */
export const DEVICE_RESULT_MAX_BYTES = 4 * 1024;
/** How long the page waits for each of its requests. */
const PROBE_TIMEOUT_MS = 4_000;
/** 128 bits: the URL's secret and the result token each. */
const SECRET_BYTES = 16;

const NOT_FOUND: PageResponse = {
  status: 404,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  body: 'Not found\n',
};
const reply = (status: number, body: string): PageResponse => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  body,
});

export type DeviceCheckDeps = {
  readonly pageServer: PageServerPort;
  readonly interfaces: NetworkInterfacesPort;
  /** The box's odoo-iot name from the certificate it serves, or null when it has none. */
  readonly findBoxName: (ip: string, signal: AbortSignal) => Promise<string | null>;
  readonly log: LogPort;
  readonly onOpened: (event: DeviceCheckOpened) => void;
  readonly onEnded: (event: DeviceCheckEnded) => void;
};

export type DeviceCheckOptions = {
  /** Default and maximum: 10 minutes. */
  readonly timeoutMs?: number;
  /** Listen here instead of the address chosen from the box's network (port 0 = any). */
  readonly listen?: { readonly address: string; readonly port: number };
};

type OpenCheck = {
  readonly server: PageServer;
  readonly timer: NodeJS.Timeout;
  readonly ended: Promise<DeviceCheckEnded>;
  end(reason: DeviceCheckEnded['reason'], report: DeviceCheckEnded['report']): Promise<void>;
};

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * "Check another device": a page server that exists only while a check is open (at most ten
 * minutes, closed when the check ends), on one LAN address, behind a fresh 128-bit secret that
 * works once. It serves one page and accepts one small, schema-checked result; every other
 * request gets 404. It exposes nothing else of the assistant.
 */
export class DeviceCheckService {
  private readonly open = new Map<string, OpenCheck>();

  constructor(private readonly deps: DeviceCheckDeps) {}

  async start(
    request: DeviceCheckStart,
    options: DeviceCheckOptions,
    signal: AbortSignal,
  ): Promise<Result<DeviceCheckSession, Failure>> {
    const name = request.name ?? (await this.deps.findBoxName(request.ip, signal));
    if (name === null) {
      return fail('device-check-no-name', request.ip);
    }
    const address =
      options.listen?.address ?? chooseListenAddress(request.ip, this.deps.interfaces());
    if (address === null) {
      return fail('device-check-no-interface', request.ip);
    }
    // One check at a time: a new one replaces (and closes) the previous page.
    await Promise.all([...this.open.keys()].map((id) => this.stop(id)));

    const id = randomUUID();
    const secret = randomBytes(SECRET_BYTES).toString('base64url');
    const token = randomBytes(SECRET_BYTES).toString('base64url');
    const pagePath = `/${secret}`;
    const resultPath = `/${secret}/result`;
    let state: 'waiting' | 'opened' | 'done' = 'waiting';
    let host = '';
    // Filled once the server listens; the handler and the timer reach the check through it.
    const self: { check?: OpenCheck } = {};

    const handle = (incoming: PageRequest): PageResponse => {
      // The Host header names this address exactly (no DNS-rebinding name can reach the page).
      if (incoming.headers['host'] !== host || state === 'done') {
        return NOT_FOUND;
      }
      const [, first = '', rest] = /^\/([^/]*)(\/.*)?$/.exec(incoming.path) ?? [];
      if (!sameSecret(first, secret)) {
        return NOT_FOUND;
      }
      if (incoming.path === pagePath && incoming.method === 'GET' && state === 'waiting') {
        state = 'opened';
        const page = buildDevicePage({
          ip: request.ip,
          port: request.port,
          name,
          resultPath,
          token,
          timeoutMs: PROBE_TIMEOUT_MS,
          acceptLanguage: incoming.headers['accept-language'] ?? '',
        });
        this.deps.onOpened({
          id,
          device: describeDevice(incoming.headers['user-agent'] ?? '', 0),
        });
        return { status: 200, headers: page.headers, body: page.html };
      }
      if (rest !== '/result' || incoming.method !== 'POST' || state !== 'opened') {
        return NOT_FOUND;
      }
      const origin = incoming.headers['origin'];
      if (origin !== undefined && origin !== `http://${host}`) {
        return NOT_FOUND;
      }
      const contentType = (incoming.headers['content-type'] ?? '').split(';')[0]?.trim();
      if (contentType !== 'application/json') {
        return reply(415, 'Expected application/json\n');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(incoming.body);
      } catch {
        return reply(400, 'Not JSON\n');
      }
      const result = DevicePageResultSchema.safeParse(parsed);
      if (!result.success || !sameSecret(result.data.token, token)) {
        return reply(400, 'Not a device check result\n');
      }
      state = 'done';
      const report = {
        device: describeDevice(
          incoming.headers['user-agent'] ?? '',
          result.data.device.maxTouchPoints,
        ),
        ...classifyDevice(result.data.probes),
        box: { ip: request.ip, port: request.port, name },
        checkedAt: new Date().toISOString(),
      };
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
        body: JSON.stringify({ verdict: report.verdict }),
        // The answer goes out first; then nothing listens any more.
        afterSent: () => void self.check?.end('result', report),
      };
    };

    let server: PageServer;
    try {
      server = await this.deps.pageServer.listen(
        {
          address,
          port: options.listen?.port ?? 0,
          maxBodyBytes: DEVICE_RESULT_MAX_BYTES,
        },
        handle,
      );
    } catch (error) {
      return fail('device-check-listen-failed', error instanceof Error ? error.message : address);
    }
    host = server.port === 80 ? server.address : `${server.address}:${server.port}`;
    const timeoutMs = Math.min(options.timeoutMs ?? DEVICE_CHECK_MAX_MS, DEVICE_CHECK_MAX_MS);
    let settle: (ended: DeviceCheckEnded) => void = () => undefined;
    const ended = new Promise<DeviceCheckEnded>((resolve) => {
      settle = resolve;
    });
    let closing: Promise<void> | undefined;
    const check: OpenCheck = {
      server,
      ended,
      timer: setTimeout(() => void self.check?.end('expired', null), timeoutMs),
      end: (reason, report) => {
        closing ??= (async () => {
          state = 'done';
          clearTimeout(self.check?.timer);
          this.open.delete(id);
          await server.close();
          const event = { id, reason, report };
          this.deps.log.info('device check ended', { reason, verdict: report?.verdict ?? null });
          this.deps.onEnded(event);
          settle(event);
        })();
        return closing;
      },
    };
    self.check = check;
    this.open.set(id, check);
    this.deps.log.info('device check open', { address: server.address, port: server.port });
    return ok({
      id,
      url: `http://${host}${pagePath}`,
      address: server.address,
      port: server.port,
      name,
      expiresAt: new Date(Date.now() + timeoutMs).toISOString(),
    });
  }

  /** Closes the page server (idempotent: an unknown or finished check is already closed). */
  async stop(id: string): Promise<void> {
    await this.open.get(id)?.end('stopped', null);
  }

  /** Resolves when the check ends (result, timeout or stop); null for an unknown check. */
  ended(id: string): Promise<DeviceCheckEnded> | null {
    return this.open.get(id)?.ended ?? null;
  }
}
