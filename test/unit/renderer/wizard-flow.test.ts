import { describe, expect, it } from 'vitest';

import type { BoxInfo } from '../../../electron/shared/schemas/box';
import type { CertificateReport } from '../../../electron/shared/schemas/certificate';
import type { FoundBox } from '../../../electron/shared/schemas/discovery';
import type { DnsReport } from '../../../electron/shared/schemas/dns';
import type { Loadable } from '../../../electron/shared/result';
import { initialPairing } from '../../../renderer/src/wizard/connect-state';
import { initialWifi } from '../../../renderer/src/wizard/wifi-state';
import {
  initialWizardSession,
  wizardReducer,
  wizardSessionReducer,
  type WizardAction,
  type WizardSession,
  type WizardState,
} from '../../../renderer/src/wizard/wizard-state';
import { sampleFoundBox } from '../../fakes/sample-box';

// The flow's steps around the capabilities: overview, Wi-Fi, web address, done, Cancel.

const box: BoxInfo = sampleFoundBox;
const apBox: BoxInfo = { ...box, accessPoint: true };
const NAME = '127-0-0-14.c0ffee42.odoo-iot.com';
const verify = {
  ok: true,
  problem: null,
  hostname: NAME,
  via: 'name' as const,
  address: '127.0.0.14',
  trusted: true,
  nameMatches: true,
  nameResolved: true,
  notExpired: true,
  notBefore: '2026-11-28T00:00:00.000Z',
  notAfter: '2027-02-26T00:00:00.000Z',
  daysLeft: 90,
  expiresSoon: false,
  subject: NAME,
  issuer: 'Lab CA',
  san: [NAME],
  fingerprint256: 'AB:CD',
  detail: null,
};
const secureReport: CertificateReport = {
  ip: box.ip,
  api: 'g4',
  version: 'L25.04',
  status: { state: 'ok', subject: NAME, notAfter: verify.notAfter },
  explanation: {
    outcome: 'valid',
    actions: ['open-box'],
    docUrl: 'https://www.odoo.com/documentation/',
    boxCode: null,
    httpStatus: null,
    exception: null,
    odooComReachable: null,
    subscriptionsUrl: null,
  },
  verify,
  checkedAt: '2026-01-01T00:00:00.000Z',
};
const refusedReport: CertificateReport = {
  ...secureReport,
  status: { state: 'temporary' },
  explanation: { ...secureReport.explanation, outcome: 'request-status', httpStatus: 403 },
  verify: null,
};
const dnsOk: DnsReport = {
  name: NAME,
  hash: 'c0ffee42',
  expectedIp: box.ip,
  verdict: 'ok',
  publishedAddresses: [box.ip],
  basis: null,
  outboundDnsBlocked: false,
  boxReached: true,
  probes: [],
  router: {
    address: null,
    family: 'unknown',
    evidence: [],
    model: null,
    filterAt: null,
    upstream: [],
    adminUrl: null,
    localNames: [],
  },
  durationMs: 12,
  checkedAt: '2026-01-01T00:00:00.000Z',
};
const dnsBlocked: DnsReport = { ...dnsOk, verdict: 'rebind-blocked' };
// The certificate is fine at the box's address; only this computer's DNS does not find the name.
const nameOnlyReport: CertificateReport = {
  ...secureReport,
  explanation: {
    ...secureReport.explanation,
    outcome: 'https-name-does-not-resolve',
    actions: ['repair-dns'],
  },
  verify: { ...verify, ok: false, problem: 'name-does-not-resolve', nameResolved: false },
};
// An expired certificate whose name does not resolve either: the certificate comes first.
const expiredReport: CertificateReport = {
  ...nameOnlyReport,
  explanation: { ...secureReport.explanation, outcome: 'https-expired' },
  verify: { ...verify, ok: false, problem: 'expired', notExpired: false, nameResolved: false },
};

