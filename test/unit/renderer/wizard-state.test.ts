import { describe, expect, it } from 'vitest';

import type {
  CertificateProgress,
  CertificateReport,
} from '../../../electron/shared/schemas/certificate';
import type {
  AddressCheckProgress,
  DiscoveryReport,
  FoundBox,
} from '../../../electron/shared/schemas/discovery';
import type {
  BoxRestartProgress,
  OdooCredentialsSummary,
  PairingOutcome,
  TokenSummary,
} from '../../../electron/shared/schemas/pairing';
import type { Failure } from '../../../electron/shared/result';
import { sampleFoundBox as box } from '../../fakes/sample-box';
import { sampleCertificateReport } from '../../fakes/sample-certificate';
import {
  EMPTY_CONNECT_DRAFT,
  initialPairing,
  tokenAwaitingCheck,
  type ConnectDraft,
  type ConnectPairing,
  type ConnectPlan,
} from '../../../renderer/src/wizard/connect-state';
import {
  initialWizardSession,
  initialWizardState,
  stepProgress,
  wizardReducer,
  wizardSessionReducer,
  type WizardAction,
  type WizardSession,
  type WizardState,
} from '../../../renderer/src/wizard/wizard-state';

const report: DiscoveryReport = {
  boxes: [],
  durationMs: 10,
  channels: {},
  probed: 254,
  reasons: [],
};
const findIdle: WizardState = { step: 'find-box', flow: 'setup', scan: { status: 'idle' } };
// A typed address that refused for 4 s, as a box does while it starts.
const waited: AddressCheckProgress = {
  address: '192.168.1.20',
  elapsedMs: 4_000,
  budgetMs: 15_000,
  attempt: 4,
  last: 'starting',
};
const findLoading: WizardState = { step: 'find-box', flow: 'setup', scan: { status: 'loading' } };

