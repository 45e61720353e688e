import { z } from 'zod';

import * as app from './schemas/app';
import * as box from './schemas/box';
import * as certificate from './schemas/certificate';
import * as discovery from './schemas/discovery';
import * as deviceCheck from './schemas/device-check';
import * as dns from './schemas/dns';
import * as pairing from './schemas/pairing';
import * as report from './schemas/report';
import type { Failure, Result } from './result';

/*
 * The one IPC contract. Every request and event the renderer can use is declared here once; the
 * schemas live in ./schemas/. Main's handlers, the preload's `window.assistant`, the browser-preview
 * bridge and the renderer's types are all derived from these two objects.
 */
type InvokeSpec = {
  readonly method: string;
  readonly args: z.ZodTuple;
  readonly result: z.ZodType;
};
type EventSpec = { readonly method: string; readonly payload: z.ZodType };
const noArgs = z.tuple([]);
/** The box a request is about, as the user or discovery gave it. */
const boxRef = z.tuple([box.BoxRefSchema]);

export const invoke = {
  'app:get-info': { method: 'getAppInfo', args: noArgs, result: app.AppInfoSchema },
  'app:signal-ready': { method: 'signalReady', args: noArgs, result: z.null() },
  'settings:get': { method: 'getSettings', args: noArgs, result: app.SettingsSchema },
  'settings:set': {
    method: 'setSettings',
    args: z.tuple([app.SettingsPatchSchema]),
    result: app.SettingsSchema,
  },
  'discovery:start': {
    method: 'startDiscovery',
    args: z.tuple([discovery.DiscoveryOptionsSchema]),
    result: discovery.DiscoveryReportSchema,
  },
  'discovery:cancel': { method: 'cancelDiscovery', args: noArgs, result: z.null() },
  'discovery:check-address': {
    method: 'checkBoxAddress',
    args: boxRef,
    result: discovery.FoundBoxSchema,
  },
  'box:get-info': { method: 'getBoxInfo', args: boxRef, result: box.BoxInfoSchema },
  'box:check-token': {
    method: 'checkServerToken',
    args: z.tuple([pairing.TokenCheckRequestSchema]),
    result: pairing.TokenSummarySchema,
  },
  'box:connect-server': {
    method: 'connectBoxToServer',
    args: z.tuple([pairing.ConnectServerRequestSchema]),
    result: pairing.PairingOutcomeSchema,
  },
  'box:save-credentials': {
    method: 'saveBoxCredentials',
    args: z.tuple([pairing.SaveCredentialsRequestSchema]),
    result: pairing.PairingOutcomeSchema,
  },
  'box:clear-credentials': {
    method: 'clearBoxCredentials',
    args: boxRef,
    result: pairing.PairingOutcomeSchema,
  },
  'box:restart': { method: 'restartBox', args: boxRef, result: pairing.PairingOutcomeSchema },
  /** The box reboots under its new name (where it can be renamed); the name is checked after. */
  'box:rename': {
    method: 'renameBox',
    args: z.tuple([pairing.RenameBoxRequestSchema]),
    result: pairing.PairingOutcomeSchema,
  },
  /** Until the box reports a database (pairing code, or Odoo finding it) and is back from restarting. */
  'box:watch-pairing': {
    method: 'watchBoxPairing',
    args: z.tuple([box.BoxRefSchema, pairing.WatchPairingOptionsSchema]),
    result: pairing.PairingOutcomeSchema,
  },
  'box:stop-pairing-watch': { method: 'stopBoxPairingWatch', args: noArgs, result: z.null() },
  'odoo:read-credentials': {
    method: 'readOdooCredentials',
    args: z.tuple([pairing.OdooCredentialsRequestSchema]),
    result: pairing.OdooCredentialsSummarySchema,
  },
  'odoo:list-remembered': {
    method: 'listRememberedDatabases',
    args: noArgs,
    result: z.array(pairing.RememberedDatabaseSchema),
  },
  /** The remembered credentials, ready to send like credentials just read (no password). */
  'odoo:recall-remembered': {
    method: 'recallRememberedDatabase',
    args: z.tuple([pairing.RememberedIdSchema]),
    result: pairing.OdooCredentialsSummarySchema,
  },
  'odoo:forget-remembered': {
    method: 'forgetRememberedDatabase',
    args: z.tuple([pairing.RememberedIdSchema]),
    result: z.null(),
  },
  'box:set-wifi': {
    method: 'setBoxWifi',
    args: z.tuple([pairing.SetWifiRequestSchema]),
    result: pairing.WifiSentSchema,
  },
  'box:check-keychain': {
    method: 'checkKeychain',
    args: noArgs,
    result: pairing.KeychainStatusSchema,
  },
  'certificate:get-status': {
    method: 'getCertificateStatus',
    args: boxRef,
    result: certificate.CertificateReportSchema,
  },
  'certificate:acquire': {
    method: 'acquireCertificate',
    args: z.tuple([box.BoxRefSchema, certificate.CertificateAcquireOptionsSchema]),
    result: certificate.CertificateReportSchema,
  },
  'certificate:verify': {
    method: 'verifyBoxHttps',
    args: z.tuple([box.BoxRefSchema, certificate.CertificateVerifyOptionsSchema]),
    result: certificate.HttpsVerificationSchema,
  },
  /** Stops waiting for a certificate (the box itself keeps trying on its own). */
  'certificate:cancel': { method: 'cancelCertificate', args: noArgs, result: z.null() },
  'dns:diagnose': {
    method: 'diagnoseDns',
    args: z.tuple([dns.DnsDiagnoseRequestSchema]),
    result: dns.DnsReportSchema,
  },
  /** The report, and the router family the user chose when ours was wrong. */
  'dns:plan': {
    method: 'planDnsFix',
    args: z.tuple([dns.DnsReportSchema, dns.RouterFamilySchema.nullable()]),
    result: dns.DnsPlanSchema,
  },
  'dns:preview-fix': { method: 'previewDnsFix', args: noArgs, result: dns.DnsChangePreviewSchema },
  'dns:apply-fix': {
    method: 'applyDnsFix',
    args: z.tuple([dns.DnsApplyRequestSchema]),
    result: dns.DnsJournalSummarySchema,
  },
  'dns:confirm-fix': {
    method: 'confirmDnsFix',
    args: z.tuple([dns.DnsConfirmRequestSchema]),
    result: dns.DnsJournalSummarySchema,
  },
  'dns:restore': { method: 'restoreDns', args: noArgs, result: dns.DnsJournalSummarySchema },
  'dns:forget': { method: 'forgetDnsChange', args: noArgs, result: z.null() },
  'dns:get-journal': {
    method: 'getDnsJournal',
    args: noArgs,
    result: dns.DnsJournalSummarySchema.nullable(),
  },
  'dns:references': {
    method: 'getDnsReferences',
    args: noArgs,
    result: dns.DnsReferencesViewSchema,
  },
  'dns:recheck': {
    method: 'recheckDns',
    args: z.tuple([dns.DnsApplyRequestSchema]),
    result: dns.DnsRecheckSchema,
  },
  'device-check:start': {
    method: 'startDeviceCheck',
    args: z.tuple([deviceCheck.DeviceCheckStartSchema]),
    result: deviceCheck.DeviceCheckSessionSchema,
  },
  'device-check:stop': {
    method: 'stopDeviceCheck',
    args: z.tuple([deviceCheck.DeviceCheckStopSchema]),
    result: z.null(),
  },
  'report:create': { method: 'createReport', args: boxRef, result: report.ReportCreatedSchema },
  'report:save': { method: 'saveReport', args: noArgs, result: report.ReportSavedSchema },
  'report:copy-summary': { method: 'copyReportSummary', args: noArgs, result: z.null() },
} as const satisfies Record<string, InvokeSpec>;

