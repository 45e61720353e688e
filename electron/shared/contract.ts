import { z } from 'zod';

import { DiagnosisCodeSchema } from './diagnosis';
import {
  DnsApplyRequestSchema,
  DnsConfirmRequestSchema,
  DnsDiagnoseRequestSchema,
  DnsFixPlanSchema,
  DnsJournalSummarySchema,
  DnsRecheckSchema,
  DnsReportSchema,
  ResolverProbeSchema,
} from './dns-schemas';
import { LanguageSchema } from './languages';
import type { Failure, Result } from './result';

/*
 * The one IPC contract. Every request and event the renderer can use is declared here once, with
 * zod schemas; main's handlers, the preload's `window.assistant`, the browser-preview bridge and
 * the renderer's types are all derived from these two objects.
 */

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['win32', 'darwin', 'linux', 'other']),
  runtime: z.enum(['electron', 'preview']),
  /** The OS (or browser) language preferences, most preferred first. */
  preferredLanguages: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export const SettingsSchema = z.object({
  language: z.union([z.literal('system'), LanguageSchema]),
  theme: ThemeSchema,
  /** Check for, download and offer updates (packaged app only). */
  autoUpdate: z.boolean(),
  /** Whether the connect step's "remember the enterprise code" starts ticked (OS keychain). */
  rememberEnterpriseCode: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  theme: 'system',
  autoUpdate: true,
  rememberEnterpriseCode: false,
};
export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Applies a patch; fields the patch leaves undefined keep their current value. */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return SettingsSchema.parse({
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
  });
}

export const CidrSchema = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'expected an IPv4 CIDR such as 192.168.1.0/24');

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
  z.object({ state: z.literal('unknown') }),
]);
export type BoxCertificateStatus = z.infer<typeof BoxCertificateStatusSchema>;

/** A box's normalised status. Credentials are never included, only whether they are set. */
export const BoxInfoSchema = z.object({
  ip: z.string(),
  port: z.number().int(),
  api: ApiGenerationSchema,
  name: z.string().nullable(),
  identifier: z.string().nullable(),
  mac: z.string().nullable(),
  version: z.string().nullable(),
  system: z.enum(['Linux', 'Windows']).nullable(),
  serverUrl: z.string().nullable(),
  pairingCode: z.string().nullable(),
  accessPoint: z.boolean(),
  credentialsSet: z.boolean(),
  certificate: BoxCertificateStatusSchema,
});
export type BoxInfo = z.infer<typeof BoxInfoSchema>;

