import { z } from 'zod';

import { BoxInfoSchema } from './box';

/* The diagnostics report for support. */

/** One check in a diagnostics report: its verdict in a word, and the evidence behind it. */
export const ReportCheckSchema = z.object({
  id: z.enum(['box', 'certificate', 'https', 'dns']),
  ok: z.boolean(),
  /** A verdict or outcome code, e.g. `rebind-blocked`, `ERR_IOT_HTTPS_LOAD_REQUEST_STATUS`. */
  verdict: z.string(),
  /** An HTTP status the box or odoo.com reported, quoted in support tickets. */
  httpStatus: z.number().int().nullable(),
  /** Already redacted; shown collapsed in the HTML page. */
  evidence: z.unknown(),
});
export type ReportCheck = z.infer<typeof ReportCheckSchema>;

/** Everything support needs, with secrets removed (see electron/core/redact.ts). */
export const DiagnosticsReportSchema = z.object({
  generatedAt: z.string(),
  app: z.object({ name: z.string(), version: z.string(), runtime: z.string() }),
  os: z.object({ platform: z.string(), release: z.string(), arch: z.string() }),
  interfaces: z.array(z.object({ name: z.string(), addresses: z.array(z.string()) })),
  target: z.string(),
  box: BoxInfoSchema.nullable(),
  checks: z.array(ReportCheckSchema),
  boxLogs: z.string().nullable(),
});
export type DiagnosticsReport = z.infer<typeof DiagnosticsReportSchema>;

export const ReportCreatedSchema = z.object({
  report: DiagnosticsReportSchema,
  /** The few lines for a support ticket (see reportSummary). */
  summary: z.string(),
});
export type ReportCreated = z.infer<typeof ReportCreatedSchema>;

export const ReportSavedSchema = z.object({
  /** False when the user cancelled the save dialog. */
  saved: z.boolean(),
  /** Where the HTML page was written (the JSON sits next to it). */
  location: z.string().nullable(),
});
