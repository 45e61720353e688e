import { z } from 'zod';

import { BoxInfoSchema, BoxRefSchema } from './box';

/* Connecting a box to a database: tokens, credentials, restarts, Wi-Fi. */

/** While a box restarts after a change: polled with backoff until it answers again. */
export const BoxRestartProgressSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  /**
   * going-down: the box still answers; down: it stopped; starting: still silent; back: answering;
   * updating: back, but switching to the database's Odoo version, with one more restart to come.
   */
  phase: z.enum(['going-down', 'down', 'starting', 'back', 'updating']),
  attempt: z.number().int(),
  elapsedMs: z.number(),
  timeoutMs: z.number(),
});
export type BoxRestartProgress = z.infer<typeof BoxRestartProgressSchema>;

/**
 * While the assistant watches a box for its pairing code to be used (poll every 2–3 s):
 * - waiting: no code yet — the box registers with Odoo's pairing service right after it starts;
 * - code: the code is shown, waiting for someone to enter it in the IoT app;
 * - no-code: still none well after the box started: it cannot reach Odoo's pairing service;
 * - connected: a database claimed the code; the box restarts to use it (restart progress follows).
 */
export const PairingWatchProgressSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  state: z.enum(['waiting', 'code', 'no-code', 'connected']),
  pairingCode: z.string().nullable(),
  serverUrl: z.string().nullable(),
  polls: z.number().int(),
  elapsedMs: z.number(),
  timeoutMs: z.number(),
});
export type PairingWatchProgress = z.infer<typeof PairingWatchProgressSchema>;

/** How long to watch (default: the code's own lifetime, about 2 hours, plus a margin). */
export const WatchPairingOptionsSchema = z
  .object({
    timeoutMs: z
      .number()
      .int()
      .min(1_000)
      .max(3 * 60 * 60_000)
      .optional(),
  })
  .strict();
export type WatchPairingOptions = z.infer<typeof WatchPairingOptionsSchema>;

/** A token from the IoT app's Connect dialog (either format), checked against one box. */
export const TokenCheckRequestSchema = z
  .object({ box: BoxRefSchema, token: z.string().max(4096) })
  .strict();
export type TokenCheckRequest = z.infer<typeof TokenCheckRequestSchema>;

/** What a token will send, masked: never the token itself nor the enterprise code. */
export const TokenSummarySchema = z.object({
  serverUrl: z.string(),
  format: z.enum(['pipe', 'url']),
  /** First 8 characters of the database UUID, then an ellipsis. */
  dbUuidMasked: z.string(),
  dbName: z.string().nullable(),
  box: BoxInfoSchema,
});
export type TokenSummary = z.infer<typeof TokenSummarySchema>;

export const ConnectServerRequestSchema = z
  .object({
    box: BoxRefSchema,
    token: z.string().max(4096),
    /** Rename the box (G1–G3; a Linux box reboots when the name changes). */
    iotname: z.string().max(64).optional(),
  })
  .strict();
export type ConnectServerRequest = z.infer<typeof ConnectServerRequestSchema>;

/** A new name for the box (the rule: box-name-rule.ts, checked in the core). */
export const RenameBoxRequestSchema = z
  .object({ box: BoxRefSchema, name: z.string().max(64) })
  .strict();
export type RenameBoxRequest = z.infer<typeof RenameBoxRequestSchema>;

/** Credentials typed by the user, or read from the database earlier (kept in the core only). */
export const CredentialsSourceSchema = z.discriminatedUnion('source', [
  z
    .object({
      source: z.literal('typed'),
      dbUuid: z.string().max(128),
      enterpriseCode: z.string().max(128),
    })
    .strict(),
  z.object({ source: z.literal('database'), readId: z.string().max(64) }).strict(),
]);
export type CredentialsSource = z.infer<typeof CredentialsSourceSchema>;

