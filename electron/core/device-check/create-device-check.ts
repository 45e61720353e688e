import type { Ports } from '../ports';
import { verifyBoxHttps } from '../tls/https-verifier';
import { DeviceCheckService } from './device-check-service';

export type DeviceCheckOptions = {
  /** Where the box serves HTTPS, to read its name from the certificate (default 443). */
  readonly httpsPort?: number;
};

/** "Check another device": a page server on this computer's LAN address, the box named by TLS. */
export function createDeviceCheckService(
  ports: Pick<Ports, 'pageServer' | 'interfaces' | 'lookup' | 'tls' | 'log' | 'events'>,
  options: DeviceCheckOptions = {},
): DeviceCheckService {
  return new DeviceCheckService({
    pageServer: ports.pageServer,
    interfaces: ports.interfaces,
    // Connecting by IP with the certificate's own name: no DNS involved.
    findBoxName: async (ip, signal) =>
      (
        await verifyBoxHttps(
          {
            ip,
            via: 'ip',
            ...(options.httpsPort === undefined ? {} : { port: options.httpsPort }),
          },
          { lookup: ports.lookup, tls: ports.tls, now: () => new Date(), timeoutMs: 5_000 },
          signal,
        )
      ).hostname,
    log: ports.log,
    onOpened: (event) => ports.events.emit('device-check:opened', event),
    onEnded: (event) => ports.events.emit('device-check:ended', event),
  });
}
