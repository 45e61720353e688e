import { ok } from '../../shared/result';
import { systemClock } from '../adapters/system-clock';
import { createNodeHttp } from '../adapters/node-http';
import { createNodeLookup } from '../adapters/node-lookup';
import { createBoxClient } from '../box/box-client';
import type { Handlers } from '../dispatch';
import type { ClockPort, EventSink, HttpPort, LogPort, LookupPort, TlsPort } from '../ports';
import { CertificateService } from './certificate-service';

/** What the certificate work can be given instead of the real network (tests, the preview). */
export type CertificatePorts = {
  readonly http?: HttpPort;
  readonly lookup?: LookupPort;
  readonly clock?: ClockPort;
  /** Where this computer checks its own access to odoo.com (default https://www.odoo.com/). */
  readonly odooComUrl?: string;
  /** PEM CAs trusted in addition to the system store (the lab CA in tests and the preview). */
  readonly extraCa?: readonly string[];
  /** The boxes' TLS port when not 443 (lab simulators without root). */
  readonly httpsPort?: number;
  readonly pollDelaysMs?: readonly number[];
  /** Node's TLS when omitted. */
  readonly tls?: TlsPort;
};

export function createCertificateService(
  ports: CertificatePorts & { readonly log: LogPort },
): CertificateService {
  const http = ports.http ?? createNodeHttp();
  const clock = ports.clock ?? systemClock;
  const client = createBoxClient({ http, log: ports.log, clock });
  return new CertificateService({
    box: {
      getInfo: (target, signal) => client.getInfo(target, signal),
      requestCertificateCheck: (target, info, signal) =>
        client.requestCertificateCheck(target, info, signal),
      waitUntilBack: (target, before, aftermath, signal) =>
        client.waitUntilBack(target, before, { aftermath }, signal),
      readLog: (target, info, signal) => client.readLog(target, info, signal),
    },
    http,
    lookup: ports.lookup ?? createNodeLookup({ timeoutMs: 5_000 }),
    clock,
    log: ports.log,
    ...(ports.odooComUrl === undefined ? {} : { odooComUrl: ports.odooComUrl }),
    ...(ports.extraCa === undefined ? {} : { extraCa: ports.extraCa }),
    ...(ports.httpsPort === undefined ? {} : { httpsPort: ports.httpsPort }),
    ...(ports.pollDelaysMs === undefined ? {} : { pollDelaysMs: ports.pollDelaysMs }),
    ...(ports.tls === undefined ? {} : { tls: ports.tls }),
  });
}

export function certificateHandlers(
  service: CertificateService,
  events: EventSink,
): Pick<
  Handlers,
  'certificate:get-status' | 'certificate:acquire' | 'certificate:verify' | 'certificate:cancel'
> {
  // The wait under way, so that "Stop waiting" ends it (a new wait replaces an older one).
  let waiting: AbortController | null = null;
  return {
    'certificate:get-status': ([ref], { signal }) => service.getStatus(ref, signal),
    'certificate:acquire': async ([ref, options], { signal }) => {
      waiting?.abort();
      const controller = new AbortController();
      waiting = controller;
      try {
        return await service.acquire(
          ref,
          options,
          (progress) => events.emit('certificate:progress', progress),
          AbortSignal.any([signal, controller.signal]),
        );
      } finally {
        if (waiting === controller) {
          waiting = null;
        }
      }
    },
    'certificate:verify': async ([ref, options], { signal }) => {
      const verified = await service.verify(ref, options.via ?? 'name', signal);
      return verified.ok ? ok(verified.value) : verified;
    },
    'certificate:cancel': () => {
      waiting?.abort();
      return Promise.resolve(ok(null));
    },
  };
}
