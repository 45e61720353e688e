import type { BoxClient } from '../box/box-client';
import type { NodePorts } from '../ports';
import { DiscoveryService, type DiscoveryTuning, type ScanRequest } from './discovery-service';

/** Scan settings a host imposes under the renderer's (the preview sweeps loopback only). */
export type DiscoveryDefaults = Omit<ScanRequest, 'timeoutMs'>;

export type DiscoveryOptions = {
  readonly defaults?: DiscoveryDefaults;
  readonly tuning?: Partial<DiscoveryTuning>;
};

/** Discovery over the network ports, confirming each box with the shared box client's read. */
export function createDiscoveryService(
  ports: Pick<NodePorts, 'http' | 'tcp' | 'interfaces' | 'mdns' | 'clock' | 'log'>,
  box: Pick<BoxClient, 'getInfo'>,
  options: DiscoveryOptions = {},
): DiscoveryService {
  return new DiscoveryService({
    http: ports.http,
    tcp: ports.tcp,
    log: ports.log,
    interfaces: ports.interfaces,
    mdns: ports.mdns,
    clock: ports.clock,
    fingerprint: async (target, signal) => {
      // Asked only of an address that has just answered the hello.
      const info = await box.getInfo(target, signal, { greeted: true });
      return info.ok ? info.value : null;
    },
    ...(options.tuning === undefined ? {} : { tuning: options.tuning }),
  });
}
