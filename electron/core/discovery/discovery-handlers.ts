import { ok } from '../../shared/result';
import type { Handlers } from '../dispatch';
import { withBoxTarget } from '../box/box-target';
import type { Lazy } from '../lazy';
import type { EventSink } from '../ports';
import type { DiscoveryDefaults } from './create-discovery';
import type { DiscoveryService } from './discovery-service';

type DiscoveryHandlers = Pick<
  Handlers,
  'discovery:start' | 'discovery:cancel' | 'discovery:check-address'
>;

/** The contract's discovery channels, streaming every confirmed box as an event. */
export function discoveryHandlers(
  discovery: Lazy<DiscoveryService>,
  events: EventSink,
  defaults: DiscoveryDefaults = {},
): DiscoveryHandlers {
  return {
    'discovery:start': async ([options], { signal }) =>
      // Zod leaves absent fields absent, so the renderer's choices override the host's defaults.
      (await discovery()).scan(
        { ...defaults, ...options },
        {
          onBoxFound: (box) => events.emit('discovery:box-found', box),
          onBoxUpdated: (box) => events.emit('discovery:box-updated', box),
          onProgress: (progress) => events.emit('discovery:progress', progress),
        },
        signal,
      ),
    'discovery:cancel': async () => {
      (await discovery()).cancel();
      return ok(null);
    },
    'discovery:check-address': ([ref], { signal }) =>
      withBoxTarget(ref, async (target) =>
        (await discovery()).checkAddress(target, signal, (progress) =>
          // The address as the renderer sent it: how it knows which check this is.
          events.emit('discovery:address-progress', { address: ref, ...progress }),
        ),
      ),
  };
}
