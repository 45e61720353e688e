import type { BoxRestartProgress } from '../../shared/schemas/pairing';
import { fail, ok } from '../../shared/result';
import type { Handlers } from '../dispatch';
import type { Lazy } from '../lazy';
import type { EventSink } from '../ports';
import { maskUuid, rememberSecret } from '../redact';
import { withBoxTarget } from './box-target';
import type { Pairing } from './create-pairing';
import { validateWifi } from './pairing-input';

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

/** The contract's box and Odoo channels; one pairing watch at a time. */
export function pairingHandlers(
  lazyPairing: Lazy<Pairing>,
  events: EventSink,
): Pick<Handlers, PairingChannels> {
  const service = async () => (await lazyPairing()).service;
  const onProgress = (payload: BoxRestartProgress): void =>
    events.emit('box:restart-progress', payload);
  // One watch at a time: the wizard watches the box it is on; a new watch replaces the old one.
  let watching: AbortController | null = null;
  return {
    'box:get-info': ([ref], { signal }) =>
      withBoxTarget(ref, async (target) => (await service()).getInfo(target, signal)),
    'box:check-token': ([request], { signal }) =>
      withBoxTarget(request.box, async (box) =>
        (await service()).checkToken({ ...request, box }, signal),
      ),
    'box:connect-server': ([request], { signal }) =>
      withBoxTarget(request.box, async (box) =>
        (await service()).connectServer({ ...request, box }, signal, onProgress),
      ),
    'box:save-credentials': ([request], { signal }) =>
      withBoxTarget(request.box, async (box) =>
        (await service()).saveCredentials({ ...request, box }, signal, onProgress),
      ),
    'box:clear-credentials': ([ref], { signal }) =>
      withBoxTarget(ref, async (target) =>
        (await service()).clearCredentials(target, signal, onProgress),
      ),
    'box:restart': ([ref], { signal }) =>
      withBoxTarget(ref, async (target) => (await service()).restart(target, signal, onProgress)),
    'box:rename': ([request], { signal }) =>
      withBoxTarget(request.box, async (box) =>
        (await service()).rename({ ...request, box }, signal, onProgress),
      ),
    'box:watch-pairing': async ([ref, options], { signal }) => {
      const pairing = await lazyPairing();
      watching?.abort();
      const controller = new AbortController();
      watching = controller;
      try {
        return await withBoxTarget(ref, (target) =>
          pairing.watch.watch(
            target,
            options,
            {
              onProgress: (payload) => events.emit('box:pairing-progress', payload),
              onRestart: onProgress,
            },
            AbortSignal.any([signal, controller.signal]),
          ),
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
    'box:check-keychain': async () =>
      ok({ available: (await lazyPairing()).remembered.available() }),
    // The box leaves its access point before answering: there is no restart to follow here, it
    // reappears on the chosen network at an address only a new search can tell.
    'box:set-wifi': async ([request], { signal }) => {
      const pairing = await lazyPairing();
      const wifi = validateWifi(request);
      if (!wifi.ok) {
        return wifi;
      }
      rememberSecret(wifi.value.password);
      return withBoxTarget(request.box, async (target) => {
        const info = await pairing.client.getInfo(target, signal);
        if (!info.ok) {
          return info;
        }
        const sent = await pairing.client.setWifi(target, info.value, wifi.value, signal);
        return sent.ok
          ? ok({ essid: wifi.value.essid, box: info.value, replied: sent.value.replied })
          : sent;
      });
    },
    'odoo:read-credentials': async ([request], { signal }) => {
      const pairing = await lazyPairing();
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
    'odoo:list-remembered': async () => ok(await (await lazyPairing()).remembered.list()),
    // Sent like credentials just read: the review shows what the box will get, masked. What
    // odoo.com will think of the subscription was checked when it was read, not now.
    'odoo:recall-remembered': async ([id]) => {
      const pairing = await lazyPairing();
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
      await (await lazyPairing()).remembered.forget(id);
      return ok(null);
    },
  };
}
