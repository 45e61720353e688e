import { connect } from 'node:net';

import type { TcpKnock, TcpPort } from '../ports';
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
    knock: (host, port, timeoutMs, signal) =>
      new Promise<TcpKnock>((resolve) => {
        if (signal.aborted) {
          resolve('silent');
          return;
        }
        const socket = connect({ host, port });
        let settled = false;
        const finish = (outcome: TcpKnock): void => {
          if (settled) {
            return;
          }
          settled = true;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          socket.destroy();
          resolve(outcome);
        };
        const onAbort = (): void => finish('silent');
        // Timers run before I/O in each turn of the event loop: after a busy stretch (hundreds
        // of knocks starting at once) a connection that completed in time may not be seen yet,
        // so the verdict waits for that turn's I/O (setImmediate runs after it).
        const timer = setTimeout(() => setImmediate(() => finish('silent')), timeoutMs);
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('connect', () => finish('open'));
        socket.once('error', (error) => {
          const code = isNodeError(error) ? (error.code ?? '') : '';
          finish(ANSWERED_CODES.has(code) ? 'refused' : 'silent');
        });
      }),
  };
}
