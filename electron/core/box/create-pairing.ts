import type { BoxRestartProgress } from '../../shared/schemas/pairing';
import { fail, ok } from '../../shared/result';
import { createNodeHttp } from '../adapters/node-http';
import { noSecretStore } from '../adapters/no-secret-store';
import { systemClock } from '../adapters/system-clock';
import type { Handlers } from '../dispatch';
import { createCredentialsCache } from '../odoo/credentials-cache';
import { createOdooClient, type OdooClient } from '../odoo/odoo-client';
import {
  createRememberedCredentials,
  type RememberedCredentials,
} from '../odoo/remembered-credentials';
import type { ClockPort, EventSink, HttpPort, LogPort, SecretStorePort } from '../ports';
import { maskUuid, rememberSecret } from '../redact';
import { createBoxClient, type BoxClient } from './box-client';
import { parseBoxTarget } from './box-target';
import { validateWifi } from './pairing-input';
import { createPairingService, type PairingService } from './pairing-service';
import { createPairingWatch, type PairingWatch } from './pairing-watch';

/** What pairing needs from outside; real adapters when omitted (the CLI and the preview). */
export type PairingPorts = {
  readonly http?: HttpPort;
  readonly clock?: ClockPort;
  /** Where "remember" keeps the enterprise code; nothing is kept when omitted. */
  readonly secrets?: SecretStorePort;
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

export function createPairing(ports: PairingPorts & { readonly log: LogPort }): Pairing {
  const http = ports.http ?? createNodeHttp();
  const clock = ports.clock ?? systemClock;
  const client = createBoxClient({ http, log: ports.log, clock });
  const cache = createCredentialsCache(clock);
  const remembered = createRememberedCredentials(ports.secrets ?? noSecretStore, ports.log);
  const service = createPairingService({
    client,
    log: ports.log,
    remembered,
    readCredentials: (readId) => cache.get(readId),
    ...(ports.restartTimeoutMs === undefined ? {} : { restartTimeoutMs: ports.restartTimeoutMs }),
  });
  const odoo = createOdooClient({ http, log: ports.log, clock });
  const watch = createPairingWatch({
    client,
    clock,
    log: ports.log,
    ...(ports.restartTimeoutMs === undefined ? {} : { restartTimeoutMs: ports.restartTimeoutMs }),
    ...(ports.noCodeAfterMs === undefined ? {} : { noCodeAfterMs: ports.noCodeAfterMs }),
  });
  return { client, service, watch, odoo, cache, remembered };
}

type PairingChannels =
  | 'box:get-info'
  | 'box:check-token'
  | 'box:connect-server'
  | 'box:save-credentials'
  | 'box:clear-credentials'
  | 'box:restart'
  | 'box:rename'
  | 'box:watch-pairing'
  | 'box:stop-pairing-watch'
  | 'box:set-wifi'
  | 'odoo:read-credentials'
  | 'odoo:list-remembered'
  | 'odoo:recall-remembered'
  | 'odoo:forget-remembered'
  | 'box:check-keychain';

export function pairingHandlers(
  pairing: Pairing,
  events: EventSink,
): Pick<Handlers, PairingChannels> {
  const onProgress = (payload: BoxRestartProgress): void =>
    events.emit('box:restart-progress', payload);
  // One watch at a time: the wizard watches the box it is on; a new watch replaces the old one.
  let watching: AbortController | null = null;
  return {
    'box:get-info': ([ref], { signal }) => pairing.service.getInfo(ref, signal),
    'box:check-token': ([request], { signal }) => pairing.service.checkToken(request, signal),
    'box:connect-server': ([request], { signal }) =>
      pairing.service.connectServer(request, signal, onProgress),
    'box:save-credentials': ([request], { signal }) =>
      pairing.service.saveCredentials(request, signal, onProgress),
    'box:clear-credentials': ([ref], { signal }) =>
      pairing.service.clearCredentials(ref, signal, onProgress),
    'box:restart': ([ref], { signal }) => pairing.service.restart(ref, signal, onProgress),
    'box:rename': ([request], { signal }) => pairing.service.rename(request, signal, onProgress),
    'box:watch-pairing': async ([ref, options], { signal }) => {
      watching?.abort();
      const controller = new AbortController();
      watching = controller;
      try {
        return await pairing.watch.watch(
          ref,
          options,
          {
            onProgress: (payload) => events.emit('box:pairing-progress', payload),
            onRestart: onProgress,
          },
          AbortSignal.any([signal, controller.signal]),
        );
      } finally {
        if (watching === controller) {
          watching = null;
        }
      }
    },
    'box:stop-pairing-watch': () => {
      watching?.abort();
      return Promise.resolve(ok(null));
    },
    'box:check-keychain': () => Promise.resolve(ok({ available: pairing.remembered.available() })),
    // The box leaves its access point before answering: there is no restart to follow here, it
    // reappears on the chosen network at an address only a new search can tell.
    'box:set-wifi': async ([request], { signal }) => {
      const wifi = validateWifi(request);
      if (!wifi.ok) {
        return wifi;
      }
      rememberSecret(wifi.value.password);
      const target = parseBoxTarget(request.box);
      if (!target.ok) {
        return target;
      }
      const info = await pairing.client.getInfo(target.value, signal);
      if (!info.ok) {
        return info;
      }
      const sent = await pairing.client.setWifi(target.value, info.value, wifi.value, signal);
      return sent.ok
        ? ok({ essid: wifi.value.essid, box: info.value, replied: sent.value.replied })
        : sent;
    },
    'odoo:read-credentials': async ([request], { signal }) => {
      const read = await pairing.odoo.readCredentials(request, signal);
      if (!read.ok) {
        return read;
      }
      const { dbUuid, enterpriseCode, ...rest } = read.value;
      const origin = {
        serverUrl: rest.serverUrl,
        database: rest.database,
        serverVersion: rest.serverVersion,
      };
      const readId =
        enterpriseCode === null ? '' : pairing.cache.put({ dbUuid, enterpriseCode, origin });
      return ok({
        ...rest,
        warnings: [...rest.warnings],
        readId,
        dbUuidMasked: maskUuid(dbUuid),
        enterpriseCodeSet: enterpriseCode !== null,
      });
    },
    'odoo:list-remembered': async () => ok(await pairing.remembered.list()),
    // Sent like credentials just read: the review shows what the box will get, masked. What
    // odoo.com will think of the subscription was checked when it was read, not now.
    'odoo:recall-remembered': async ([id]) => {
      const entry = await pairing.remembered.find(id);
      if (entry === null) {
        return fail('invalid-arguments', 'no remembered database with this id');
      }
      const { dbUuid, enterpriseCode, ...origin } = entry;
      return ok({
        ...origin,
        readId: pairing.cache.put({ dbUuid, enterpriseCode, origin }),
        dbUuidMasked: maskUuid(dbUuid),
        enterpriseCodeSet: true,
        expirationDate: null,
        neutralized: false,
        warnings: [],
      });
    },
    'odoo:forget-remembered': async ([id]) => {
      await pairing.remembered.forget(id);
      return ok(null);
    },
  };
}
