import type { TLSSocket } from 'node:tls';

import type { TlsConnectFailure, TlsHandshakeRequest, TlsHandshakeResult, TlsPort } from '../ports';
import { isNodeError } from './json-file';
import { settleOnce } from './settle-once';

/*
 * node:tls behind the TlsPort: the one place that completes a TLS handshake without rejecting the
 * peer (`rejectUnauthorized: false`, per connection — never process-wide). It lets the assistant
 * read a certificate it does not trust yet: to learn the box's odoo-iot name from `<ip>:443`, and
 * to explain WHY verification failed. Node still verifies the chain and the name and reports the
 * verdict in `authorizationError`; no application data is ever sent over this connection — it is
 * closed right after the handshake.
 */

const FAILURES: Readonly<Record<string, TlsConnectFailure>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  ETIMEDOUT: 'timeout',
};

function classify(error: unknown): { failure: TlsConnectFailure; message: string } {
  const code = isNodeError(error) ? (error.code ?? '') : '';
  const message = error instanceof Error ? error.message : String(error);
  return {
    failure: FAILURES[code] ?? 'handshake',
    message: code ? `${code}: ${message}` : message,
  };
}

function authorizationCode(socket: TLSSocket): string | null {
  const error: unknown = socket.authorizationError;
  if (error === null || error === undefined) {
    return null;
  }
  if (typeof error === 'string') {
    return error;
  }
  if (isNodeError(error) && error.code) {
    return error.code;
  }
  return error instanceof Error ? error.message : 'unknown verification error';
}

/** One bounded, cancellable handshake; never throws. */
function tlsHandshake(
  request: TlsHandshakeRequest,
  signal: AbortSignal,
): Promise<TlsHandshakeResult> {
  return new Promise<TlsHandshakeResult>((resolve) => {
    if (signal.aborted) {
      resolve({ ok: false, failure: 'aborted', message: 'cancelled' });
      return;
    }
    // Loaded on the first handshake: most commands never make one.
    const { connect, rootCertificates } = process.getBuiltinModule('node:tls');
    const socket = connect({
      host: request.address,
      port: request.port,
      ...(request.servername === undefined ? {} : { servername: request.servername }),
      // Replacing `ca` drops Node's store (and NODE_EXTRA_CA_CERTS), so only extend it.
      ...(request.extraCa && request.extraCa.length > 0
        ? { ca: [...rootCertificates, ...request.extraCa] }
        : {}),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const { finish } = settleOnce<TlsHandshakeResult>({
      resolve,
      signal,
      timeoutMs: request.timeoutMs,
      onTimeout: () => ({
        ok: false,
        failure: 'timeout',
        message: `no TLS handshake within ${request.timeoutMs} ms`,
      }),
      onAbort: () => ({ ok: false, failure: 'aborted', message: 'cancelled' }),
      cleanup: () => socket.destroy(),
    });
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate();
      // A server that completes the handshake without a certificate is no box we can check.
      if (!Buffer.isBuffer(peer.raw)) {
        finish({ ok: false, failure: 'handshake', message: 'the server sent no certificate' });
        return;
      }
      finish({
        ok: true,
        authorized: socket.authorized,
        authorizationError: authorizationCode(socket),
        der: peer.raw,
      });
    });
    socket.once('error', (error) => finish({ ok: false, ...classify(error) }));
    socket.once('close', () =>
      finish({ ok: false, failure: 'reset', message: 'connection closed during the handshake' }),
    );
  });
}

export const nodeTls: TlsPort = { handshake: tlsHandshake };