const target = `${box.address.host}:${box.address.port}`;
const welcome: WizardState = { step: 'welcome' };
const findSetup: WizardState = { step: 'find-box', flow: 'setup', scan: { status: 'idle' } };
const findCheck: WizardState = { step: 'find-box', flow: 'check', scan: { status: 'idle' } };
const overviewSetup: WizardState = { step: 'overview', flow: 'setup', box };
const overviewCheck: WizardState = { step: 'overview', flow: 'check', box };
const overviewAp: WizardState = { step: 'overview', flow: 'setup', box: apBox };
const wifiEditing: WizardState = {
  step: 'wifi',
  box: apBox,
  wifi: { draft: { essid: 'Shop', password: 'pw' }, phase: { kind: 'editing', problem: null } },
};
const wifiSending: WizardState = {
  ...wifiEditing,
  wifi: { draft: { essid: 'Shop', password: 'pw' }, phase: { kind: 'sending' } },
};
const wifiSent: WizardState = {
  ...wifiEditing,
  wifi: {
    draft: { essid: 'Shop', password: '' },
    phase: { kind: 'sent', essid: 'Shop', replied: false },
  },
};
const wifiSearching: WizardState = {
  ...wifiSent,
  wifi: { ...wifiSent.wifi, phase: { kind: 'searching', essid: 'Shop' } },
};
// The same box after it joined: same identifier, a new address, off its access point.
const joinedBox = {
  ...apBox,
  address: { host: '192.168.1.40', port: 8069 },
  ip: '192.168.1.40',
  accessPoint: false,
  foundBy: ['sweep' as const],
  alsoClaimedBy: [],
};
const otherBox = { ...joinedBox, identifier: 'other', mac: 'b8:27:eb:00:00:99' };
const secureDone = (
  flow: 'setup' | 'check',
  report: CertificateReport,
  webAddress?: Loadable<DnsReport>,
): WizardState => ({
  step: 'secure',
  flow,
  box,
  certificate: { status: 'done', target, report },
  ...(webAddress === undefined ? {} : { webAddress }),
});
const web = (
  check: DnsReport | 'idle' | 'loading',
  certificate: CertificateReport = secureReport,
): WizardState => ({
  step: 'web-address',
  flow: 'setup',
  box,
  certificate,
  name: NAME,
  check:
    check === 'idle'
      ? { status: 'idle' }
      : check === 'loading'
        ? { status: 'loading' }
        : { status: 'loaded', value: check },
});
const done: WizardState = {
  step: 'done',
  flow: 'setup',
  box,
  certificate: secureReport,
  dns: dnsOk,
};
const fixFromWeb: WizardState = {
  step: 'fix-dns',
  box,
  from: 'web-address',
  flow: 'setup',
  certificate: secureReport,
  name: NAME,
  report: dnsBlocked,
};
const sendingPairing: WizardState = {
  step: 'connect',
  box,
  pairing: {
    ...initialPairing(box),
    phase: {
      kind: 'sending',
      plan: {
        method: 'token',
        token: 't',
        summary: {
          serverUrl: 'https://x',
          format: 'pipe',
          dbUuidMasked: 'x…',
          dbName: null,
          box,
        },
      },
      progress: null,
    },
  },
};

