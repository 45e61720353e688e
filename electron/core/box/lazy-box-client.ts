import type { Lazy } from '../lazy';
import type { BoxClient } from './box-client';

/**
 * The box client, its code loaded by the first call to any method: discovery needs it only once
 * an address has answered `ping`, while the sweep is still waiting on silent addresses, and an
 * HTML parser for the oldest boxes comes with it.
 */
export function lazyBoxClient(load: Lazy<BoxClient>): BoxClient {
  return {
    getInfo: async (...args) => (await load()).getInfo(...args),
    saveCredentials: async (...args) => (await load()).saveCredentials(...args),
    clearCredentials: async (...args) => (await load()).clearCredentials(...args),
    connectToServer: async (...args) => (await load()).connectToServer(...args),
    renameBox: async (...args) => (await load()).renameBox(...args),
    setWifi: async (...args) => (await load()).setWifi(...args),
    restartOdoo: async (...args) => (await load()).restartOdoo(...args),
    requestCertificateCheck: async (...args) => (await load()).requestCertificateCheck(...args),
    waitUntilBack: async (...args) => (await load()).waitUntilBack(...args),
    followBranchSwitch: async (...args) => (await load()).followBranchSwitch(...args),
    readPairingStatus: async (...args) => (await load()).readPairingStatus(...args),
    readLog: async (...args) => (await load()).readLog(...args),
  };
}
