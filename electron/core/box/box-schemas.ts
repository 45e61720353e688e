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

/** G2 (`network_status`) and G3 (`network_interfaces`, `is_access_point_up`) `/data`. */
export const OwlDataSchema = z.object({
  db_uuid: StoredSecret,
  enterprise_code: StoredSecret,
  hostname: z.string().max(255).optional(),
  ip: z.string().max(64),
  mac: z.string().max(64).optional(),
  server_status: z.union([z.string().max(2048), z.literal(false), z.null()]),
  pairing_code: PairingCode,
  network_status: z.string().max(256).optional(),
  is_access_point_up: z.boolean().optional(),
  network_interfaces: z.array(z.unknown()).optional(),
  version: z.string().max(64),
  system: z.string().max(64),
  is_certificate_ok: z.boolean(),
  certificate_details: z.string().max(16_384),
});
export type OwlData = z.infer<typeof OwlDataSchema>;

/** G4 `/iot_drivers/data`. */
export const G4DataSchema = z.object({
  db_uuid: StoredSecret,
  enterprise_code: StoredSecret,
  ip: z.string().max(64),
  identifier: z.string().max(128).nullable().optional(),
  mac_address: z.string().max(64).nullable().optional(),
  server_status: z.union([z.string().max(2048), z.literal(false), z.null()]),
  pairing_code: PairingCode,
  is_access_point_up: z.boolean().optional(),
  version: z.string().max(64),
  system: z.string().max(64),
  certificate_end_date: z.string().max(64).nullable(),
});
export type G4Data = z.infer<typeof G4DataSchema>;

/** The `{status, message}` answer of every homepage action (G2–G4); `failure`/`error` = refused. */
export const StatusReplySchema = z.object({
  status: z.string(),
  message: z.string().optional(),
});