const table: [string, WizardState, WizardAction, WizardState][] = [
  ['start from welcome', initialWizardState, { type: 'start', flow: 'setup' }, findIdle],
  ['start again is ignored', findIdle, { type: 'start', flow: 'setup' }, findIdle],
  ['back to welcome', findLoading, { type: 'back' }, { step: 'welcome' }],
  ['back on welcome stays', { step: 'welcome' }, { type: 'back' }, { step: 'welcome' }],
  ['scan starts', findIdle, { type: 'scan-started' }, { ...findLoading, boxes: [] }],
  // ── find-box (discovery): streaming, progress, typed address ──
  [
    'a streamed box is listed at once',
    findLoading,
    { type: 'box-streamed', box },
    { ...findLoading, boxes: [box] },
  ],
  [
    'an update replaces the entry for the same box',
    { ...findLoading, boxes: [box] },
    { type: 'box-streamed', box: { ...box, foundBy: ['mdns', 'sweep'] } },
    { ...findLoading, boxes: [{ ...box, foundBy: ['mdns', 'sweep'] }] },
  ],
  [
    'a streamed box after the scan ended is dropped',
    findIdle,
    { type: 'box-streamed', box },
    findIdle,
  ],
  [
    'progress is shown while searching',
    findLoading,
    { type: 'scan-progressed', progress: { probed: 3, total: 254 } },
    { ...findLoading, progress: { probed: 3, total: 254 } },
  ],
  [
    'the final report folds into the live list',
    { ...findLoading, boxes: [{ ...box, foundBy: ['manual'] }] },
    { type: 'scan-finished', report: { ...report, boxes: [box] } },
    {
      step: 'find-box',
      flow: 'setup',
      scan: { status: 'loaded', value: { ...report, boxes: [box] } },
      boxes: [box],
    },
  ],
  [
    'a new search keeps typed boxes and forgets found ones',
    {
      step: 'find-box',
      flow: 'setup',
      scan: { status: 'loaded', value: report },
      boxes: [box, { ...box, identifier: 'typed', foundBy: ['manual'] }],
    },
    { type: 'scan-started' },
    { ...findLoading, boxes: [{ ...box, identifier: 'typed', foundBy: ['manual'] }] },
  ],
  [
    'checking a typed address',
    findIdle,
    { type: 'manual-check-started', address: '192.168.1.20' },
    { ...findIdle, manual: { status: 'checking', address: '192.168.1.20', progress: null } },
  ],
  [
    'a typed address being waited for shows how long',
    { ...findIdle, manual: { status: 'checking', address: '192.168.1.20', progress: null } },
    { type: 'manual-check-progressed', progress: waited },
    { ...findIdle, manual: { status: 'checking', address: '192.168.1.20', progress: waited } },
  ],
  [
    'the wait of another address (an earlier check) is not shown',
    { ...findIdle, manual: { status: 'checking', address: '192.168.1.20', progress: null } },
    { type: 'manual-check-progressed', progress: { ...waited, address: '192.168.1.99' } },
    { ...findIdle, manual: { status: 'checking', address: '192.168.1.20', progress: null } },
  ],
  [
    'a wait reported after the check ended is dropped',
    findIdle,
    { type: 'manual-check-progressed', progress: waited },
    findIdle,
  ],
  [
    'a confirmed typed address is listed',
    { ...findIdle, manual: { status: 'checking', address: '192.168.1.20', progress: waited } },
    { type: 'manual-check-finished', box: { ...box, foundBy: ['manual'] } },
    { ...findIdle, boxes: [{ ...box, foundBy: ['manual'] }] },
  ],
  [
    'a typed address that is not a box says why',
    { ...findIdle, manual: { status: 'checking', address: '192.168.1.30', progress: null } },
    { type: 'manual-check-failed', error: { code: 'box-not-odoo' } },
    {
      ...findIdle,
      manual: { status: 'failed', address: '192.168.1.30', error: { code: 'box-not-odoo' } },
    },
  ],
  [
    'a check result without a check running is dropped',
    findIdle,
    { type: 'manual-check-finished', box },
    findIdle,
  ],
  [
    'scan finishes',
    findLoading,
    { type: 'scan-finished', report },
    { step: 'find-box', flow: 'setup', scan: { status: 'loaded', value: report }, boxes: [] },
  ],
  [
    'scan fails with its code',
    findLoading,
    { type: 'scan-failed', error: { code: 'not-implemented' } },
    {
      step: 'find-box',
      flow: 'setup',
      scan: { status: 'failed', error: { code: 'not-implemented' } },
    },
  ],
  [
    'a late result after leaving is dropped',
    { step: 'welcome' },
    { type: 'scan-finished', report },
    { step: 'welcome' },
  ],
  [
    'a result without a running scan is dropped',
    findIdle,
    { type: 'scan-finished', report },
    findIdle,
  ],
  [
    'scan-started on welcome is ignored',
    { step: 'welcome' },
    { type: 'scan-started' },
    { step: 'welcome' },
  ],
];

describe('wizard reducer', () => {
  it.each(table)('%s', (_name, state, action, expected) => {
    expect(wizardReducer(state, action)).toEqual(expected);
  });

  it("shows each flow's steps, Wi-Fi only for an access-point box", () => {
    expect(stepProgress(initialWizardState)).toBeNull();
    expect(stepProgress({ step: 'fix-dns', box: null, from: 'welcome' })).toBeNull();
    expect(stepProgress(findIdle)).toEqual({
      steps: ['find-box', 'overview', 'connect', 'secure', 'web-address', 'done'],
      current: 0,
    });
    expect(stepProgress({ step: 'secure', flow: 'setup', box })).toEqual({
      steps: ['find-box', 'overview', 'connect', 'secure', 'web-address', 'done'],
      current: 3,
    });
    expect(
      stepProgress({ step: 'overview', flow: 'setup', box: { ...box, accessPoint: true } }),
    ).toEqual({
      steps: ['find-box', 'overview', 'wifi', 'connect', 'secure', 'web-address', 'done'],
      current: 1,
    });
    expect(stepProgress({ step: 'secure', flow: 'check', box })).toEqual({
      steps: ['find-box', 'overview', 'secure', 'web-address', 'done'],
      current: 2,
    });
    // The repair counts as the web address step, which owns it.
    expect(
      stepProgress({
        step: 'fix-dns',
        box,
        from: 'web-address',
        flow: 'check',
        certificate: sampleCertificateReport('https-name-does-not-resolve'),
        name: '127-0-0-14.c0ffee42.odoo-iot.com',
        report: null,
      })?.current,
    ).toBe(3);
  });
});

