import { z } from 'zod';

/**
 * An Odoo JSON-RPC reply — the box's homepage routes, `/web/*` and the external `/jsonrpc` API
 * alike: `result`, or `error` (Odoo sends errors with HTTP 200, so always check it).
 */
export const JsonRpcReplySchema = z.object({
  result: z.unknown().optional(),
  error: z
    .object({
      message: z.string().optional(),
      data: z.object({ name: z.string().optional(), message: z.string().optional() }).optional(),
    })
    .optional(),
});
