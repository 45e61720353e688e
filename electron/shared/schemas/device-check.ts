import { z } from 'zod';

/*
 * "Check another device": the assistant serves one page to a tablet, phone or till PC on the
 * LAN; the page tries to reach the box the way Odoo's point of sale does and sends back what it
 * saw; the core turns that into one verdict for that device.
 */

/** The box's `<ip-dashes>.<hash>.odoo-iot.com` name, as the wizard or the CLI knows it. */
const BoxNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}\.[a-z0-9]{1,63}\.odoo-iot\.com$/);

export const DeviceCheckStartSchema = z
  .object({
    ip: z.ipv4(),
    port: z.number().int().min(1).max(65535),
    /** Unknown (null): read from the certificate the box serves. */
    name: BoxNameSchema.nullable(),
  })
  .strict();
export type DeviceCheckStart = z.infer<typeof DeviceCheckStartSchema>;

/** An open check: the URL to open on the other device, and until when it works. */
export const DeviceCheckSessionSchema = z.object({
  id: z.string(),
  url: z.string(),
  /** Where the page server listens (one address of this computer's LAN). */
  address: z.string(),
  port: z.number().int(),
  name: z.string(),
  expiresAt: z.string(),
});
export type DeviceCheckSession = z.infer<typeof DeviceCheckSessionSchema>;

export const DeviceCheckStopSchema = z.object({ id: z.string().min(1).max(64) }).strict();

/**
 * What one request from the page saw. `ping`: the box answered its `/hw_proxy/hello` ("ping");
 * `other`: some HTTP server answered, but not the box's ping (an opaque or different answer);
 * `none`: no HTTP answer at all (name not resolved, connection refused, TLS refused…), which a
 * browser page cannot tell apart; `timeout`: no answer within the page's limit.
 */
export const ProbeOutcomeSchema = z.enum(['ping', 'other', 'none', 'timeout']);
export type ProbeOutcome = z.infer<typeof ProbeOutcomeSchema>;

export const ProbeSchema = z
  .object({
    outcome: ProbeOutcomeSchema,
    ms: z.number().int().min(0).max(600_000),
  })
  .strict();
export type Probe = z.infer<typeof ProbeSchema>;

/**
 * The one JSON document the page posts (size-limited before parsing). `nameOther` is the
 * follow-up when the name did not answer with the box's ping: does anything else answer there?
 */
export const DevicePageResultSchema = z
  .object({
    token: z.string().min(16).max(64),
    /** iPadOS Safari says "Macintosh": its touch points tell it from a Mac. */
    device: z.object({ maxTouchPoints: z.number().int().min(0).max(64) }).strict(),
    probes: z
      .object({
        http: ProbeSchema,
        name: ProbeSchema,
        nameOther: ProbeSchema.nullable(),
        https: ProbeSchema,
      })
      .strict(),
  })
  .strict();
export type DevicePageResult = z.infer<typeof DevicePageResultSchema>;

export const DeviceVerdictSchema = z.enum([
  'ok',
  'name-blocked',
  'wrong-address',
  'certificate-untrusted',
  'box-unreachable',
]);
export type DeviceVerdict = z.infer<typeof DeviceVerdictSchema>;

export const DeviceOsSchema = z.enum([
  'android',
  'ios',
  'ipados',
  'windows',
  'macos',
  'chromeos',
  'linux',
  'other',
]);
export type DeviceOs = z.infer<typeof DeviceOsSchema>;

export const DeviceBrowserSchema = z.enum([
  'chrome',
  'edge',
  'samsung',
  'firefox',
  'safari',
  'other',
]);
export type DeviceBrowser = z.infer<typeof DeviceBrowserSchema>;

/** The device as its browser describes itself (user agent, plus touch points for iPadOS). */
export const DeviceInfoSchema = z.object({
  userAgent: z.string(),
  os: DeviceOsSchema,
  browser: DeviceBrowserSchema,
  /** Major version of the browser, when the user agent says it. */
  browserVersion: z.number().int().nullable(),
});
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;

/**
 * `detail`: `box` (the box answered), `other-server` (something else answered at that address),
 * `no-answer` (nothing: name not found, refused, or certificate refused — a page cannot tell
 * which), `timeout`. `ms`: how long the page waited.
 */
export const DeviceCheckItemSchema = z.object({
  ok: z.boolean(),
  detail: z.enum(['box', 'other-server', 'no-answer', 'timeout']),
  ms: z.number().int(),
});
export type DeviceCheckItem = z.infer<typeof DeviceCheckItemSchema>;

export const DeviceReportSchema = z.object({
  device: DeviceInfoSchema,
  verdict: DeviceVerdictSchema,
  checks: z.object({
    /** `http://<ip>:<port>/hw_proxy/hello`: the box by address, no name, no certificate. */
    http: DeviceCheckItemSchema,
    /** `http://<name>:<port>/hw_proxy/hello`: the name leads to the box here. */
    name: DeviceCheckItemSchema,
    /** `https://<name>/hw_proxy/hello`: what Odoo's point of sale does. */
    https: DeviceCheckItemSchema,
  }),
  box: z.object({ ip: z.string(), port: z.number().int(), name: z.string() }),
  checkedAt: z.string(),
});
export type DeviceReport = z.infer<typeof DeviceReportSchema>;

export const DeviceCheckOpenedSchema = z.object({ id: z.string(), device: DeviceInfoSchema });
export type DeviceCheckOpened = z.infer<typeof DeviceCheckOpenedSchema>;

/** Why the page server closed: a result came, the time ran out, or the user closed the check. */
export const DeviceCheckEndedSchema = z.object({
  id: z.string(),
  reason: z.enum(['result', 'expired', 'stopped']),
  report: DeviceReportSchema.nullable(),
});
export type DeviceCheckEnded = z.infer<typeof DeviceCheckEndedSchema>;