const table: [string, WizardState, WizardAction, WizardState][] = [
  // ── welcome: three ways in ──
  ['"Check a box" starts the check flow', welcome, { type: 'start', flow: 'check' }, findCheck],
  ['"Set up" starts the setup flow', welcome, { type: 'start', flow: 'setup' }, findSetup],
  ['choosing a box opens its overview', findCheck, { type: 'box-chosen', box }, overviewCheck],
  // ── overview ──
  [
    'setup: a box with a network goes to connect',
    overviewSetup,
    { type: 'overview-continue' },
    { step: 'connect', box },
  ],
  [
    'setup: an access-point box goes to Wi-Fi first',
    overviewAp,
    { type: 'overview-continue' },
    { step: 'wifi', box: apBox, wifi: initialWifi('') },
  ],
  [
    'check: straight to the secure connection (nothing sent to the box)',
    overviewCheck,
    { type: 'overview-continue' },
    { step: 'secure', flow: 'check', box },
  ],
  ['overview-continue elsewhere is ignored', findSetup, { type: 'overview-continue' }, findSetup],
  ['back from the overview to the search', overviewCheck, { type: 'back' }, findCheck],
  // ── wifi ──
  [
    'typing the network name',
    wifiEditing,
    { type: 'wifi-draft-changed', patch: { essid: 'Shop 2' } },
    {
      ...wifiEditing,
      wifi: {
        draft: { essid: 'Shop 2', password: 'pw' },
        phase: { kind: 'editing', problem: null },
      },
    },
  ],
  ['sending starts', wifiEditing, { type: 'wifi-started' }, wifiSending],
  [
    'an empty name is not sent',
    { ...wifiEditing, wifi: initialWifi('') },
    { type: 'wifi-started' },
    { ...wifiEditing, wifi: initialWifi('') },
  ],
  [
    'the box accepted: the password is dropped',
    wifiSending,
    { type: 'wifi-sent', essid: 'Shop', replied: false },
    wifiSent,
  ],
  [
    'the box refused: back to the form with the reason, values kept',
    wifiSending,
    { type: 'wifi-failed', error: { code: 'box-refused' } },
    {
      ...wifiEditing,
      wifi: {
        draft: { essid: 'Shop', password: 'pw' },
        phase: { kind: 'editing', problem: { code: 'box-refused' } },
      },
    },
  ],
  [
    'editing clears the problem',
    {
      ...wifiEditing,
      wifi: { ...wifiEditing.wifi, phase: { kind: 'editing', problem: { code: 'box-refused' } } },
    },
    { type: 'wifi-draft-changed', patch: { password: 'pw2' } },
    {
      ...wifiEditing,
      wifi: {
        draft: { essid: 'Shop', password: 'pw2' },
        phase: { kind: 'editing', problem: null },
      },
    },
  ],
  [
    'a late answer is dropped',
    wifiEditing,
    { type: 'wifi-sent', essid: 'Shop', replied: true },
    wifiEditing,
  ],
  ['wifi actions elsewhere are ignored', welcome, { type: 'wifi-started' }, welcome],
  ['skip: the box is wired', wifiEditing, { type: 'wifi-skip' }, { step: 'connect', box: apBox }],
  ['no skip while sending', wifiSending, { type: 'wifi-skip' }, wifiSending],
  [
    'after sending, look for the same box again',
    wifiSent,
    { type: 'wifi-search-started' },
    wifiSearching,
  ],
  ['no search before sending', wifiEditing, { type: 'wifi-search-started' }, wifiEditing],
  [
    'found again by its identifier, off its access point: it joined',
    wifiSearching,
    { type: 'wifi-search-finished', original: apBox, boxes: [otherBox, joinedBox] },
    {
      ...wifiSent,
      wifi: { ...wifiSent.wifi, phase: { kind: 'joined', essid: 'Shop', box: joinedBox } },
    },
  ],
  [
    'found again still on its access point: it could not join',
    wifiSearching,
    {
      type: 'wifi-search-finished',
      original: apBox,
      boxes: [{ ...apBox, foundBy: ['sweep'], alsoClaimedBy: [] }],
    },
    { ...wifiSent, wifi: { ...wifiSent.wifi, phase: { kind: 'not-joined', essid: 'Shop' } } },
  ],
  [
    'only other boxes on this network: not found yet',
    wifiSearching,
    { type: 'wifi-search-finished', original: apBox, boxes: [otherBox] },
    {
      ...wifiSent,
      wifi: { ...wifiSent.wifi, phase: { kind: 'not-found', essid: 'Shop', problem: null } },
    },
  ],
  [
    'a joined box goes on to the connect step at its new address',
    {
      ...wifiSent,
      wifi: { ...wifiSent.wifi, phase: { kind: 'joined', essid: 'Shop', box: joinedBox } },
    },
    { type: 'wifi-joined-continue' },
    { step: 'connect', box: joinedBox },
  ],
  ['no Back while searching', wifiSearching, { type: 'back' }, wifiSearching],
  [
    'back from Wi-Fi to the overview',
    wifiEditing,
    { type: 'back' },
    { step: 'overview', flow: 'setup', box: apBox },
  ],
  ['no Back while sending', wifiSending, { type: 'back' }, wifiSending],
  // ── secure → web address ──
  [
    'a proven certificate continues to the web address check',
    secureDone('setup', secureReport),
    { type: 'certificate-accepted' },
    web('idle'),
  ],
  [
    'a refused certificate cannot continue',
    secureDone('setup', refusedReport),
    { type: 'certificate-accepted' },
    secureDone('setup', refusedReport),
  ],
  [
    'a fine certificate whose name does not resolve moves on to the web address',
    secureDone('setup', nameOnlyReport),
    { type: 'certificate-accepted' },
    web('idle', nameOnlyReport),
  ],
  [
    'an expired certificate stays on the secure step, even with a name problem too',
    secureDone('setup', expiredReport),
    { type: 'certificate-accepted' },
    secureDone('setup', expiredReport),
  ],
  [
    'the web address check starts on the secure step once the certificate names the box',
    secureDone('setup', nameOnlyReport),
    { type: 'dns-check-started' },
    secureDone('setup', nameOnlyReport, { status: 'loading' }),
  ],
  [
    'its verdict lands on the secure step while the user reads the result',
    secureDone('setup', nameOnlyReport, { status: 'loading' }),
    { type: 'dns-check-finished', report: dnsBlocked },
    secureDone('setup', nameOnlyReport, { status: 'loaded', value: dnsBlocked }),
  ],
  [
    'continuing carries the gathered verdict: the web address step shows it at once',
    secureDone('setup', nameOnlyReport, { status: 'loaded', value: dnsBlocked }),
    { type: 'certificate-accepted' },
    web(dnsBlocked, nameOnlyReport),
  ],
  [
    'continuing while it runs: the web address step waits for the same check',
    secureDone('setup', nameOnlyReport, { status: 'loading' }),
    { type: 'certificate-accepted' },
    web('loading', nameOnlyReport),
  ],
  [
    'a verdict that arrives after moving on lands on the web address step',
    web('loading', nameOnlyReport),
    { type: 'dns-check-finished', report: dnsBlocked },
    web(dnsBlocked, nameOnlyReport),
  ],
  [
    'checking the certificate again drops the earlier web address check',
    secureDone('setup', nameOnlyReport, { status: 'loaded', value: dnsBlocked }),
    { type: 'certificate-started', target },
    {
      step: 'secure',
      flow: 'setup',
      box,
      certificate: { status: 'running', target, progress: null },
    },
  ],
  [
    'no web address check before the certificate check is done',
    {
      step: 'secure',
      flow: 'setup',
      box,
      certificate: { status: 'running', target, progress: null },
    },
    { type: 'dns-check-started' },
    {
      step: 'secure',
      flow: 'setup',
      box,
      certificate: { status: 'running', target, progress: null },
    },
  ],
  [
    'a certificate without a name cannot continue',
    secureDone('check', { ...secureReport, verify: { ...verify, hostname: null } }),
    { type: 'certificate-accepted' },
    secureDone('check', { ...secureReport, verify: { ...verify, hostname: null } }),
  ],
  [
    'nothing to accept while the check runs',
    {
      step: 'secure',
      flow: 'setup',
      box,
      certificate: { status: 'running', target, progress: null },
    },
    { type: 'certificate-accepted' },
    {
      step: 'secure',
      flow: 'setup',
      box,
      certificate: { status: 'running', target, progress: null },
    },
  ],
  // ── web address ──
  ['the DNS check starts', web('idle'), { type: 'dns-check-started' }, web('loading')],
  [
    'a second start while checking is ignored',
    web('loading'),
    { type: 'dns-check-started' },
    web('loading'),
  ],
  [
    'the verdict arrives',
    web('loading'),
    { type: 'dns-check-finished', report: dnsOk },
    web(dnsOk),
  ],
  [
    'a failure is kept with its code',
    web('loading'),
    { type: 'dns-check-failed', error: { code: 'dns-name-invalid' } },
    {
      step: 'web-address',
      flow: 'setup',
      box,
      certificate: secureReport,
      name: NAME,
      check: { status: 'failed', error: { code: 'dns-name-invalid' } },
    },
  ],
  [
    'a late verdict is dropped',
    web('idle'),
    { type: 'dns-check-finished', report: dnsOk },
    web('idle'),
  ],
  ['ok: continue to Done', web(dnsOk), { type: 'web-address-accepted' }, done],
  ['blocked: no Done', web(dnsBlocked), { type: 'web-address-accepted' }, web(dnsBlocked)],
  [
    'blocked: the repair keeps where to come back',
    web(dnsBlocked),
    { type: 'repair-dns' },
    fixFromWeb,
  ],
  ['back from the repair re-runs the check', fixFromWeb, { type: 'back' }, web('idle')],
  [
    'back from the web address shows the certificate as done, its verdict kept (no new request)',
    web(dnsOk),
    { type: 'back' },
    secureDone('setup', secureReport, { status: 'loaded', value: dnsOk }),
  ],
  [
    "back from a checked certificate shows the overview with this computer's view",
    { ...secureDone('check', expiredReport) },
    { type: 'back' },
    { step: 'overview', flow: 'check', box, certificate: expiredReport },
  ],
  ['repair-dns from Done is ignored', done, { type: 'repair-dns' }, done],
  // ── done ──
  ['back from Done shows the verdict again', done, { type: 'back' }, web(dnsOk)],
  ['Start over', done, { type: 'cancel' }, welcome],
  // ── cancel ──
  ['Cancel from the overview', overviewCheck, { type: 'cancel' }, welcome],
  ['Cancel from the web address check', web('loading'), { type: 'cancel' }, welcome],
  ['no Cancel while the box restarts', sendingPairing, { type: 'cancel' }, sendingPairing],
  ['no Cancel while Wi-Fi is sent', wifiSending, { type: 'cancel' }, wifiSending],
  ['Cancel on welcome changes nothing', welcome, { type: 'cancel' }, welcome],
];

