import { z } from 'zod';

/*
 * The DNS repair capability's data, shared by the core, the IPC contract, the CLI's JSON and the
 * renderer. Kept out of contract.ts so that file only lists channels.
 */

/** The closed set of answers to "why does this computer not resolve the box's name?". */
export const DNS_VERDICTS = [
  'ok',
  'rebind-blocked',
  'not-published',
  'stale-address',
  'local-dns-down',
  'reference-unreachable',
  'intercepted',
] as const;
export const DnsVerdictSchema = z.enum(DNS_VERDICTS);
export type DnsVerdict = z.infer<typeof DnsVerdictSchema>;

/** Who was asked: the OS resolver, a server this computer uses, the router, a reference, DoH. */
export const ResolverRoleSchema = z.enum(['system', 'configured', 'gateway', 'reference', 'doh']);
export type ResolverRole = z.infer<typeof ResolverRoleSchema>;

/** How one question ended, normalised across getaddrinfo, c-ares and DoH. */
export const ResolverOutcomeSchema = z.enum([
  'answer',
  'no-data',
  'nxdomain',
  'refused',
  'servfail',
  'timeout',
  'unreachable',
  'error',
]);
export type ResolverOutcome = z.infer<typeof ResolverOutcomeSchema>;

export const ResolverProbeSchema = z.object({
  /** Every role this address plays (the router is often both `configured` and `gateway`). */
  roles: z.array(ResolverRoleSchema).min(1),
  /** `system`, `192.168.1.1:53`, `[2001:db8::1]:53` or the DoH URL. */
  address: z.string(),
  outcome: ResolverOutcomeSchema,
  addresses: z.array(z.string()),
  /** The raw code (ENODATA, ENOTFOUND, EAI_AGAIN, HTTP 502…), null on an answer. */
  error: z.string().nullable(),
  errno: z.number().int().nullable(),
  ms: z.number(),
});
export type ResolverProbe = z.infer<typeof ResolverProbeSchema>;

export const ROUTER_FAMILIES = [
  'fritzbox',
  'openwrt',
  'dd-wrt',
  'pfsense',
  'opnsense',
  'unifi',
  'asus',
  'adguard-home',
  'pi-hole',
  'nextdns',
  'unknown',
] as const;
export const RouterFamilySchema = z.enum(ROUTER_FAMILIES);
export type RouterFamily = z.infer<typeof RouterFamilySchema>;

export const RouterInfoSchema = z.object({
  address: z.string().nullable(),
  family: RouterFamilySchema,
  /** What gave it away: a page title, a Server header, a search domain. */
  evidence: z.string().nullable(),
});
export type RouterInfo = z.infer<typeof RouterInfoSchema>;

export const DnsReportSchema = z.object({
  name: z.string(),
  hash: z.string(),
  /** The box's address: the one the user named, else the one encoded in the name. */
  expectedIp: z.string(),
  verdict: DnsVerdictSchema,
  /** What the trusted references (DoH first, then UDP) say the name points to. */
  publishedAddresses: z.array(z.string()),
  probes: z.array(ResolverProbeSchema),
  router: RouterInfoSchema,
  durationMs: z.number(),
  checkedAt: z.string(),
});
export type DnsReport = z.infer<typeof DnsReportSchema>;

export const DnsDiagnoseRequestSchema = z
  .object({
    /** A full `*.odoo-iot.com` name, or a box (IP or URL) whose name is derived. */
    target: z.string().trim().min(1).max(2048),
    /** The box's current address when known (e.g. from discovery): spots a stale name. */
    expectedIp: z.ipv4().optional(),
  })
  .strict();
export type DnsDiagnoseRequest = z.infer<typeof DnsDiagnoseRequestSchema>;

export const DNS_FIX_KINDS = [
  'router-exception',
  'router-dhcp-google',
  'this-device',
  'other-devices',
  'dhcp-reservation',
  'hosts-file',
] as const;
export const DnsFixKindSchema = z.enum(DNS_FIX_KINDS);
export type DnsFixKind = z.infer<typeof DnsFixKindSchema>;

/** One way out, narrowest first; all wording lives in the locale files under `dnsFix.<kind>`. */
export const DnsFixPlanSchema = z.object({
  kind: DnsFixKindSchema,
  /** The assistant can apply it itself (with undo). */
  automatic: z.boolean(),
  routerFamily: RouterFamilySchema.nullable(),
  /** The exact setting to enter, when there is one (`rebind-domain-ok=/odoo-iot.com/`…). */
  setting: z.string().nullable(),
  /** DNS servers the plan hands out or applies. */
  servers: z.array(z.string()),
  /** The hosts-file line for the last resort. */
  hostsLine: z.string().nullable(),
});
export type DnsFixPlan = z.infer<typeof DnsFixPlanSchema>;

