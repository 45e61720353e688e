import { fail, ok, type Failure, type Result } from '../../shared/result';
import type { HttpPort } from '../ports';
import { boxFetch, boxGet, type BoxHttp } from './box-http';
import type { BoxTarget } from './box-target';

/*
 * `/hw_proxy/hello`: every box generation answers exactly `ping` (protocol doc §3). Discovery asks
 * it of every address that accepts a connection; the box client asks it first of a box it reads
 * and while it waits for one to come back.
 */

const HELLO_PATH = '/hw_proxy/hello';
/**
 * How long a host that accepted the connection may take to answer the hello. A box on the LAN
 * answers in milliseconds, but a busy one (a Raspberry Pi printing, a Windows box starting) can
 * take most of a second.
 */
export const HELLO_TIMEOUT_MS = 2_000;
/** `ping` is 4 bytes; anything much longer is some other web server. */
const SWEEP_MAX_BODY_BYTES = 64;

/**
 * - `ping`: the exact answer every box generation gives;
 * - `unavailable`: a proxy answered for a service that is not up (HTTP 502/503/504): a box's
 *   nginx while its Odoo service is still starting or restarting;
 * - `answered`: something else is there (another web server, a closed port, a TLS-only port);
 * - `silent`: nothing answered in time, or the address is unreachable.
 */
export type HelloOutcome = 'ping' | 'unavailable' | 'answered' | 'silent';

/** What nginx answers for a proxied service that is down (the box's Odoo while it starts). */
const UNAVAILABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

const isPing = (response: { readonly status: number; readonly body: string }): boolean =>
  response.status === 200 && response.body === 'ping';

/** Discovery's question to an address: is a box there, starting, something else, or nothing? */
export async function checkHello(
  http: HttpPort,
  target: BoxTarget,
  signal: AbortSignal,
  timeoutMs = HELLO_TIMEOUT_MS,
): Promise<HelloOutcome> {
  const result = await boxFetch({ http, timeoutMs }, target, HELLO_PATH, signal, {
    maxBodyBytes: SWEEP_MAX_BODY_BYTES,
  });
  if (result.ok) {
    if (isPing(result.value)) {
      return 'ping';
    }
    return UNAVAILABLE_STATUSES.has(result.value.status) ? 'unavailable' : 'answered';
  }
  switch (result.error.kind) {
    case 'timeout':
    case 'unreachable':
    case 'aborted':
    case 'dns':
      return 'silent';
    case 'refused':
    case 'reset':
    case 'tls':
    case 'too-large':
    case 'protocol':
      return 'answered';
  }
}

/** The box client's check that a box is there: a failure naming why when it does not say `ping`. */
export async function helloAnswers(
  box: BoxHttp,
  target: BoxTarget,
  signal: AbortSignal,
  timeoutMs?: number,
): Promise<Result<true, Failure>> {
  const hello = await boxGet(box, target, HELLO_PATH, signal, { timeoutMs });
  if (!hello.ok) {
    return hello;
  }
  if (!isPing(hello.value)) {
    return fail('box-not-odoo', `${HELLO_PATH} answered HTTP ${hello.value.status}`);
  }
  return ok(true);
}
