import type { DeviceCheckPorts } from '../device-check/create-device-check';
import { osNetworkInterfaces } from './os-network-interfaces';
import { createNodeLookup } from './node-lookup';
import { createNodePageServer } from './node-page-server';

/** The real page server, network interfaces and resolver for "Check another device". */
export function createDeviceCheckAdapters(): DeviceCheckPorts {
  return {
    pageServer: createNodePageServer(),
    interfaces: osNetworkInterfaces,
    lookup: createNodeLookup(),
  };
}
