/**
 * The DNS-SD service types discovery browses. Odoo publishes no service of its own; the box's
 * Raspberry Pi OS (avahi) may announce the generic ones. `_odoo-iot._tcp` is browsed for the day
 * Odoo adds one. Exported for packaging: macOS's `NSBonjourServices` must list exactly these.
 */
export const MDNS_SERVICE_TYPES = [
  '_odoo-iot._tcp',
  '_http._tcp',
  '_workstation._tcp',
  '_ssh._tcp',
  '_sftp-ssh._tcp',
] as const;

/** The image's host name, plus the names avahi picks when two boxes share a network. */
export const MDNS_HOST_NAMES: readonly string[] = [
  'iotbox.local',
  ...Array.from({ length: 8 }, (_, index) => `iotbox-${index + 2}.local`),
];

/** Every generation answers `/hw_proxy/hello` on Odoo's own port; newer images also on 80. */
export const BOX_PORTS = [8069, 80] as const;
