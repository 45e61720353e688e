import type { EventChannel, Events, Invoke, InvokeChannel } from './contract';

/*
 * The contract's channel and method names as plain data, for the preload: a sandboxed preload
 * bundles everything it imports, and it needs these names only, not the contract's schemas.
 * `satisfies` makes the compiler hold both maps to the contract (a channel missing, extra or
 * with another method name fails `tsc`); a unit test compares them at run time as well.
 */

export const invokeMethods = {
  'app:get-info': 'getAppInfo',
  'app:signal-ready': 'signalReady',
  'settings:get': 'getSettings',
  'settings:set': 'setSettings',
  'discovery:start': 'startDiscovery',
  'discovery:cancel': 'cancelDiscovery',
  'discovery:check-address': 'checkBoxAddress',
  'box:get-info': 'getBoxInfo',
  'box:check-token': 'checkServerToken',
  'box:connect-server': 'connectBoxToServer',
  'box:save-credentials': 'saveBoxCredentials',
  'box:clear-credentials': 'clearBoxCredentials',
  'box:restart': 'restartBox',
  'box:rename': 'renameBox',
  'box:watch-pairing': 'watchBoxPairing',
  'box:stop-pairing-watch': 'stopBoxPairingWatch',
  'odoo:read-credentials': 'readOdooCredentials',
  'odoo:list-remembered': 'listRememberedDatabases',
  'odoo:recall-remembered': 'recallRememberedDatabase',
  'odoo:forget-remembered': 'forgetRememberedDatabase',
  'box:set-wifi': 'setBoxWifi',
  'box:check-keychain': 'checkKeychain',
  'certificate:get-status': 'getCertificateStatus',
  'certificate:acquire': 'acquireCertificate',
  'certificate:verify': 'verifyBoxHttps',
  'certificate:cancel': 'cancelCertificate',
  'dns:diagnose': 'diagnoseDns',
  'dns:plan': 'planDnsFix',
  'dns:preview-fix': 'previewDnsFix',
  'dns:apply-fix': 'applyDnsFix',
  'dns:confirm-fix': 'confirmDnsFix',
  'dns:restore': 'restoreDns',
  'dns:forget': 'forgetDnsChange',
  'dns:get-journal': 'getDnsJournal',
  'dns:references': 'getDnsReferences',
  'dns:recheck': 'recheckDns',
  'device-check:start': 'startDeviceCheck',
  'device-check:stop': 'stopDeviceCheck',
  'report:create': 'createReport',
  'report:save': 'saveReport',
  'report:copy-summary': 'copyReportSummary',
} as const satisfies { readonly [C in InvokeChannel]: Invoke[C]['method'] };

export const eventMethods = {
  'discovery:box-found': 'onBoxFound',
  'discovery:box-updated': 'onBoxUpdated',
  'discovery:progress': 'onDiscoveryProgress',
  'discovery:address-progress': 'onAddressCheckProgress',
  'certificate:progress': 'onCertificateProgress',
  'box:restart-progress': 'onBoxRestartProgress',
  'box:pairing-progress': 'onBoxPairingProgress',
  'dns:resolver-answered': 'onDnsResolverAnswered',
  'dns:fix-rolled-back': 'onDnsFixRolledBack',
  'dns:prompt-waiting': 'onDnsPromptWaiting',
  'device-check:opened': 'onDeviceCheckOpened',
  'device-check:ended': 'onDeviceCheckEnded',
} as const satisfies { readonly [E in EventChannel]: Events[E]['method'] };
