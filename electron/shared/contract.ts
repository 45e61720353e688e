import { z } from 'zod';

import { FailureSchema } from './diagnosis';
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
});
export type Settings = z.infer<typeof SettingsSchema>;
export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

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
});
export type DiscoveryReport = z.infer<typeof DiscoveryReportSchema>;

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
} as const satisfies Record<string, InvokeSpec>;

export const events = {
  'discovery:box-found': { method: 'onBoxFound', payload: FoundBoxSchema },
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

/** The envelope every request resolves to, validated where it is received. */
export function resultSchemaFor<C extends InvokeChannel>(channel: C) {
  return z.union([
    z.object({ ok: z.literal(true), value: invoke[channel].result }),
    z.object({ ok: z.literal(false), error: FailureSchema }),
  ]);
}