describe('wizard reducer: the whole flow', () => {
  it.each(table)('%s', (_name, state, action, expected) => {
    expect(wizardReducer(state, action)).toEqual(expected);
  });
});

describe('wizard session: what was typed survives', () => {
  const found: FoundBox = { ...sampleFoundBox, foundBy: ['manual'] };
  const run = (actions: readonly Parameters<typeof wizardSessionReducer>[1][]): WizardSession =>
    actions.reduce(wizardSessionReducer, initialWizardSession);

  it('shows the listed boxes again on Back from the overview', () => {
    const session = run([
      { type: 'start', flow: 'check' },
      { type: 'manual-check-started', address: '127.0.0.14' },
      { type: 'manual-check-finished', box: found },
      { type: 'box-chosen', box: found },
      { type: 'back' },
    ]);
    expect(session.state).toEqual({ ...findCheck, boxes: [found] });
  });

  it('keeps the Wi-Fi name (never the password) across Back', () => {
    const session = run([
      { type: 'start', flow: 'setup' },
      { type: 'box-chosen', box: apBox },
      { type: 'overview-continue' },
      { type: 'wifi-draft-changed', patch: { essid: 'Shop', password: 'secret' } },
      { type: 'back' },
      { type: 'overview-continue' },
    ]);
    expect(session.state).toEqual({ step: 'wifi', box: apBox, wifi: initialWifi('Shop') });
    expect(JSON.stringify(session)).not.toContain('secret');
  });

  it('keeps the connect draft through Cancel and a new start', () => {
    const session = run([
      { type: 'start', flow: 'setup' },
      { type: 'box-chosen', box },
      { type: 'overview-continue' },
      { type: 'connect-draft-changed', patch: { token: 'tok' } },
      { type: 'cancel' },
      { type: 'start', flow: 'setup' },
      { type: 'box-chosen', box },
      { type: 'overview-continue' },
    ]);
    expect(session.state).toMatchObject({ step: 'connect', pairing: { draft: { token: 'tok' } } });
  });

  it('takes "remember the enterprise code" from the setting, on the step too', () => {
    let session = run([{ type: 'remember-default-changed', remember: true }]);
    expect(session.connectDraft.remember).toBe(true);
    session = (
      [
        { type: 'start', flow: 'setup' },
        { type: 'box-chosen', box },
        { type: 'overview-continue' },
      ] satisfies WizardAction[]
    ).reduce(wizardSessionReducer, session);
    expect(session.state).toMatchObject({ pairing: { draft: { remember: true } } });
    session = wizardSessionReducer(session, { type: 'remember-default-changed', remember: false });
    expect(session.state).toMatchObject({ pairing: { draft: { remember: false } } });
    expect(session.connectDraft.remember).toBe(false);
  });
});
