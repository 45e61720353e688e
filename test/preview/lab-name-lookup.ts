import type { LookupPort } from '../../electron/core/ports';

const BOX_NAME = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})\.[a-z0-9]+\.odoo-iot\.com$/i;

/**
 * The preview's stand-in for public DNS: answers a box name with the loopback address it encodes
 * (`127-0-0-14.<hash>.odoo-iot.com` → 127.0.0.14), as Odoo's DNS does for LAN addresses, and
 * nothing else — the preview never sends a query to a real resolver.
 */
export const loopbackBoxNameLookup: LookupPort = {
  lookup: (name) => {
    const match = BOX_NAME.exec(name);
    const address = match?.slice(1, 5).join('.');
    return Promise.resolve(
      address?.startsWith('127.')
        ? { ok: true, addresses: [address] }
        : { ok: false, code: 'ENOTFOUND', message: `${name}: not a loopback box name` },
    );
  },
};
