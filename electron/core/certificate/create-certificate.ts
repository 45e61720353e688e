import type { BoxClient } from '../box/box-client';
import type { NodePorts } from '../ports';
import { CertificateService } from './certificate-service';

export type CertificateOptions = {
  /** Where this computer checks its own access to odoo.com (default https://www.odoo.com/). */
  readonly odooComUrl?: string;
  /** PEM CAs trusted in addition to the system store (the lab CA in tests and the preview). */
  readonly extraCa?: readonly string[];
  /** The boxes' TLS port when not 443 (lab simulators without root). */
  readonly httpsPort?: number;
  readonly pollDelaysMs?: readonly number[];
};

/** Certificate work over the shared box client, this computer's resolver and its TLS. */
export function createCertificateService(
  ports: Pick<NodePorts, 'http' | 'lookup' | 'clock' | 'tls' | 'log'>,
  client: BoxClient,
  options: CertificateOptions = {},
): CertificateService {
  return new CertificateService({
    box: {
      getInfo: (target, signal) => client.getInfo(target, signal),
      requestCertificateCheck: (target, info, signal) =>
        client.requestCertificateCheck(target, info, signal),
      waitUntilBack: (target, before, aftermath, signal) =>
        client.waitUntilBack(target, before, { aftermath }, signal),
      readLog: (target, info, signal) => client.readLog(target, info, signal),
    },
    http: ports.http,
    lookup: ports.lookup,
    clock: ports.clock,
    tls: ports.tls,
    log: ports.log,
    ...options,
  });
}