// ── secure (certificate) ──
describe('wizard reducer: secure step', () => {
  const target = '127.0.0.14:8069';
  const progress: CertificateProgress = {
    ip: '127.0.0.14',
    phase: 'waiting',
    attempt: 1,
    maxAttempts: 6,
    elapsedMs: 100,
    nextCheckInMs: 5_000,
    status: { state: 'missing' },
    boxAttempt: 2,
    boxMaxAttempts: 6,
    boxAttemptSeconds: 95,
  };
  const certificateReport: CertificateReport = {
    ip: '127.0.0.14',
    api: 'g4',
    version: 'L25.04',
    status: { state: 'missing' },
    explanation: {
      outcome: 'no-server',
      actions: ['go-to-connect'],
      docUrl: 'https://www.odoo.com/documentation/18.0/applications/general/iot/connect.html',
      boxCode: null,
      httpStatus: null,
      exception: null,
      odooComReachable: null,
      subscriptionsUrl: null,
    },
    verify: null,
    checkedAt: '2026-01-01T00:00:00.000Z',
  };
  const fromConnect: WizardState = { step: 'secure', flow: 'setup', box };
  const checking: WizardState = { step: 'secure', flow: 'check', box };
  const running: WizardState = {
    ...fromConnect,
    certificate: { status: 'running', target, progress: null },
  };
  const secureTable: [string, WizardState, WizardAction, WizardState][] = [
    ['a check starts', fromConnect, { type: 'certificate-started', target }, running],
    [
      'a second start while running is ignored',
      running,
      { type: 'certificate-started', target: 'x' },
      running,
    ],
    [
      'progress is shown while running',
      running,
      { type: 'certificate-progressed', progress },
      { ...fromConnect, certificate: { status: 'running', target, progress } },
    ],
    [
      'progress without a running check is dropped',
      fromConnect,
      { type: 'certificate-progressed', progress },
      fromConnect,
    ],
    [
      'the report ends the check',
      running,
      { type: 'certificate-finished', report: certificateReport },
      { ...fromConnect, certificate: { status: 'done', target, report: certificateReport } },
    ],
    [
      'a failure ends the check with its code',
      running,
      { type: 'certificate-failed', error: { code: 'box-unreachable' } },
      {
        ...fromConnect,
        certificate: { status: 'failed', target, error: { code: 'box-unreachable' } },
      },
    ],
    [
      'a late report after leaving is dropped',
      { step: 'welcome' },
      { type: 'certificate-finished', report: certificateReport },
      { step: 'welcome' },
    ],
    [
      'a late failure without a running check is dropped',
      fromConnect,
      { type: 'certificate-failed', error: { code: 'cancelled' } },
      fromConnect,
    ],
    ['back from secure goes to connect', running, { type: 'back' }, { step: 'connect', box }],
    [
      'back from a check goes to the overview (no connect step)',
      checking,
      { type: 'back' },
      { step: 'overview', flow: 'check', box },
    ],
    [
      'no repair from the secure step: the web address step owns it',
      running,
      { type: 'repair-dns' },
      running,
    ],
  ];

  it.each(secureTable)('%s', (_name, state, action, expected) => {
    expect(wizardReducer(state, action)).toEqual(expected);
  });
});

