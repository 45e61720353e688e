import { ok } from '../../shared/result';
import type {
  EventSink,
  LogPort,
  LookupPort,
  NetworkInterfacesPort,
  PageServerPort,
  TlsPort,
} from '../ports';
import type { Handlers } from '../dispatch';
import { verifyBoxHttps } from '../tls/https-verifier';
import { DeviceCheckService } from './device-check-service';

/** What the device check talks to: real adapters (adapters/device-check-adapters.ts) or fakes. */
export type DeviceCheckPorts = {
  readonly pageServer: PageServerPort;
  readonly interfaces: NetworkInterfacesPort;
  /** Only for the certificate reader's signature: the name is read by IP, never resolved. */
  readonly lookup: LookupPort;
  /** Where the box serves HTTPS, to read its name from the certificate (default 443). */
  readonly httpsPort?: number;
  /** Node's TLS unless a caller confines it (the lab preview). */
  readonly tls?: TlsPort;
};

export function createDeviceCheckService(
  ports: DeviceCheckPorts & {
    readonly log: LogPort;
    readonly events: Pick<EventSink, 'emit'>;
  },
): DeviceCheckService {
  const { lookup } = ports;
  return new DeviceCheckService({
    pageServer: ports.pageServer,
    interfaces: ports.interfaces,
    // Connecting by IP with the certificate's own name: no DNS involved.
    findBoxName: async (ip, signal) =>
      (
        await verifyBoxHttps(
          { ip, via: 'ip', ...(ports.httpsPort === undefined ? {} : { port: ports.httpsPort }) },
          {
            lookup,
            now: () => new Date(),
            timeoutMs: 5_000,
            ...(ports.tls === undefined ? {} : { tls: ports.tls }),
          },
          signal,
        )
      ).hostname,
    log: ports.log,
    onOpened: (event) => ports.events.emit('device-check:opened', event),
    onEnded: (event) => ports.events.emit('device-check:ended', event),
  });
}

export function deviceCheckHandlers(
  service: DeviceCheckService,
): Pick<Handlers, 'device-check:start' | 'device-check:stop'> {
  return {
    'device-check:start': ([request], { signal }) => service.start(request, {}, signal),
    'device-check:stop': async ([request]) => {
      await service.stop(request.id);
      return ok(null);
    },
  };
}
