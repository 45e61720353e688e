import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

import type { TcpPort } from '../ports';
import { isNodeError } from './json-file';

/** The host itself answered: it is there, with nothing on that port (or it hung up at once). */
const ANSWERED_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET']);

/**
 * node:net behind the TcpPort. Every other error (EHOSTUNREACH when ARP failed, EHOSTDOWN on
 * macOS, ENETUNREACH…) is the OS saying nothing is there, which is as good as a timeout, only
 * sooner.
 */
export function createNodeTcp(): TcpPort {
  return {
    async knock(host, port, timeoutMs, signal) {
      if (signal.aborted) {
        return 'silent';
      }
      // Timers run before I/O in each turn of the event loop: after a busy stretch (hundreds of
      // knocks starting at once) a connection that completed in time may not be seen yet, so the
      // deadline waits for that turn's I/O (setImmediate runs after it).
      const deadline = new AbortController();
      const timer = setTimeout(() => setImmediate(() => deadline.abort()), timeoutMs);
      let socket: Socket | undefined;
      try {
        socket = connect({ host, port });
        await once(socket, 'connect', { signal: AbortSignal.any([signal, deadline.signal]) });
        return 'open';
      } catch (error) {
        const code = isNodeError(error) ? (error.code ?? '') : '';
        return ANSWERED_CODES.has(code) ? 'refused' : 'silent';
      } finally {
        clearTimeout(timer);
        socket?.destroy();
      }
    },
  };
}