export const DiscoveryOptionsSchema = z
  .object({
    subnets: z.array(CidrSchema).max(16).optional(),
    /** Interface names (`eth0`, `Wi-Fi`); only these are used for mDNS and the sweep. */
    interfaces: z.array(z.string().min(1).max(64)).max(16).optional(),
    mdns: z.boolean().optional(),
    sweep: z.boolean().optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict();
export type DiscoveryOptions = z.infer<typeof DiscoveryOptionsSchema>;

export const FoundBySchema = z.enum(['mdns', 'sweep', 'localhost', 'access-point', 'manual']);
export type FoundBy = z.infer<typeof FoundBySchema>;

export const FoundBoxSchema = BoxInfoSchema.extend({ foundBy: z.array(FoundBySchema) });
export type FoundBox = z.infer<typeof FoundBoxSchema>;

export const DiscoveryReportSchema = z.object({
  boxes: z.array(FoundBoxSchema),
  durationMs: z.number(),
  probed: z.number().int(),
  /** When no box was found: why, most telling first (each code has a message and a next step). */
  reasons: z.array(DiagnosisCodeSchema),
});
export type DiscoveryReport = z.infer<typeof DiscoveryReportSchema>;

/** Addresses checked so far out of those known to check (the total grows as mDNS hears names). */
export const DiscoveryProgressSchema = z.object({
  probed: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type DiscoveryProgress = z.infer<typeof DiscoveryProgressSchema>;

// ── pairing (issue 5) ──

/** While a box restarts after a change: polled with backoff until it answers again. */
export const BoxRestartProgressSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  /** going-down: the box still answers; down: it stopped; starting: still silent; back: answering. */
  phase: z.enum(['going-down', 'down', 'starting', 'back']),
  attempt: z.number().int(),
  elapsedMs: z.number(),
  timeoutMs: z.number(),
});
export type BoxRestartProgress = z.infer<typeof BoxRestartProgressSchema>;

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

/** Sign in to the database to read its UUID and enterprise code. The password is never kept. */
export const OdooCredentialsRequestSchema = z
  .object({
    url: z.string().max(2048),
    login: z.string().min(1).max(256),
    password: z.string().min(1).max(1024),
    /** Needed only when the server hosts several databases and does not list them. */
    database: z.string().max(128).optional(),
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

/** The box accepted the network; it leaves its access point and joins it at a new address. */
export const WifiSentSchema = z.object({ essid: z.string(), box: BoxInfoSchema });
export type WifiSent = z.infer<typeof WifiSentSchema>;

/** Whether "remember the enterprise code" can work here (an OS keychain exists to encrypt it). */
export const KeychainStatusSchema = z.object({ available: z.boolean() });
export type KeychainStatus = z.infer<typeof KeychainStatusSchema>;

// ── certificate (issue 6) ──

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
  trusted: z.boolean().nullable(),
  nameMatches: z.boolean().nullable(),
  notExpired: z.boolean().nullable(),
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
});
export type CertificateProgress = z.infer<typeof CertificateProgressSchema>;

// ── diagnostics report (issue 8) ──
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

type InvokeSpec = {
  readonly method: string;
  readonly args: z.ZodTuple;
  readonly result: z.ZodType;
};
type EventSpec = { readonly method: string; readonly payload: z.ZodType };

export const invoke = {
  'app:get-info': { method: 'getAppInfo', args: z.tuple([]), result: AppInfoSchema },
  'app:signal-ready': { method: 'signalReady', args: z.tuple([]), result: z.null() },
  'settings:get': { method: 'getSettings', args: z.tuple([]), result: SettingsSchema },
  'settings:set': {
    method: 'setSettings',
    args: z.tuple([SettingsPatchSchema]),
    result: SettingsSchema,
  },
  'discovery:start': {
    method: 'startDiscovery',
    args: z.tuple([DiscoveryOptionsSchema]),
    result: DiscoveryReportSchema,
  },
  'discovery:cancel': { method: 'cancelDiscovery', args: z.tuple([]), result: z.null() },
  'discovery:check-address': {
    method: 'checkBoxAddress',
    args: z.tuple([BoxRefSchema]),
    result: FoundBoxSchema,
  },
  // ── pairing (issue 5) ──
  'box:get-info': { method: 'getBoxInfo', args: z.tuple([BoxRefSchema]), result: BoxInfoSchema },
  'box:check-token': {
    method: 'checkServerToken',
    args: z.tuple([TokenCheckRequestSchema]),
    result: TokenSummarySchema,
  },
  'box:connect-server': {
    method: 'connectBoxToServer',
    args: z.tuple([ConnectServerRequestSchema]),
    result: PairingOutcomeSchema,
  },
  'box:save-credentials': {
    method: 'saveBoxCredentials',
    args: z.tuple([SaveCredentialsRequestSchema]),
    result: PairingOutcomeSchema,
  },
  'box:clear-credentials': {
    method: 'clearBoxCredentials',
    args: z.tuple([BoxRefSchema]),
    result: PairingOutcomeSchema,
  },
  'box:restart': {
    method: 'restartBox',
    args: z.tuple([BoxRefSchema]),
    result: PairingOutcomeSchema,
  },
  'odoo:read-credentials': {
    method: 'readOdooCredentials',
    args: z.tuple([OdooCredentialsRequestSchema]),
    result: OdooCredentialsSummarySchema,
  },
  'box:set-wifi': {
    method: 'setBoxWifi',
    args: z.tuple([SetWifiRequestSchema]),
    result: WifiSentSchema,
  },
  'box:check-keychain': {
    method: 'checkKeychain',
    args: z.tuple([]),
    result: KeychainStatusSchema,
  },
  // ── certificate (issue 6) ──
  'certificate:get-status': {
    method: 'getCertificateStatus',
    args: z.tuple([BoxRefSchema]),
    result: CertificateReportSchema,
  },
  'certificate:acquire': {
    method: 'acquireCertificate',
    args: z.tuple([BoxRefSchema, CertificateAcquireOptionsSchema]),
    result: CertificateReportSchema,
  },
  'certificate:verify': {
    method: 'verifyBoxHttps',
    args: z.tuple([BoxRefSchema, CertificateVerifyOptionsSchema]),
    result: HttpsVerificationSchema,
  },
  // ── DNS repair (issue 7) ──
  'dns:diagnose': {
    method: 'diagnoseDns',
    args: z.tuple([DnsDiagnoseRequestSchema]),
    result: DnsReportSchema,
  },
  'dns:plan': {
    method: 'planDnsFix',
    args: z.tuple([DnsReportSchema]),
    result: z.array(DnsFixPlanSchema),
  },
  'dns:apply-fix': {
    method: 'applyDnsFix',
    args: z.tuple([DnsApplyRequestSchema]),
    result: DnsJournalSummarySchema,
  },
  'dns:confirm-fix': {
    method: 'confirmDnsFix',
    args: z.tuple([DnsConfirmRequestSchema]),
    result: DnsJournalSummarySchema,
  },
  'dns:restore': { method: 'restoreDns', args: z.tuple([]), result: DnsJournalSummarySchema },
  'dns:get-journal': {
    method: 'getDnsJournal',
    args: z.tuple([]),
    result: DnsJournalSummarySchema.nullable(),
  },
  'dns:recheck': {
    method: 'recheckDns',
    args: z.tuple([DnsApplyRequestSchema]),
    result: DnsRecheckSchema,
  },
  // ── diagnostics report (issue 8) ──
  'report:create': {
    method: 'createReport',
    args: z.tuple([BoxRefSchema]),
    result: ReportCreatedSchema,
  },
  'report:save': { method: 'saveReport', args: z.tuple([]), result: ReportSavedSchema },
  'report:copy-summary': { method: 'copyReportSummary', args: z.tuple([]), result: z.null() },
} as const satisfies Record<string, InvokeSpec>;

export const events = {
  'discovery:box-found': { method: 'onBoxFound', payload: FoundBoxSchema },
  'discovery:box-updated': { method: 'onBoxUpdated', payload: FoundBoxSchema },
  'discovery:progress': { method: 'onDiscoveryProgress', payload: DiscoveryProgressSchema },
  'certificate:progress': { method: 'onCertificateProgress', payload: CertificateProgressSchema },
  'box:restart-progress': { method: 'onBoxRestartProgress', payload: BoxRestartProgressSchema },
  'dns:resolver-answered': { method: 'onDnsResolverAnswered', payload: ResolverProbeSchema },
  'dns:fix-rolled-back': { method: 'onDnsFixRolledBack', payload: DnsJournalSummarySchema },
} as const satisfies Record<string, EventSpec>;

export type Invoke = typeof invoke;
export type InvokeChannel = keyof Invoke;
export type Events = typeof events;
export type EventChannel = keyof Events;

export type InvokeArgs<C extends InvokeChannel> = z.infer<Invoke[C]['args']>;
export type InvokeResult<C extends InvokeChannel> = z.infer<Invoke[C]['result']>;
export type EventPayload<E extends EventChannel> = z.infer<Events[E]['payload']>;

/** What `window.assistant` looks like: one method per request, one `onX` per event. */
export type AssistantApi = {
  readonly [C in InvokeChannel as Invoke[C]['method']]: (
    ...args: InvokeArgs<C>
  ) => Promise<Result<InvokeResult<C>, Failure>>;
} & {
  readonly [E in EventChannel as Events[E]['method']]: (
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

export const invokeChannels = Object.keys(invoke) as InvokeChannel[];
export const eventChannels = Object.keys(events) as EventChannel[];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(invoke, value);
}
