import { z } from 'zod';

/** `/web/webclient/version_info` (odoo.service.common.exp_version). */
export const VersionInfoSchema = z.object({
  server_version: z.string().max(64),
  server_serie: z.string().max(64).optional(),
  protocol_version: z.number().optional(),
});

export const DatabaseListSchema = z.array(z.string().max(128)).max(1000);

export const ConfigParameterRecordsSchema = z
  .array(z.object({ key: z.string().max(256), value: z.union([z.string(), z.literal(false)]) }))
  .max(100);

/**
 * `/web/session/authenticate` (addons/web/controllers/session.py): the session's user, or
 * `{'uid': None}` when the password was right but a second factor is still due.
 */
export const SessionAuthenticateSchema = z.object({ uid: z.number().int().nullable() });

/** A JSON-2 error body: `odoo.http.serialize_exception` (name, message, arguments, …). */
export const Json2ErrorSchema = z.object({ name: z.string().max(256) });
