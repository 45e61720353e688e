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
  'outbound-dns-blocked',
  'intercepted',
] as const;
export const DnsVerdictSchema = z.enum(DNS_VERDICTS);
export type DnsVerdict = z.infer<typeof DnsVerdictSchema>;

/**
 * Who was asked: the OS resolver, a server this computer uses, the router, a reference, DoH, or
 * the router's own upstream (its Internet provider's resolver, when the router names it).
 */
export const ResolverRoleSchema = z.enum([
  'system',
  'configured',
  'gateway',
  'reference',
  'doh',
  'upstream',
]);
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
  'mikrotik',
  'netgear',
  'tp-link',
  'tim-hub',
  'vodafone-station',
  'technicolor',
  'fastweb',
  'windtre',
  'iliadbox',
  'freebox',
  'sfr-box',
  'livebox',
  'speedport',
  'xfinity',
  'bt-hub',
  'adguard-home',
  'pi-hole',
  'nextdns',
  'unknown',
] as const;
export const RouterFamilySchema = z.enum(ROUTER_FAMILIES);
export type RouterFamily = z.infer<typeof RouterFamilySchema>;

/** Where a clue about the router came from, cheapest first. */
export const ROUTER_EVIDENCE_SOURCES = [
  'gateway-address',
  'local-name',
  'search-domain',
  'dns-server',
  'upnp',
  'admin-page',
  'status-url',
  'mac-vendor',
  'user',
] as const;
export const RouterEvidenceSchema = z.object({
  source: z.enum(ROUTER_EVIDENCE_SOURCES),
  /** What was seen, as the router said it (a title, a model name, a MAC prefix…), bounded. */
  detail: z.string().max(200),
  /** The family this clue points to, or null when it only adds detail (a model name). */
  family: RouterFamilySchema.nullable(),
});
export type RouterEvidence = z.infer<typeof RouterEvidenceSchema>;

/**
 * Where the private answer is dropped: the router's own DNS, its upstream (the Internet
 * provider's resolver, or one this computer asks directly), or not known from the evidence.
 */
export const FilterAtSchema = z.enum(['router', 'isp', 'unknown']);
export type FilterAt = z.infer<typeof FilterAtSchema>;

export const RouterInfoSchema = z.object({
  address: z.string().nullable(),
  family: RouterFamilySchema,
  /** "FRITZ!Box 7590", from the router itself (UPnP, status page), when it says. */
  model: z.string().max(120).nullable(),
  /** Every clue, strongest first; the first one with a family is why `family` was chosen. */
  evidence: z.array(RouterEvidenceSchema).max(24),
  /** Null when nothing is filtered (or the verdict is about something else). */
  filterAt: FilterAtSchema.nullable(),
  /** The router's own upstream DNS servers, when it reveals them without a login. */
  upstream: z.array(z.string()).max(4),
  /** The admin page to open (always the gateway's own address), null without one. */
  adminUrl: z.string().nullable(),
  /** Names only this router answers (`fritz.box`): they stop working when DNS bypasses it. */
  localNames: z.array(z.string().max(64)).max(8),
});
export type RouterInfo = z.infer<typeof RouterInfoSchema>;

/** What made the verdict: public references, DNS over HTTPS, or the name's own encoded address. */
export const VerdictBasisSchema = z.enum(['references', 'doh', 'name']);
export type VerdictBasis = z.infer<typeof VerdictBasisSchema>;

/** `8.8.8.8`, `8.8.8.8:5353`, `[2001:db8::1]:53` or `2001:db8::1`: a reference DNS server. */
export const ServerSpecSchema = z
  .string()
  .trim()
  .max(64)
  .refine(
    (text) => {
      const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
      const plain = /^([\d.]+)(?::(\d{1,5}))?$/.exec(text);
      const [address, port] = bracketed
        ? [bracketed[1], bracketed[2]]
        : plain
          ? [plain[1], plain[2]]
          : [text, undefined];
      const validPort = port === undefined || (Number(port) > 0 && Number(port) < 65_536);
      return (
        validPort &&
        (z.ipv4().safeParse(address).success ||
          ((bracketed !== null || plain === null) && z.ipv6().safeParse(address).success))
      );
    },
    { message: 'expected IP or IP:PORT' },
  );

/** A DNS-over-HTTPS JSON endpoint (http or https URL), or `off`. */
export const DohSettingSchema = z.union([
  z.literal('off'),
  z.url({ protocol: /^https?$/ }).max(2048),
]);

/** The references the DNS check uses now, and which ones the environment imposes. */
export const DnsReferencesViewSchema = z.object({
  servers: z.array(z.string()),
  dohUrl: z.string().nullable(),
  fromEnv: z.object({ servers: z.boolean(), doh: z.boolean() }),
});
export type DnsReferencesView = z.infer<typeof DnsReferencesViewSchema>;

export const DnsReportSchema = z.object({
  name: z.string(),
  hash: z.string(),
  /** The box's address: the one the user named, else the one encoded in the name. */
  expectedIp: z.string(),
  verdict: DnsVerdictSchema,
  /** What the verdict rests on; null when no answer was needed (ok) or none was had. */
  basis: VerdictBasisSchema.nullable(),
  /** Public DNS answers over HTTPS but not on port 53: this network blocks outbound DNS. */
  outboundDnsBlocked: z.boolean(),
  /** The box answered HTTPS at the address its name encodes, with a certificate for that name. */
  boxReached: z.boolean(),
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
  'router-upstream-google',
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
  /**
   * The menu path on this router is confirmed by a public source; false: "may differ on your
   * model". Null for fixes that are not made on the router.
   */
  confirmed: z.boolean().nullable(),
  /** Try this, then check again: whether it works here is not known in advance. */
  testFirst: z.boolean(),
  /** DNS servers the plan hands out or applies. */
  servers: z.array(z.string()),
  /** The hosts-file line for the last resort. */
  hostsLine: z.string().nullable(),
});
export type DnsFixPlan = z.infer<typeof DnsFixPlanSchema>;

/** The fixes for a report, with the router they were chosen for (the user's, if corrected). */
export const DnsPlanSchema = z.object({
  router: RouterInfoSchema,
  plans: z.array(DnsFixPlanSchema),
});
export type DnsPlan = z.infer<typeof DnsPlanSchema>;

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
