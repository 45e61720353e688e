import { ok } from '../../shared/result';
import type { ActivityTracker } from '../activity';
import type { Handlers } from '../dispatch';
import type { Lazy } from '../lazy';
import type { EventSink } from '../ports';
import type { DnsServices } from './create-dns';
import { formatServer } from './references';

/** The contract's DNS channels; an update restart waits while a change is not settled. */
export function dnsHandlers(
  dns: Lazy<DnsServices>,
  events: EventSink,
  activity: ActivityTracker,
): Pick<
  Handlers,
  | 'dns:diagnose'
  | 'dns:plan'
  | 'dns:preview-fix'
  | 'dns:apply-fix'
  | 'dns:confirm-fix'
  | 'dns:restore'
  | 'dns:forget'
  | 'dns:get-journal'
  | 'dns:recheck'
  | 'dns:references'
> {
  // From apply until kept, undone or rolled back, an update restart must wait.
  let endChange: (() => void) | null = null;
  const settle = <T>(result: T): T => {
    endChange?.();
    endChange = null;
    return result;
  };
  return {
    'dns:diagnose': async ([request], { signal }) =>
      (await dns()).diagnosis.diagnose(request, signal, (probe) =>
        events.emit('dns:resolver-answered', probe),
      ),
    'dns:plan': async ([report, router]) =>
      ok(await (await dns()).plans(report, router ?? undefined)),
    'dns:preview-fix': async (_args, { signal }) => (await dns()).change.preview(signal),
    'dns:apply-fix': async ([request], { signal }) => {
      const services = await dns();
      endChange ??= activity.begin('dns-change');
      const result = await services.change.apply(
        { ...request, servers: await services.fixServers() },
        signal,
      );
      return result.ok ? result : settle(result);
    },
    'dns:confirm-fix': async ([request]) => settle(await (await dns()).change.confirm(request.id)),
    'dns:restore': async (_args, { signal }) => settle(await (await dns()).change.restore(signal)),
    'dns:forget': async () => settle(await (await dns()).change.forget()),
    'dns:get-journal': async () => (await dns()).change.current(),
    'dns:references': async () => {
      const services = await dns();
      const current = await services.references();
      return ok({
        servers: current.servers.map(formatServer),
        dohUrl: current.dohUrl,
        fromEnv: services.fromEnv,
      });
    },
    'dns:recheck': async ([request], { signal }) =>
      ok(await (await dns()).recheck(request.name, request.expectedIp, signal)),
  };
}
