import { isIPv4 } from 'node:net';

import type { SsdpPort, SsdpReply } from '../ports';
import { settleOnce } from './settle-once';

const SSDP_GROUP = '239.255.255.250';
const SSDP_PORT = 1900;
/** Answers after the first one from the target: a router often has several root devices. */
const GRACE_MS = 150;
const MAX_REPLIES = 8;
const MAX_DATAGRAM = 2048;

function mSearch(host: string): Buffer {
  return Buffer.from(
    [
      'M-SEARCH * HTTP/1.1',
      `HOST: ${host}:${SSDP_PORT}`,
      'MAN: "ssdp:discover"',
      'MX: 1',
      'ST: upnp:rootdevice',
      '',
      '',
    ].join('\r\n'),
  );
}

/** The headers of an SSDP response (`HTTP/1.1 200 OK` + header lines), names lower-cased. */
export function parseSsdpResponse(text: string): Map<string, string> | null {
  const [status, ...lines] = text.split(/\r?\n/);
  if (!status || !/^HTTP\/1\.[01] 200\b/i.test(status)) {
    return null;
  }
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  return headers;
}

/**
 * One M-SEARCH to the gateway itself (UPnP 1.1 unicast search) and one to the SSDP group (which
 * every IGD answers), kept to answers from the gateway's address. Ends at the first answer plus
 * a short grace, or at the deadline; it never joins the multicast group.
 */
export function createNodeSsdp(): SsdpPort {
  return {
    search: (target, { timeoutMs, signal }) =>
      new Promise<readonly SsdpReply[]>((resolve) => {
        const replies: SsdpReply[] = [];
        if (!isIPv4(target) || signal.aborted) {
          resolve(replies);
          return;
        }
        // Loaded by the first search: most runs never look for the router.
        const socket = process.getBuiltinModule('node:dgram').createSocket('udp4');
        let grace: NodeJS.Timeout | undefined;
        const settle = settleOnce<readonly SsdpReply[]>({
          resolve,
          signal,
          timeoutMs,
          onTimeout: () => replies,
          onAbort: () => replies,
          cleanup: () => {
            clearTimeout(grace);
            socket.close();
          },
        });
        const finish = (): void => settle.finish(replies);
        socket.on('error', finish);
        socket.on('message', (message, remote) => {
          if (remote.address !== target || message.length > MAX_DATAGRAM) {
            return;
          }
          const headers = parseSsdpResponse(message.toString('latin1'));
          if (headers === null) {
            return;
          }
          replies.push({
            from: remote.address,
            location: headers.get('location') ?? null,
            server: headers.get('server') ?? null,
            st: headers.get('st') ?? null,
          });
          if (replies.length >= MAX_REPLIES) {
            finish();
          } else {
            grace ??= setTimeout(finish, GRACE_MS);
          }
        });
        socket.bind(0, () => {
          if (settle.settled()) {
            return;
          }
          const sent = (error: Error | null): void => {
            if (error) {
              finish();
            }
          };
          try {
            socket.send(mSearch(target), SSDP_PORT, target, sent);
            socket.send(mSearch(SSDP_GROUP), SSDP_PORT, SSDP_GROUP, sent);
          } catch {
            finish();
          }
        });
      }),
  };
}
