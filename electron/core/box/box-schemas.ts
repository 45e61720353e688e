import { z } from 'zod';

/*
 * Schemas for everything a box answers (protocol doc §6–§7). The box is untrusted: fields we
 * rely on are required, everything else is dropped. Credentials are read only to know whether
 * they are set; their values never leave the box client.
 */

/** `db_uuid` / `enterprise_code` as stored: a string, or null/false/'' when unset. */
const StoredSecret = z.union([z.string(), z.null(), z.literal(false)]).optional();
/** `pairing_code`: the code, or `false`/null when there is none. */
const PairingCode = z.union([z.string(), z.literal(false), z.null()]).optional();

export const PongSchema = z.object({ status: z.literal('success'), message: z.literal('pong') });

/** G3/G4 `network_interfaces[]`: one entry per IPv4 address of `eth*`/`wlan*`. */
const NetworkInterface = z.object({
  id: z.string().max(64),
  is_wifi: z.boolean(),
  ssid: z.string().max(64).nullable().optional(),
  ip: z.string().max(64).nullable().optional(),
});
/** Entries we cannot read are dropped, not fatal: they only name the access point. */
const NetworkInterfaces = z
  .array(z.unknown())
  .max(64)
  .transform((entries) =>
    entries.flatMap((entry) => {
      const parsed = NetworkInterface.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    }),
  );
export type NetworkInterfaceEntry = z.infer<typeof NetworkInterface>;

/**
 * G2 (`network_status`) and G3 (`network_interfaces`, `is_access_point_up`) `/data`. Trees with
 * the certificate refactor (odoo/odoo#206130) may omit `is_certificate_ok`/`certificate_details`.
 */
export const OwlDataSchema = z.object({
  db_uuid: StoredSecret,
  enterprise_code: StoredSecret,
  hostname: z.string().max(255).optional(),
  ip: z.string().max(64).nullable(),
  mac: z.string().max(64).nullable().optional(),
  server_status: z.union([z.string().max(2048), z.literal(false), z.null()]),
  pairing_code: PairingCode,
  network_status: z.string().max(256).optional(),
  is_access_point_up: z.boolean().optional(),
  network_interfaces: NetworkInterfaces.optional(),
  version: z.string().max(64),
  system: z.string().max(64),
  is_certificate_ok: z.boolean().optional(),
  certificate_details: z.string().max(16_384).optional(),
});
export type OwlData = z.infer<typeof OwlDataSchema>;

/**
 * G4 `/iot_drivers/data`. `ip` is null while the box has no route (its access point: odoo/odoo
 * `iot_drivers/tools/system.py` get_ip()). `hostname` is there only on images that can still be
 * renamed. The pairing fields (`pairing_code_expired`, `new_database_url`) are read for the
 * pairing-code flow.
 */
export const G4DataSchema = z.object({
  db_uuid: StoredSecret,
  enterprise_code: StoredSecret,
  hostname: z.string().max(255).optional(),
  ip: z.string().max(64).nullable(),
  identifier: z.string().max(128).nullable().optional(),
  mac_address: z.string().max(64).nullable().optional(),
  server_status: z.union([z.string().max(2048), z.literal(false), z.null()]),
  pairing_code: PairingCode,
  pairing_code_expired: z.boolean().nullable().optional(),
  new_database_url: z.union([z.string().max(2048), z.literal(false), z.null()]).optional(),
  is_access_point_up: z.boolean().optional(),
  network_interfaces: NetworkInterfaces.optional(),
  version: z.string().max(64),
  system: z.string().max(64),
  certificate_end_date: z.string().max(64).nullable(),
  /** Seconds since Odoo started: the pairing thread registers for a code right at start. */
  odoo_uptime_seconds: z.number().nonnegative().optional(),
});
export type G4Data = z.infer<typeof G4DataSchema>;

/** The `{status, message}` answer of every homepage action (G2–G4); `failure`/`error` = refused. */
export const StatusReplySchema = z.object({
  status: z.string(),
  message: z.string().optional(),
});
