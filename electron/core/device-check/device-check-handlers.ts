import { ok } from '../../shared/result';
import type { Handlers } from '../dispatch';
import type { Lazy } from '../lazy';
import type { DeviceCheckService } from './device-check-service';

/** The contract's "check another device" channels. */
export function deviceCheckHandlers(
  deviceCheck: Lazy<DeviceCheckService>,
): Pick<Handlers, 'device-check:start' | 'device-check:stop'> {
  return {
    'device-check:start': async ([request], { signal }) =>
      (await deviceCheck()).start(request, {}, signal),
    'device-check:stop': async ([request]) => {
      await (await deviceCheck()).stop(request.id);
      return ok(null);
    },
  };
}
