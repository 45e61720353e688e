import { ok } from '../../shared/result';
import type { Handlers } from '../dispatch';
import { withBoxTarget } from '../box/box-target';
import type { Lazy } from '../lazy';
import type { EventSink } from '../ports';
import type { CertificateService } from './certificate-service';

/** The contract's certificate channels; one wait at a time, which "Stop waiting" ends. */
export function certificateHandlers(
  certificate: Lazy<CertificateService>,
  events: EventSink,
): Pick<
  Handlers,
  'certificate:get-status' | 'certificate:acquire' | 'certificate:verify' | 'certificate:cancel'
> {
  // The wait under way, so that "Stop waiting" ends it (a new wait replaces an older one).
  let waiting: AbortController | null = null;
  return {
    'certificate:get-status': ([ref], { signal }) =>
      withBoxTarget(ref, async (target) => (await certificate()).getStatus(target, signal)),
    'certificate:acquire': async ([ref, options], { signal }) => {
      waiting?.abort();
      const controller = new AbortController();
      waiting = controller;
      try {
        return await withBoxTarget(ref, async (target) =>
          (await certificate()).acquire(
            target,
            options,
            (progress) => events.emit('certificate:progress', progress),
            AbortSignal.any([signal, controller.signal]),
          ),
        );
      } finally {
        if (waiting === controller) {
          waiting = null;
        }
      }
    },
    'certificate:verify': ([ref, options], { signal }) =>
      withBoxTarget(ref, async (target) =>
        (await certificate()).verify(target, options.via ?? 'name', signal),
      ),
    'certificate:cancel': () => {
      waiting?.abort();
      return Promise.resolve(ok(null));
    },
  };
}