export const DnsFamilyConfigSchema = z.object({
  /** `automatic`: servers come from DHCP/RA; `static`: typed in by someone. */
  mode: z.enum(['static', 'automatic']),
  servers: z.array(z.string()),
});
export type DnsFamilyConfig = z.infer<typeof DnsFamilyConfigSchema>;

export const DnsChangeStateSchema = z.enum([
  'applying',
  'awaiting-confirmation',
  'confirmed',
  'rolling-back',
  'rolled-back',
  'restoring',
  'restored',
]);
export type DnsChangeState = z.infer<typeof DnsChangeStateSchema>;

/** Why a change of this computer's DNS is refused before any prompt: someone else manages it. */
export const DNS_MANAGED_REASONS = ['group-policy', 'nrpt', 'mdm', 'domain', 'vpn'] as const;
export const DnsManagedReasonSchema = z.enum(DNS_MANAGED_REASONS);
export type DnsManagedReason = z.infer<typeof DnsManagedReasonSchema>;

export const SECURE_DNS_BROWSERS = ['chrome', 'edge', 'brave', 'chromium', 'firefox'] as const;

/** Said before the prompt, without refusing: what may keep the change from helping everywhere. */
export const DnsChangeWarningSchema = z.discriminatedUnion('kind', [
  /** A VPN is connected but does not carry the default route: left alone. */
  z.object({ kind: z.literal('vpn-beside'), label: z.string().max(256) }),
  /** A browser resolves names itself (Secure DNS with its own provider): it ignores the OS. */
  z.object({
    kind: z.literal('browser-secure-dns'),
    browser: z.enum(SECURE_DNS_BROWSERS),
    /** `policy`: set by an administrator; `setting`: chosen in the browser's settings. */
    source: z.enum(['policy', 'setting']),
  }),
]);
export type DnsChangeWarning = z.infer<typeof DnsChangeWarningSchema>;

/** What "Use Google DNS on this computer" would do here, told before anything is asked. */
export const DnsChangePreviewSchema = z.object({
  method: z.string(),
  /** The adapter(s) carrying the default route: the only ones changed. */
  adapters: z.array(
    z.object({
      label: z.string(),
      ipv4: DnsFamilyConfigSchema,
      ipv6: DnsFamilyConfigSchema.nullable(),
    }),
  ),
  /** Up, but left alone, and why. */
  skipped: z.array(z.object({ label: z.string(), reason: z.enum(['vpn', 'virtual', 'other']) })),
  /** Non-empty: the change is refused; the router or device guidance applies instead. */
  blockers: z.array(DnsManagedReasonSchema),
  warnings: z.array(DnsChangeWarningSchema),
  /** The change asks for an administrator's permission (UAC, the macOS password dialog, polkit). */
  prompts: z.boolean(),
});
export type DnsChangePreview = z.infer<typeof DnsChangePreviewSchema>;

/** The OS's administrator prompt is about to appear (it may open behind the window). */
export const DnsPromptWaitingSchema = z.object({ action: z.enum(['apply', 'restore']) });

/** How putting one adapter back ended. */
export const DnsRestoreOutcomeSchema = z.enum(['restored', 'vanished', 'failed']);

/** What the renderer and the CLI may see of the change journal. */
export const DnsJournalSummarySchema = z.object({
  id: z.string(),
  state: DnsChangeStateSchema,
  name: z.string(),
  method: z.string(),
  createdAt: z.string(),
  /** When an unconfirmed change rolls itself back (epoch ms), else null. */
  deadline: z.number().nullable(),
  servers: z.array(z.string()),
  adapters: z.array(
    z.object({
      label: z.string(),
      ipv4: DnsFamilyConfigSchema,
      ipv6: DnsFamilyConfigSchema.nullable(),
    }),
  ),
  /** Why the change was rolled back, when it was. */
  reason: z.string().nullable(),
  /** After a restore or rollback: each adapter's result (a vanished one is skipped and said). */
  results: z.array(z.object({ label: z.string(), outcome: DnsRestoreOutcomeSchema })).nullable(),
});
export type DnsJournalSummary = z.infer<typeof DnsJournalSummarySchema>;

export const DnsApplyRequestSchema = z
  .object({ name: z.string().trim().min(1).max(253), expectedIp: z.ipv4() })
  .strict();
export type DnsApplyRequest = z.infer<typeof DnsApplyRequestSchema>;

export const DnsConfirmRequestSchema = z.object({ id: z.string().min(1).max(64) }).strict();

export const HttpsCheckSchema = z.object({
  status: z.enum(['ok', 'failed', 'not-checked']),
  /** The verifier's failure code (tls-expired, box-unreachable…), null otherwise. */
  code: z.string().nullable(),
});

export const DnsRecheckSchema = z.object({
  name: z.string(),
  expectedIp: z.string(),
  resolves: z.boolean(),
  lookup: ResolverProbeSchema,
  https: HttpsCheckSchema,
  /** Both halves passed: "This computer can reach the IoT box securely". */
  reachable: z.boolean(),
});
export type DnsRecheck = z.infer<typeof DnsRecheckSchema>;
