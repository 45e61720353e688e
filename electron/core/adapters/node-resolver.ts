import { isIPv6 } from 'node:net';

import type { DnsServer, ResolverPort, ResolveResult } from '../ports';
import { isNodeError } from './json-file';
import { settleOnce } from './settle-once';

/** c-ares's form for a server with a port: `1.2.3.4:5353`, `[2001:db8::1]:5353`. */
export function serverSpec(server: DnsServer): string {
  const host = isIPv6(server.address) ? `[${server.address}]` : server.address;
  return server.port === 53 && !isIPv6(server.address) ? host : `${host}:${server.port}`;
}

/**
 * A fresh c-ares Resolver per query, pointed at exactly one server, one try: the answer is that
 * server's, never a cache's or a fallback's. A timer backs up c-ares's own timeout so a server
 * that never answers costs at most `timeoutMs`.
 */
export function createNodeResolver(): ResolverPort {
  return {
    resolve4: (name, server, { timeoutMs, signal }) =>
      new Promise<ResolveResult>((resolve) => {
        // Loaded by the first query (see node-http.ts for why not as an ESM import).
        const dns = process.getBuiltinModule('node:dns').promises;
        const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 1 });
        const { finish, settled } = settleOnce<ResolveResult>({
          resolve,
          signal,
          // The resolver's own timeout answers first; this only catches one that never does.
          timeoutMs: timeoutMs + 50,
          onTimeout: () => ({
            ok: false,
            code: 'ETIMEOUT',
            message: `no answer in ${timeoutMs} ms`,
          }),
          onAbort: () => ({ ok: false, code: 'ECANCELLED', message: 'cancelled' }),
          cleanup: () => resolver.cancel(),
        });
        if (settled()) {
          return;
        }
        try {
          resolver.setServers([serverSpec(server)]);
        } catch (error) {
          finish({ ok: false, code: 'EBADSERVER', message: String(error) });
          return;
        }
        resolver.resolve4(name).then(
          (addresses) => finish({ ok: true, addresses }),
          (error: unknown) =>
            finish({
              ok: false,
              code: isNodeError(error) ? (error.code ?? 'EUNKNOWN') : 'EUNKNOWN',
              message: error instanceof Error ? error.message : String(error),
            }),
        );
      }),
  };
}
