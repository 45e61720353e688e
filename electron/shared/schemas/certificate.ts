import { z } from 'zod';

import { ApiGenerationSchema, BoxCertificateStatusSchema } from './box';

/* The box's HTTPS certificate: status, explanation, acquisition and verification from this computer. */

/** Why HTTPS to the box failed from this computer; each has its own explanation. */
export const HttpsProblemSchema = z.enum([
  'expired',
  'name-mismatch',
  'self-signed',
  'untrusted',
  'temporary-certificate',
  'name-does-not-resolve',
  'port-closed',
  'handshake-failed',
]);
export type HttpsProblem = z.infer<typeof HttpsProblemSchema>;

/** This computer's own HTTPS check of the box, as a browser would connect. */
export const HttpsVerificationSchema = z.object({
  ok: z.boolean(),
  problem: HttpsProblemSchema.nullable(),
  /** `<ip-dashes>.<hash>.odoo-iot.com`, null when no name could be derived. */
  hostname: z.string().nullable(),
  /** `name`: resolved like a browser; `ip`: connected to the box's IP with the name as SNI. */
  via: z.enum(['name', 'ip']),
  /** The address actually connected to (what the name resolved to, or the box IP). */
  address: z.string().nullable(),
  /**
   * `via: 'name'`: whether this computer's DNS led the name to the box (false: the certificate's
   * facts come from the box's own address, with the name as SNI); null when not looked up.
   */
  nameResolved: z.boolean().nullable(),
  trusted: z.boolean().nullable(),
  nameMatches: z.boolean().nullable(),
  notExpired: z.boolean().nullable(),
  /** The certificate's validity, from notBefore to notAfter (ISO 8601, from the certificate). */
  notBefore: z.string().nullable(),
  notAfter: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  /** Within the box's 10-day renewal window before notAfter. */
  expiresSoon: z.boolean(),
  subject: z.string().nullable(),
  issuer: z.string().nullable(),
  san: z.array(z.string()),
  fingerprint256: z.string().nullable(),
  /** The low-level code behind `problem` (CERT_HAS_EXPIRED, ENOTFOUND…), for technicians. */
  detail: z.string().nullable(),
});
export type HttpsVerification = z.infer<typeof HttpsVerificationSchema>;

/** Every certificate outcome the knowledge base explains (texts: `certificate.outcome.<id>`). */
export const CertificateOutcomeSchema = z.enum([
  'valid',
  'expiring-soon',
  'pending',
  'temporary',
  'missing',
  'no-server',
  'cert-read-error',
  'no-credential',
  'request-exception',
  'request-status',
  'no-result',
  'invalid-certificate-received',
  'unknown-error',
  'https-expired',
  'https-name-mismatch',
  'https-self-signed',
  'https-untrusted',
  'https-temporary',
  'https-name-does-not-resolve',
  'https-port-closed',
  'https-handshake-failed',
]);
export type CertificateOutcome = z.infer<typeof CertificateOutcomeSchema>;

/** What the user can do next, in order (texts: `certificate.action.<id>`). */
export const CertificateActionSchema = z.enum([
  'open-box',
  'wait',
  'retry',
  'go-to-connect',
  'go-to-credentials',
  'restart-box',
  'check-box-network',
  'contact-network-admin',
  'check-odoo-com',
  'contact-odoo-support',
  'check-eligibility',
  'repair-dns',
  'check-computer-clock',
  'read-box-logs',
]);
export type CertificateAction = z.infer<typeof CertificateActionSchema>;

export const CertificateExplanationSchema = z.object({
  outcome: CertificateOutcomeSchema,
  actions: z.array(CertificateActionSchema),
  /** The matching section of Odoo's documentation (English; the renderer localises it). */
  docUrl: z.string(),
  /** The box's raw code without its free text, e.g. `ERR_IOT_HTTPS_LOAD_REQUEST_STATUS 404`. */
  boxCode: z.string().nullable(),
  /** `request-status`: the three-digit status odoo.com answered the box. */
  httpStatus: z.number().int().nullable(),
  /** `request-exception`: the exception the box hit reaching odoo.com. */
  exception: z.string().nullable(),
  /** `request-exception`: whether THIS computer reaches odoo.com (null: not checked). */
  odooComReachable: z.boolean().nullable(),
  /** With `check-eligibility`: the odoo.com portal page listing the customer's subscriptions. */
  subscriptionsUrl: z.string().nullable(),
});
export type CertificateExplanation = z.infer<typeof CertificateExplanationSchema>;

export const CertificateReportSchema = z.object({
  ip: z.string(),
  api: ApiGenerationSchema,
  version: z.string().nullable(),
  /** What the box itself reports. */
  status: BoxCertificateStatusSchema,
  explanation: CertificateExplanationSchema,
  /** This computer's HTTPS check; null when the box has no real certificate to check yet. */
  verify: HttpsVerificationSchema.nullable(),
  checkedAt: z.string(),
});
export type CertificateReport = z.infer<typeof CertificateReportSchema>;

export const CertificateAcquireOptionsSchema = z
  .object({ waitSeconds: z.number().int().min(0).max(600).optional() })
  .strict();
export type CertificateAcquireOptions = z.infer<typeof CertificateAcquireOptionsSchema>;

export const CertificateVerifyOptionsSchema = z
  .object({ via: z.enum(['name', 'ip']).optional() })
  .strict();
export type CertificateVerifyOptions = z.infer<typeof CertificateVerifyOptionsSchema>;

export const CertificateProgressSchema = z.object({
  ip: z.string(),
  phase: z.enum(['checking', 'requesting', 'restarting', 'waiting', 'verifying']),
  /** Status checks done so far, and the most the flow will do. */
  attempt: z.number().int(),
  maxAttempts: z.number().int(),
  elapsedMs: z.number(),
  /** When the next check happens (waiting phase). */
  nextCheckInMs: z.number().nullable(),
  status: BoxCertificateStatusSchema.nullable(),
  /**
   * The box's own attempt at odoo.com while it retries (from its log), of boxMaxAttempts, each
   * up to boxAttemptSeconds; null when the box does not say.
   */
  boxAttempt: z.number().int().nullable(),
  boxMaxAttempts: z.number().int().nullable(),
  boxAttemptSeconds: z.number().int().nullable(),
});
export type CertificateProgress = z.infer<typeof CertificateProgressSchema>;