export const events = {
  'discovery:box-found': { method: 'onBoxFound', payload: discovery.FoundBoxSchema },
  'discovery:box-updated': { method: 'onBoxUpdated', payload: discovery.FoundBoxSchema },
  'discovery:progress': {
    method: 'onDiscoveryProgress',
    payload: discovery.DiscoveryProgressSchema,
  },
  'discovery:address-progress': {
    method: 'onAddressCheckProgress',
    payload: discovery.AddressCheckProgressSchema,
  },
  'certificate:progress': {
    method: 'onCertificateProgress',
    payload: certificate.CertificateProgressSchema,
  },
  'box:restart-progress': {
    method: 'onBoxRestartProgress',
    payload: pairing.BoxRestartProgressSchema,
  },
  'box:pairing-progress': {
    method: 'onBoxPairingProgress',
    payload: pairing.PairingWatchProgressSchema,
  },
  'dns:resolver-answered': { method: 'onDnsResolverAnswered', payload: dns.ResolverProbeSchema },
  'dns:fix-rolled-back': { method: 'onDnsFixRolledBack', payload: dns.DnsJournalSummarySchema },
  'dns:prompt-waiting': { method: 'onDnsPromptWaiting', payload: dns.DnsPromptWaitingSchema },
  'device-check:opened': {
    method: 'onDeviceCheckOpened',
    payload: deviceCheck.DeviceCheckOpenedSchema,
  },
  'device-check:ended': {
    method: 'onDeviceCheckEnded',
    payload: deviceCheck.DeviceCheckEndedSchema,
  },
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