// ── connect (pairing) ──
describe('wizard reducer: connect step', () => {
  const token =
    'https://shop.example.test|s3cr3t|0b5d1c9e-3f7a-4c2e-9a61-2d8e5f4b7c30|M2407lab0001';
  const tokenSummary: TokenSummary = {
    serverUrl: 'https://shop.example.test',
    format: 'pipe',
    dbUuidMasked: '0b5d1c9e…',
    dbName: null,
    box,
  };
  const dbSummary: OdooCredentialsSummary = {
    readId: 'read-1',
    serverUrl: 'https://shop.example.test',
    database: 'shop',
    serverVersion: '18.0+e',
    dbUuidMasked: '0b5d1c9e…',
    enterpriseCodeSet: true,
    expirationDate: null,
    neutralized: false,
    warnings: [],
  };
  const progress: BoxRestartProgress = {
    host: box.address.host,
    port: box.address.port,
    phase: 'down',
    attempt: 2,
    elapsedMs: 400,
    timeoutMs: 90_000,
  };
  const after = {
    ...box,
    serverUrl: 'https://shop.example.test',
    dbUuidSet: true,
    enterpriseCodeSet: true,
  };
  const outcome: PairingOutcome = { before: box, box: after, restarted: true };
  const tokenPlan: ConnectPlan = { method: 'token', token, summary: tokenSummary };
  const dbPlan: ConnectPlan = { method: 'sign-in', summary: dbSummary };
  const signIn: ConnectDraft = {
    ...EMPTY_CONNECT_DRAFT,
    method: 'sign-in',
    methodChosen: true,
    url: 'https://shop.example.test',
    login: 'admin',
    password: 'pw',
  };
  const withToken: ConnectDraft = { ...EMPTY_CONNECT_DRAFT, token };
  const at = (pairing: Partial<ConnectPairing>, target: FoundBox = box): WizardState => ({
    step: 'connect',
    box: target,
    pairing: { ...initialPairing(target), ...pairing },
  });
  const editing = (draft: ConnectDraft, problem: Failure | null = null): WizardState =>
    at({ draft, phase: { kind: 'editing', problem } });
  const checking = at({ draft: withToken, tokenCheck: { status: 'checking', token } });
  const valid = at({
    draft: withToken,
    tokenCheck: { status: 'valid', token, summary: tokenSummary },
  });
  const review = (plan: ConnectPlan, draft = withToken): WizardState =>
    at({ draft, phase: { kind: 'review', plan } });
  const sending = at({ phase: { kind: 'sending', plan: tokenPlan, progress: null } });
  const failed = (plan: ConnectPlan, draft = withToken): WizardState =>
    at({ draft, phase: { kind: 'failed', plan, error: { code: 'box-refused' } } });
  const done = at({ phase: { kind: 'done', outcome } });
  const connectedBox = {
    ...box,
    serverUrl: 'https://shop.example.test',
    dbUuidSet: true,
    enterpriseCodeSet: true,
  };
  const connected = at({}, connectedBox);

  const connectTable: [string, WizardState, WizardAction, WizardState][] = [
    [
      'typing a token starts waiting for its check',
      editing(EMPTY_CONNECT_DRAFT),
      { type: 'connect-draft-changed', patch: { token } },
      editing(withToken),
    ],
    [
      'changing the token drops the check of the old text',
      valid,
      { type: 'connect-draft-changed', patch: { token: `${token}x` } },
      editing({ ...withToken, token: `${token}x` }),
    ],
    [
      'editing a sign-in field clears the problem it caused',
      editing(signIn, { code: 'odoo-login-failed' }),
      { type: 'connect-draft-changed', patch: { password: 'pw2' } },
      editing({ ...signIn, password: 'pw2' }),
    ],
    [
      'switching the method keeps both drafts',
      editing(withToken),
      { type: 'connect-draft-changed', patch: { method: 'sign-in' } },
      editing({ ...withToken, method: 'sign-in', methodChosen: true }),
    ],
    [
      'the draft cannot change on the summary',
      review(tokenPlan),
      { type: 'connect-draft-changed', patch: { token: 'x' } },
      review(tokenPlan),
    ],
    [
      'the draft cannot change while the box restarts',
      sending,
      { type: 'connect-draft-changed', patch: { token: 'x' } },
      sending,
    ],
    [
      'a token check starts for the current text',
      editing(withToken),
      { type: 'token-check-started', token },
      checking,
    ],
    [
      'a check of an older text does not start',
      editing(withToken),
      { type: 'token-check-started', token: 'older' },
      editing(withToken),
    ],
    [
      'an accepted token is shown as valid',
      checking,
      { type: 'token-checked', token, summary: tokenSummary },
      valid,
    ],
    [
      'a refused token is shown with its code',
      checking,
      { type: 'token-check-failed', token, error: { code: 'token-localhost' } },
      at({
        draft: withToken,
        tokenCheck: { status: 'invalid', token, error: { code: 'token-localhost' } },
      }),
    ],
    [
      'a result for an older text is dropped',
      checking,
      { type: 'token-checked', token: 'older', summary: tokenSummary },
      checking,
    ],
    [
      'a late failure without a running check is dropped',
      valid,
      { type: 'token-check-failed', token, error: { code: 'box-unreachable' } },
      valid,
    ],
    [
      'a valid token opens the summary',
      valid,
      { type: 'token-review' },
      at({
        draft: withToken,
        tokenCheck: { status: 'valid', token, summary: tokenSummary },
        phase: { kind: 'review', plan: tokenPlan },
      }),
    ],
    ['an unchecked token cannot open the summary', checking, { type: 'token-review' }, checking],
    [
      'signing in starts with login, password and address',
      editing(signIn),
      { type: 'credentials-read-started' },
      at({ draft: signIn, phase: { kind: 'reading' } }),
    ],
    [
      'signing in needs a password',
      editing({ ...signIn, password: '' }),
      { type: 'credentials-read-started' },
      editing({ ...signIn, password: '' }),
    ],
    [
      'what the database gave opens the summary',
      at({ draft: signIn, phase: { kind: 'reading' } }),
      { type: 'credentials-read-finished', summary: dbSummary },
      review(dbPlan, signIn),
    ],
    [
      'a refused sign-in goes back to the form with its code',
      at({ draft: signIn, phase: { kind: 'reading' } }),
      { type: 'credentials-read-failed', error: { code: 'odoo-login-failed' } },
      editing(signIn, { code: 'odoo-login-failed' }),
    ],
    [
      'a late sign-in result after going back is dropped',
      editing(signIn),
      { type: 'credentials-read-finished', summary: dbSummary },
      editing(signIn),
    ],
    [
      '"remember" is chosen on the summary',
      review(dbPlan, signIn),
      { type: 'connect-remember-changed', remember: true },
      review(dbPlan, { ...signIn, remember: true }),
    ],
    [
      '"remember" does not change on the form',
      editing(signIn),
      { type: 'connect-remember-changed', remember: true },
      editing(signIn),
    ],
    ['Change returns to the form', review(tokenPlan), { type: 'connect-edit' }, editing(withToken)],
    [
      'sending starts from the summary',
      review(tokenPlan),
      { type: 'pairing-started' },
      at({ draft: withToken, phase: { kind: 'sending', plan: tokenPlan, progress: null } }),
    ],
    [
      'a database without enterprise code sends nothing',
      review({
        method: 'sign-in',
        summary: { ...dbSummary, readId: '', enterpriseCodeSet: false },
      }),
      { type: 'pairing-started' },
      review({
        method: 'sign-in',
        summary: { ...dbSummary, readId: '', enterpriseCodeSet: false },
      }),
    ],
    [
      'Try again sends the same plan',
      failed(dbPlan, signIn),
      { type: 'pairing-started' },
      at({ draft: signIn, phase: { kind: 'sending', plan: dbPlan, progress: null } }),
    ],
    [
      'restart progress is shown',
      sending,
      { type: 'pairing-progressed', progress },
      at({ phase: { kind: 'sending', plan: tokenPlan, progress } }),
    ],
    [
      'progress when nothing is being sent is dropped',
      done,
      { type: 'pairing-progressed', progress },
      done,
    ],
    ['the new status ends the restart', sending, { type: 'pairing-finished', outcome }, done],
    [
      'a box error ends the restart with its code',
      sending,
      { type: 'pairing-failed', error: { code: 'box-refused' } },
      failed(tokenPlan, EMPTY_CONNECT_DRAFT),
    ],
    [
      'Continue goes on with the new status',
      done,
      { type: 'box-connected', box: after },
      { step: 'secure', flow: 'setup', box: after },
    ],
    [
      'Skip goes on with a box that already has a server',
      connected,
      { type: 'box-connected', box: connectedBox },
      { step: 'secure', flow: 'setup', box: connectedBox },
    ],
    [
      'nothing goes on while the box restarts',
      sending,
      { type: 'box-connected', box: after },
      sending,
    ],
    [
      'nothing goes on from the form',
      editing(withToken),
      { type: 'box-connected', box },
      editing(withToken),
    ],
    [
      '"Connect to another database" opens the form',
      connected,
      { type: 'connect-reconfigure' },
      at({ phase: { kind: 'editing', problem: null } }, connectedBox),
    ],
    [
      'Back from the summary keeps what was typed',
      review(tokenPlan),
      { type: 'back' },
      editing(withToken),
    ],
    [
      'Back after a failure returns to the form',
      failed(tokenPlan),
      { type: 'back' },
      editing(withToken),
    ],
    ['Back does nothing while the box restarts', sending, { type: 'back' }, sending],
    [
      'Back from the form returns to the overview',
      editing(withToken),
      { type: 'back' },
      { step: 'overview', flow: 'setup', box },
    ],
  ];

  it.each(connectTable)('%s', (_name, state, action, expected) => {
    expect(wizardReducer(state, action)).toEqual(expected);
  });

  it('starts on the form for a new box and on "done" for a connected one', () => {
    expect(initialPairing(box).phase).toEqual({ kind: 'editing', problem: null });
    expect(initialPairing(connectedBox).phase).toEqual({ kind: 'connected' });
  });

  it('waits to check a token only while it is typed and unchecked', () => {
    expect(tokenAwaitingCheck(initialPairing(box, withToken))).toBe(token);
    expect(tokenAwaitingCheck(initialPairing(box, { ...withToken, token: '  ' }))).toBeNull();
    expect(
      tokenAwaitingCheck(
        initialPairing(box, { ...withToken, method: 'sign-in', methodChosen: true }),
      ),
    ).toBeNull();
    const connectState = checking.step === 'connect' ? checking.pairing : undefined;
    expect(connectState && tokenAwaitingCheck(connectState)).toBeNull();
  });

  describe('the session remembers what was typed across steps', () => {
    const enter = (session: WizardSession): WizardSession =>
      (
        [
          { type: 'start', flow: 'setup' },
          { type: 'box-chosen', box },
          { type: 'overview-continue' },
        ] satisfies WizardAction[]
      ).reduce(wizardSessionReducer, session);

    it('enters the step with an empty draft the first time', () => {
      expect(enter(initialWizardSession).state).toEqual({
        step: 'connect',
        box,
        pairing: initialPairing(box),
      });
    });

    it('keeps the draft, but not the password, through Back and a new choice', () => {
      let session = enter(initialWizardSession);
      session = wizardSessionReducer(session, {
        type: 'connect-draft-changed',
        patch: { ...signIn, token },
      });
      session = wizardSessionReducer(session, { type: 'back' });
      session = wizardSessionReducer(session, { type: 'back' });
      expect(session.state).toEqual(findIdle);
      expect(session.connectDraft).toEqual({ ...signIn, token, password: '' });
      session = wizardSessionReducer(session, { type: 'box-chosen', box: connectedBox });
      session = wizardSessionReducer(session, { type: 'overview-continue' });
      expect(session.state).toEqual({
        step: 'connect',
        box: connectedBox,
        pairing: initialPairing(connectedBox, { ...signIn, token, password: '' }),
      });
    });

    it('brings the draft back when returning from the secure step', () => {
      let session = enter(initialWizardSession);
      session = wizardSessionReducer(session, {
        type: 'connect-draft-changed',
        patch: { token },
      });
      for (const action of [
        { type: 'token-check-started', token },
        { type: 'token-checked', token, summary: tokenSummary },
        { type: 'token-review' },
        { type: 'pairing-started' },
        { type: 'pairing-finished', outcome },
        { type: 'box-connected', box: after },
      ] satisfies WizardAction[]) {
        session = wizardSessionReducer(session, action);
      }
      expect(session.state).toEqual({ step: 'secure', flow: 'setup', box: after });
      session = wizardSessionReducer(session, { type: 'back' });
      expect(session.state).toEqual({
        step: 'connect',
        box: after,
        pairing: initialPairing(after, withToken),
      });
    });

    it('returns the same session for an action that changes nothing', () => {
      const session = enter(initialWizardSession);
      expect(wizardSessionReducer(session, { type: 'token-review' })).toBe(session);
    });
  });
});
