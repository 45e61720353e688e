import type { HttpPort } from '../ports';

/**
 * How long a host that accepted the connection may take to answer `/hw_proxy/hello`. A box on the
 * LAN answers in milliseconds, but a busy one (a Raspberry Pi printing, a Windows box starting)
 * can take most of a second.
 */
export const HELLO_TIMEOUT_MS = 2_000;
/**
 * An address that accepts no TCP connection within this is silent: a LAN host accepts or refuses
 * within milliseconds, while for an absent one ARP fails only after seconds.
 */
export const CONNECT_TIMEOUT_MS = 300;
/** `ping` is 4 bytes; anything much longer is some other web server. */
const HELLO_MAX_BODY_BYTES = 64;

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

export async function checkHello(
  http: HttpPort,
  host: string,
  port: number,
  signal: AbortSignal,
  timeoutMs = HELLO_TIMEOUT_MS,
): Promise<HelloOutcome> {
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const result = await http.request(
    {
      method: 'GET',
      url: `http://${hostPart}:${port}/hw_proxy/hello`,
      timeoutMs,
      maxBodyBytes: HELLO_MAX_BODY_BYTES,
    },
    signal,
  );
  if (result.ok) {
    if (result.value.status === 200 && result.value.body === 'ping') {
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
