import { ok } from '../../shared/result';
import { createNodeHttp } from '../adapters/node-http';
import { createNodeTcp } from '../adapters/node-tcp';
import type { BoxClient } from '../box/box-client';
import type { Handlers } from '../dispatch';
import type {
  EventSink,
  HttpPort,
  LogPort,
  MdnsPort,
  NetworkInterfacesPort,
  TcpPort,
} from '../ports';
import { createBonjourMdns } from '../adapters/bonjour-mdns';
import { osNetworkInterfaces } from '../adapters/os-network-interfaces';
import { DiscoveryService, type DiscoveryTuning, type ScanRequest } from './discovery-service';
import type { Fingerprint } from './probe-address';

export type DiscoveryPorts = {
  readonly log: LogPort;
  /** Real adapters when omitted: node:http, node:net, os.networkInterfaces(), bonjour-service. */
  readonly http?: HttpPort | undefined;
  readonly tcp?: TcpPort | undefined;
  readonly networkInterfaces?: NetworkInterfacesPort | undefined;
  readonly mdns?: MdnsPort | undefined;
  readonly tuning?: Partial<DiscoveryTuning> | undefined;
};

/**
 * The box client's full read, as discovery's "is it really a box, and which" check. Its code (an
 * HTML parser for the oldest boxes among it) loads when the first address answers `ping`, while
 * the sweep is still waiting on silent addresses, rather than before the search can start.
 */
export function boxClientFingerprint(http: HttpPort, log: LogPort): Fingerprint {
  let client: Promise<BoxClient> | undefined;
  return async (target, signal) => {
    client ??= import('../box/box-client').then((module) => module.createBoxClient({ http, log }));
    const info = await (await client).getInfo(target, signal);
    return info.ok ? info.value : null;
  };
}

export function createDiscoveryService(ports: DiscoveryPorts): DiscoveryService {
  const http = ports.http ?? createNodeHttp();
  return new DiscoveryService({
    http,
    tcp: ports.tcp ?? createNodeTcp(),
    log: ports.log,
    interfaces: ports.networkInterfaces ?? osNetworkInterfaces,
    mdns: ports.mdns ?? createBonjourMdns(ports.log),
    fingerprint: boxClientFingerprint(http, ports.log),
    ...(ports.tuning === undefined ? {} : { tuning: ports.tuning }),
  });
}

/** Scan settings a host imposes under the renderer's (the preview sweeps loopback only). */
export type DiscoveryDefaults = Omit<ScanRequest, 'timeoutMs'>;

type DiscoveryHandlers = Pick<
  Handlers,
  'discovery:start' | 'discovery:cancel' | 'discovery:check-address'
>;

/** The contract's discovery channels, streaming every confirmed box as an event. */
export function discoveryHandlers(
  service: DiscoveryService,
  events: EventSink,
  defaults: DiscoveryDefaults = {},
): DiscoveryHandlers {
  return {
    'discovery:start': ([options], { signal }) =>
      // Zod leaves absent fields absent, so the renderer's choices override the host's defaults.
      service.scan(
        { ...defaults, ...options },
        {
          onBoxFound: (box) => events.emit('discovery:box-found', box),
          onBoxUpdated: (box) => events.emit('discovery:box-updated', box),
          onProgress: (progress) => events.emit('discovery:progress', progress),
        },
        signal,
      ),
    'discovery:cancel': () => {
      service.cancel();
      return Promise.resolve(ok(null));
    },
    'discovery:check-address': ([ref], { signal }) =>
      service.checkAddress(ref, signal, (progress) =>
        events.emit('discovery:address-progress', progress),
      ),
  };
}
