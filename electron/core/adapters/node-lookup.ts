import type { LookupPort, LookupResult } from '../ports';
import { isNodeError } from './json-file';
import { settleOnce } from './settle-once';

/**
 * The OS resolver (getaddrinfo) behind the LookupPort. getaddrinfo cannot be cancelled, so the
 * caller's deadline races it: the caller gets `ETIMEOUT` on time and the worker thread finishes
 * unseen. `errno` is kept because on glibc it is the only thing telling an empty answer (−3007,
 * what a rebind filter returns) from a name that does not exist (−3008).
 */
export function createNodeLookup(): LookupPort {
  return {
    lookup: (name, { timeoutMs, signal }) =>
      new Promise<LookupResult>((resolve) => {
        const { finish, settled } = settleOnce<LookupResult>({
          resolve,
          signal,
          timeoutMs,
          onTimeout: () => ({
            ok: false,
            code: 'ETIMEOUT',
            message: `no answer in ${timeoutMs} ms`,
          }),
          onAbort: () => ({ ok: false, code: 'ECANCELLED', message: 'cancelled' }),
        });
        if (settled()) {
          return;
        }
        // Loaded by the first lookup, not when the program starts.
        const dns = process.getBuiltinModule('node:dns').promises;
        dns.lookup(name, { family: 4, all: true }).then(
          (found) => finish({ ok: true, addresses: found.map((entry) => entry.address) }),
          (error: unknown) => finish(lookupFailure(error)),
        );
      }),
  };
}

function lookupFailure(error: unknown): LookupResult {
  const message = error instanceof Error ? error.message : String(error);
  if (!isNodeError(error)) {
    return { ok: false, code: 'EUNKNOWN', message };
  }
  return {
    ok: false,
    code: error.code ?? 'EUNKNOWN',
    message,
    ...(typeof error.errno === 'number' ? { errno: error.errno } : {}),
  };
}