export const SaveCredentialsRequestSchema = z
  .object({
    box: BoxRefSchema,
    credentials: CredentialsSourceSchema,
    /** Keep the enterprise code, encrypted by the OS keychain, for the next box. */
    remember: z.boolean(),
  })
  .strict();
export type SaveCredentialsRequest = z.infer<typeof SaveCredentialsRequestSchema>;

/** The box before and after a change that restarted it. */
export const PairingOutcomeSchema = z.object({
  before: BoxInfoSchema,
  box: BoxInfoSchema,
  restarted: z.boolean(),
});
export type PairingOutcome = z.infer<typeof PairingOutcomeSchema>;

/** What the sign-in's secret is: the user's password, or an API key made in Odoo. */
export const OdooSignInWithSchema = z.enum(['password', 'api-key']);
export type OdooSignInWith = z.infer<typeof OdooSignInWithSchema>;

/** Sign in to the database to read its UUID and enterprise code. The secret is never kept. */
export const OdooCredentialsRequestSchema = z
  .object({
    url: z.string().max(2048),
    login: z.string().min(1).max(256),
    /** The password, or the API key when `signInWith` says so. */
    password: z.string().min(1).max(1024),
    /** Password when absent. An API key goes through JSON-2 on Odoo 19 and later. */
    signInWith: OdooSignInWithSchema.optional(),
    /** Needed only when the server hosts several databases and does not list them. */
    database: z.string().max(128).optional(),
    /** Send the password to a plain http:// (non-loopback) database after the user was warned. */
    allowUnencrypted: z.boolean().optional(),
  })
  .strict();
export type OdooCredentialsRequest = z.infer<typeof OdooCredentialsRequestSchema>;

export const OdooWarningSchema = z.enum([
  'odoo-db-neutralized',
  'odoo-subscription-expired',
  'odoo-no-enterprise-code',
]);
export type OdooWarning = z.infer<typeof OdooWarningSchema>;

/** What was read from the database, masked; `readId` lets the core push the real values. */
export const OdooCredentialsSummarySchema = z.object({
  readId: z.string(),
  serverUrl: z.string(),
  database: z.string(),
  serverVersion: z.string(),
  dbUuidMasked: z.string(),
  enterpriseCodeSet: z.boolean(),
  expirationDate: z.string().nullable(),
  neutralized: z.boolean(),
  /** Reasons odoo.com will refuse the box's certificate, most serious first. */
  warnings: z.array(OdooWarningSchema),
});
export type OdooCredentialsSummary = z.infer<typeof OdooCredentialsSummarySchema>;

/** Wi-Fi for a box in access-point mode; the password goes to the box and nowhere else. */
export const SetWifiRequestSchema = z
  .object({
    box: BoxRefSchema,
    essid: z.string().max(64),
    password: z.string().max(128),
  })
  .strict();
export type SetWifiRequest = z.infer<typeof SetWifiRequestSchema>;

/**
 * The network went to the box. `replied: false` is the usual case: the box closes its access
 * point before answering. Whether it joined is known only once it is found there again.
 */
export const WifiSentSchema = z.object({
  essid: z.string(),
  box: BoxInfoSchema,
  replied: z.boolean(),
});
export type WifiSent = z.infer<typeof WifiSentSchema>;

/**
 * A database whose credentials this computer remembers, as the renderer may see it: an opaque
 * id, where it is, and its UUID masked. The enterprise code never leaves the core.
 */
export const RememberedDatabaseSchema = z.object({
  id: z.string(),
  serverUrl: z.string(),
  database: z.string(),
  dbUuidMasked: z.string(),
});
export type RememberedDatabase = z.infer<typeof RememberedDatabaseSchema>;

/** The id of a remembered database, as listed. */
export const RememberedIdSchema = z.string().regex(/^[0-9a-f]{24}$/);

/** Whether "remember the enterprise code" can work here (an OS keychain exists to encrypt it). */
export const KeychainStatusSchema = z.object({ available: z.boolean() });
export type KeychainStatus = z.infer<typeof KeychainStatusSchema>;
