import type { HttpPort } from '../ports';

/** Production target; tests and the preview pass a loopback URL instead. */
export const DEFAULT_ODOO_COM_URL = 'https://www.odoo.com/';
const TIMEOUT_MS = 8_000;

/**
 * Whether THIS computer reaches odoo.com over verified HTTPS. When the box cannot while this
 * computer can, the block is on the box's network path (firewall, VPN, proxy), not an outage.
 * Any HTTP answer counts: even a maintenance page proves the path works.
 */
export async function canReachOdooCom(
  http: HttpPort,
  url: string,
  signal: AbortSignal,
): Promise<boolean> {
  const response = await http.request(
    { method: 'HEAD', url, timeoutMs: TIMEOUT_MS, maxBodyBytes: 64 * 1024 },
    signal,
  );
  return response.ok;
}
