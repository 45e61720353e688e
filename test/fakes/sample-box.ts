import type { FoundBox } from '../../electron/shared/schemas/discovery';

/** A plausible G4 box as discovery reports it, for tests that only move boxes around. */
export const sampleFoundBox: FoundBox = {
  address: { host: '127.0.0.14', port: 8069 },
  ip: '127.0.0.14',
  api: 'g4',
  name: 'iotbox',
  identifier: '10000000a1b2c3d4',
  mac: 'b8:27:eb:00:00:14',
  version: 'L25.04',
  system: 'Linux',
  serverUrl: null,
  pairingCode: null,
  accessPoint: false,
  accessPointSsid: null,
  dbUuidSet: false,
  enterpriseCodeSet: false,
  canRename: true,
  certificate: { state: 'missing' },
  foundBy: ['sweep'],
  alsoClaimedBy: [],
};
