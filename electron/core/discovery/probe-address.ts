import type { BoxInfo } from '../../shared/schemas/box';
import type { BoxTarget } from '../box/box-target';
import type { HttpPort, LogPort, TcpPort } from '../ports';
import { checkHello } from '../box/hello';

/** Reads a confirmed box (one that answered `ping`); null when it cannot be read as a box. */
export type Fingerprint = (target: BoxTarget, signal: AbortSignal) => Promise<BoxInfo | null>;

export type ProbeDeps = {
  readonly http: HttpPort;
  readonly tcp: TcpPort;
  readonly log: LogPort;
  readonly fingerprint: Fingerprint;
};

/** How long an address may take to accept a connection, then to answer its hello. */
export type HelloLimits = { readonly connectMs: number; readonly answerMs: number };

/**
 * What one address turned out to be: a box; or something that answered — `starting` when only
 * in the way of a box whose service is not up yet (the API port refused, or nginx's "bad
 * gateway"), `notBox` when in a way no box answers (another web server); or nothing at all.
 */
export type ProbeOutcome = {
  readonly box: BoxInfo | null;
  readonly answered: boolean;
  readonly starting: boolean;
  readonly notBox: boolean;
};

/** An address nothing answered at. */
export const SILENT: ProbeOutcome = { box: null, answered: false, starting: false, notBox: false };

/**
 * Per port in order: a bare TCP connect first (cheap, so a whole /24 can be asked at once and a
 * silent address given up quickly), then `/hw_proxy/hello` where something accepted, then the
 * fingerprint. A host silent on the first port is not asked again on the next: nothing answered
 * there (no ARP reply, or a firewall dropping everything, which Odoo's docs open for 8069 and 80
 * together), and waiting twice per silent address would double the sweep.
 */
export async function probeAddress(
  deps: ProbeDeps,
  host: string,
  ports: readonly number[],
  limits: HelloLimits,
  signal: AbortSignal,
): Promise<ProbeOutcome> {
  let answered = false;
  let starting = false;
  let notBox = false;
  for (const port of ports) {
    if (signal.aborted) {
      break;
    }
    const knock = await deps.tcp.knock(host, port, limits.connectMs, signal);
    if (knock === 'silent') {
      break;
    }
    answered = true;
    if (knock === 'refused') {
      starting = true;
      continue;
    }
    const hello = await checkHello(deps.http, { host, port }, signal, limits.answerMs);
    starting ||= hello === 'unavailable';
    notBox ||= hello === 'answered';
    if (hello === 'ping') {
      const box = await deps.fingerprint({ host, port }, signal).catch((error: unknown) => {
        deps.log.warn('fingerprint threw', { host, port, error: String(error) });
        return null;
      });
      if (box === null && !signal.aborted) {
        deps.log.info('answered ping but could not be read as a box; not listed', { host, port });
      }
      return { box, answered, starting: false, notBox: false };
    }
  }
  return { box: null, answered, starting, notBox };
}
