import { z } from 'zod';

import { AppInfoSchema, SettingsPatchSchema, SettingsSchema } from './schemas/app';
import { BoxInfoSchema, BoxRefSchema } from './schemas/box';
import {
  CertificateAcquireOptionsSchema,
  CertificateProgressSchema,
  CertificateReportSchema,
  CertificateVerifyOptionsSchema,
  HttpsVerificationSchema,
} from './schemas/certificate';
import {
  DiscoveryOptionsSchema,
  AddressCheckProgressSchema,
  DiscoveryProgressSchema,
  DiscoveryReportSchema,
  FoundBoxSchema,
} from './schemas/discovery';
import {
  DeviceCheckEndedSchema,
  DeviceCheckOpenedSchema,
  DeviceCheckSessionSchema,
  DeviceCheckStartSchema,
  DeviceCheckStopSchema,
} from './schemas/device-check';
import {
  DnsApplyRequestSchema,
  DnsChangePreviewSchema,
  DnsConfirmRequestSchema,
  DnsDiagnoseRequestSchema,
  DnsPlanSchema,
  DnsReferencesViewSchema,
  DnsJournalSummarySchema,
  DnsPromptWaitingSchema,
  DnsRecheckSchema,
  DnsReportSchema,
  ResolverProbeSchema,
  RouterFamilySchema,
} from './schemas/dns';
import {
  BoxRestartProgressSchema,
  ConnectServerRequestSchema,
  KeychainStatusSchema,
  OdooCredentialsRequestSchema,
  OdooCredentialsSummarySchema,
  PairingOutcomeSchema,
  PairingWatchProgressSchema,
  RememberedDatabaseSchema,
  RememberedIdSchema,
  RenameBoxRequestSchema,
  SaveCredentialsRequestSchema,
  SetWifiRequestSchema,
  TokenCheckRequestSchema,
  TokenSummarySchema,
  WatchPairingOptionsSchema,
  WifiSentSchema,
} from './schemas/pairing';
import { ReportCreatedSchema, ReportSavedSchema } from './schemas/report';
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
  /** The box reboots under its new name (where it can be renamed); the name is checked after. */
  'box:rename': {
    method: 'renameBox',
    args: z.tuple([RenameBoxRequestSchema]),
    result: PairingOutcomeSchema,
  },
  /** Until the box reports a database (pairing code, or Odoo finding it) and is back from restarting. */
  'box:watch-pairing': {
    method: 'watchBoxPairing',
    args: z.tuple([BoxRefSchema, WatchPairingOptionsSchema]),
    result: PairingOutcomeSchema,
  },
  'box:stop-pairing-watch': { method: 'stopBoxPairingWatch', args: z.tuple([]), result: z.null() },
  'odoo:read-credentials': {
    method: 'readOdooCredentials',
    args: z.tuple([OdooCredentialsRequestSchema]),
    result: OdooCredentialsSummarySchema,
  },
  'odoo:list-remembered': {
    method: 'listRememberedDatabases',
    args: z.tuple([]),
    result: z.array(RememberedDatabaseSchema),
  },
  /** The remembered credentials, ready to send like credentials just read (no password). */
  'odoo:recall-remembered': {
    method: 'recallRememberedDatabase',
    args: z.tuple([RememberedIdSchema]),
    result: OdooCredentialsSummarySchema,
  },
  'odoo:forget-remembered': {
    method: 'forgetRememberedDatabase',
    args: z.tuple([RememberedIdSchema]),
    result: z.null(),
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
  /** Stops waiting for a certificate (the box itself keeps trying on its own). */
  'certificate:cancel': { method: 'cancelCertificate', args: z.tuple([]), result: z.null() },
  'dns:diagnose': {
    method: 'diagnoseDns',
    args: z.tuple([DnsDiagnoseRequestSchema]),
    result: DnsReportSchema,
  },
  'dns:plan': {
    method: 'planDnsFix',
    // The report, and the router family the user chose when ours was wrong.
    args: z.tuple([DnsReportSchema, RouterFamilySchema.nullable()]),
    result: DnsPlanSchema,
  },
  'dns:preview-fix': {
    method: 'previewDnsFix',
    args: z.tuple([]),
    result: DnsChangePreviewSchema,
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
  'dns:forget': { method: 'forgetDnsChange', args: z.tuple([]), result: z.null() },
  'dns:get-journal': {
    method: 'getDnsJournal',
    args: z.tuple([]),
    result: DnsJournalSummarySchema.nullable(),
  },
  'dns:references': {
    method: 'getDnsReferences',
    args: z.tuple([]),
    result: DnsReferencesViewSchema,
  },
  'dns:recheck': {
    method: 'recheckDns',
    args: z.tuple([DnsApplyRequestSchema]),
    result: DnsRecheckSchema,
  },
  'device-check:start': {
    method: 'startDeviceCheck',
    args: z.tuple([DeviceCheckStartSchema]),
    result: DeviceCheckSessionSchema,
  },
  'device-check:stop': {
    method: 'stopDeviceCheck',
    args: z.tuple([DeviceCheckStopSchema]),
    result: z.null(),
  },
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
  'discovery:address-progress': {
    method: 'onAddressCheckProgress',
    payload: AddressCheckProgressSchema,
  },
  'certificate:progress': { method: 'onCertificateProgress', payload: CertificateProgressSchema },
  'box:restart-progress': { method: 'onBoxRestartProgress', payload: BoxRestartProgressSchema },
  'box:pairing-progress': { method: 'onBoxPairingProgress', payload: PairingWatchProgressSchema },
  'dns:resolver-answered': { method: 'onDnsResolverAnswered', payload: ResolverProbeSchema },
  'dns:fix-rolled-back': { method: 'onDnsFixRolledBack', payload: DnsJournalSummarySchema },
  'dns:prompt-waiting': { method: 'onDnsPromptWaiting', payload: DnsPromptWaitingSchema },
  'device-check:opened': { method: 'onDeviceCheckOpened', payload: DeviceCheckOpenedSchema },
  'device-check:ended': { method: 'onDeviceCheckEnded', payload: DeviceCheckEndedSchema },
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
