import type { HttpPort } from '../../electron/core/ports';

/**
 * A port forward in front of a real HttpPort: a request for `http://192.168.77.50:8069/…` reaches
 * the simulator listening on loopback, as a shop's database on the LAN would be reached. Lets a
 * test show what the app does for a non-loopback address while every packet stays on loopback.
 */
export function forwardingHttp(
  inner: HttpPort,
  routes: Readonly<Record<string, string>>,
): HttpPort {
  return {
    request: (request, signal) => {
      const url = new URL(request.url);
      const to = routes[url.host];
      if (to === undefined) {
        return inner.request(request, signal);
      }
      url.host = to;
      return inner.request({ ...request, url: url.href }, signal);
    },
  };
}
