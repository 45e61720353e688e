import { networkInterfaces } from 'node:os';

import type { InterfaceAddress, NetworkInterfacesPort } from '../ports';

/** The computer's interfaces from `os.networkInterfaces()`, flattened. */
export const osNetworkInterfaces: NetworkInterfacesPort = () =>
  Object.entries(networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? []).map((entry): InterfaceAddress => ({
      name,
      address: entry.address,
      netmask: entry.netmask,
      family: entry.family,
      internal: entry.internal,
      mac: entry.mac,
      cidr: entry.cidr,
    })),
  );
