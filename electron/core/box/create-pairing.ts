import { createCredentialsCache } from '../odoo/credentials-cache';
import { createOdooClient, type OdooClient } from '../odoo/odoo-client';
import {
  createRememberedCredentials,
  type RememberedCredentials,
} from '../odoo/remembered-credentials';
import type { NodePorts } from '../ports';
import type { BoxClient } from './box-client';
import { createPairingService, type PairingService } from './pairing-service';
import { createPairingWatch, type PairingWatch } from './pairing-watch';

export type PairingOptions = {
  /** Overall wait for the box to come back after a change (defaults in wait-until-back.ts). */
  readonly restartTimeoutMs?: number;
  /** How long a box may show no pairing code after it started before that counts (45 s). */
  readonly noCodeAfterMs?: number;
};

export type Pairing = {
  readonly client: BoxClient;
  readonly service: PairingService;
  /** Watching a box until its pairing code is used and it is back from restarting. */
  readonly watch: PairingWatch;
  readonly odoo: OdooClient;
  /** Credentials read from a database, kept here for the renderer's later save request. */
  readonly cache: ReturnType<typeof createCredentialsCache>;
  /** Databases whose credentials "remember" kept (empty and unavailable without a keychain). */
  readonly remembered: RememberedCredentials;
};

/** Pairing over the shared box client; the Odoo client over the same HTTP port. */
export function createPairing(
  ports: Pick<NodePorts, 'http' | 'clock' | 'log' | 'secrets'>,
  client: BoxClient,
  options: PairingOptions = {},
): Pairing {
  const { clock, log } = ports;
  const restart =
    options.restartTimeoutMs === undefined ? {} : { restartTimeoutMs: options.restartTimeoutMs };
  const cache = createCredentialsCache(clock);
  const remembered = createRememberedCredentials(ports.secrets, log);
  const service = createPairingService({
    client,
    log,
    remembered,
    readCredentials: (readId) => cache.get(readId),
    ...restart,
  });
  const odoo = createOdooClient({ http: ports.http, log, clock });
  const watch = createPairingWatch({
    client,
    clock,
    log,
    ...restart,
    ...(options.noCodeAfterMs === undefined ? {} : { noCodeAfterMs: options.noCodeAfterMs }),
  });
  return { client, service, watch, odoo, cache, remembered };
}
