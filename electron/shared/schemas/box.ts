import { z } from 'zod';

/* A box as the user names it and as the core describes it, across API generations. */

/** What the user typed to name a box: an IP, a host name or a URL, any port. Parsed in the core. */
export const BoxRefSchema = z.string().trim().min(1).max(2048);
export type BoxRef = z.infer<typeof BoxRefSchema>;

/** The box's HTTP API generation, found by probing (never by Odoo version). */
export const ApiGenerationSchema = z.enum(['g1', 'g2', 'g3', 'g4']);
export type ApiGeneration = z.infer<typeof ApiGenerationSchema>;

/**
 * The box's own view of its HTTPS certificate, normalised across generations:
 * - `ok`: a real certificate (subject when the generation tells it; end date when known);
 * - `temporary`: still the image's self-signed `OdooTempIoTBoxCertificate`;
 * - `missing`: G4 with `certificate_end_date: null` (no usable certificate, no reason given);
 * - `failed`: G1–G3 `ERR_IOT_HTTPS_*` code with its parsed suffixes;
 * - `refused`: a G2/G3 status page that fails (HTTP 500) while asking odoo.com, which is how a
 *   refusal shows there; `confirmed` when the box's log has that request's traceback;
 * - `unknown`: the box did not say.
 */
export const BoxCertificateStatusSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ok'),
    subject: z.string().nullable(),
    notAfter: z.string().nullable(),
  }),
  z.object({ state: z.literal('temporary') }),
  z.object({ state: z.literal('missing') }),
  z.object({
    state: z.literal('failed'),
    code: z.string(),
    httpStatus: z.number().int().nullable(),
    detail: z.string().nullable(),
  }),
  z.object({
    state: z.literal('refused'),
    confirmed: z.boolean(),
    /** The exception's last line from the log (`KeyError: 'result'`). */
    detail: z.string().nullable(),
  }),
  z.object({ state: z.literal('unknown') }),
]);
export type BoxCertificateStatus = z.infer<typeof BoxCertificateStatusSchema>;

/** Where a box is reached: a host (IPv4, IPv6 without brackets, or a name) and a TCP port. */
export const BoxAddressSchema = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
});
export type BoxAddress = z.infer<typeof BoxAddressSchema>;

/**
 * A box's normalised status. Credentials are never included, only whether each is set.
 * `address` is where the assistant reached the box: every later request, secret and HTTPS check
 * goes there. Everything else is what the box says about itself, shown but never used as a
 * destination — `ip` included, which differs behind NAT or a port forward (or when a box lies).
 */
export const BoxInfoSchema = z.object({
  address: BoxAddressSchema,
  /** The LAN address the box reports for itself (its odoo-iot name is built from it). */
  ip: z.string(),
  api: ApiGenerationSchema,
  name: z.string().nullable(),
  identifier: z.string().nullable(),
  mac: z.string().nullable(),
  version: z.string().nullable(),
  system: z.enum(['Linux', 'Windows']).nullable(),
  serverUrl: z.string().nullable(),
  pairingCode: z.string().nullable(),
  accessPoint: z.boolean(),
  /** The Wi-Fi network the box opened for its set-up (access-point mode), when it says. */
  accessPointSsid: z.string().nullable(),
  /** Whether the database UUID is stored on the box; null when the box does not show it. */
  dbUuidSet: z.boolean().nullable(),
  /** Whether the enterprise (contract) code is stored; null when the box does not show it. */
  enterpriseCodeSet: z.boolean().nullable(),
  /** Whether this box can be renamed from here (not on Windows, nor on 19.0 and later). */
  canRename: z.boolean(),
  certificate: BoxCertificateStatusSchema,
});
export type BoxInfo = z.infer<typeof BoxInfoSchema>;
