import { isIPv4 } from 'node:net';

import { z } from 'zod';

import type { ResolverOutcome } from '../../shared/schemas/dns';
import type { HttpPort } from '../ports';

/** Google's JSON DoH API shape (also served by the lab's stand-in); only what we read. */
const DohAnswerSchema = z.object({
  Status: z.number().int(),
  Answer: z
    .array(z.object({ type: z.number().int(), data: z.string().max(512) }).loose())
    .max(64)
    .optional(),
});

export type DohResult = {
  readonly outcome: ResolverOutcome;
  readonly addresses: readonly string[];
  readonly error: string | null;
};

const RCODES: Readonly<Record<number, ResolverOutcome>> = {
  2: 'servfail',
  3: 'nxdomain',
  5: 'refused',
};

/**
 * An A query over DNS-over-HTTPS (JSON API, `?name=&type=A`). Port 443 is immune to port-53
 * interception, so this is the reference the UDP answers are compared with.
 */
export async function queryDoh(
  http: HttpPort,
  endpoint: string,
  name: string,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<DohResult> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { outcome: 'error', addresses: [], error: 'bad-url' };
  }
  url.searchParams.set('name', name);
  url.searchParams.set('type', 'A');
  const response = await http.request(
    {
      method: 'GET',
      url: url.href,
      headers: { Accept: 'application/dns-json' },
      timeoutMs: options.timeoutMs,
      maxBodyBytes: 64 * 1024,
    },
    options.signal,
  );
  if (!response.ok) {
    const kind = response.error.kind;
    return {
      outcome: kind === 'timeout' || kind === 'aborted' ? 'timeout' : 'unreachable',
      addresses: [],
      error: `http-${kind}`,
    };
  }
  if (response.value.status !== 200) {
    return { outcome: 'error', addresses: [], error: `HTTP ${response.value.status}` };
  }
  let body: unknown;
  try {
    body = JSON.parse(response.value.body);
  } catch {
    return { outcome: 'error', addresses: [], error: 'not-json' };
  }
  const parsed = DohAnswerSchema.safeParse(body);
  if (!parsed.success) {
    return { outcome: 'error', addresses: [], error: 'unexpected-answer' };
  }
  const rcode = RCODES[parsed.data.Status];
  if (rcode) {
    return { outcome: rcode, addresses: [], error: `rcode ${parsed.data.Status}` };
  }
  if (parsed.data.Status !== 0) {
    return { outcome: 'error', addresses: [], error: `rcode ${parsed.data.Status}` };
  }
  const addresses = (parsed.data.Answer ?? [])
    .filter((answer) => answer.type === 1 && isIPv4(answer.data))
    .map((answer) => answer.data);
  return addresses.length > 0
    ? { outcome: 'answer', addresses, error: null }
    : { outcome: 'no-data', addresses: [], error: 'ENODATA' };
}
