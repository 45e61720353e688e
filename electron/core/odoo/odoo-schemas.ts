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
