import type {
  BoxInfo,
  CertificateProgress,
  CertificateReport,
  DiscoveryProgress,
  DiscoveryReport,
  FoundBox,
} from '../../../electron/shared/contract';
import { assertNever, type Failure, type Loadable } from '../../../electron/shared/result';
import {
  connectReducer,
  forgetSecrets,
  initialPairing,
  EMPTY_CONNECT_DRAFT,
  type ConnectAction,
  type ConnectDraft,
  type ConnectPairing,
} from './connect-state';

/*
 * Where the user is in the wizard. Each step carries exactly the data it needs. Sections marked
 * with their capability are extended by that capability's work (discovery, pairing, certificate,
 * DNS repair); transitions stay pure and are unit-tested in wizard-state.test.ts.
 */
export type WizardState =
  | { readonly step: 'welcome' }
  // ── find-box (discovery) ──
  | {
      readonly step: 'find-box';
      readonly scan: Loadable<DiscoveryReport>;
      /** Boxes listed so far (streamed while searching, plus any confirmed typed address). */
      readonly boxes?: readonly FoundBox[];
      readonly progress?: DiscoveryProgress;
      readonly manual?: ManualCheck;
    }
  // ── connect (pairing) ──
  | {
      readonly step: 'connect';
      readonly box: BoxInfo;
      /** Absent until the step is entered through the session (then: initialPairing). */
      readonly pairing?: ConnectPairing;
    }
  // ── secure (certificate) ──
  | {
      readonly step: 'secure';
      /** null when entered from the welcome screen to check a box paired earlier. */
      readonly box: BoxInfo | null;
      readonly from?: 'welcome';
      readonly certificate?: CertificateCheck;
    }
  // ── fix-dns (DNS repair) ──
  | { readonly step: 'fix-dns'; readonly box: BoxInfo | null; readonly from: 'welcome' | 'secure' };

export type WizardAction =
  | { readonly type: 'start' }
  | { readonly type: 'back' }
  // ── find-box (discovery) ──
  | { readonly type: 'scan-started' }
  | { readonly type: 'scan-finished'; readonly report: DiscoveryReport }
  | { readonly type: 'scan-failed'; readonly error: Failure }
  | { readonly type: 'box-chosen'; readonly box: BoxInfo }
  | { readonly type: 'box-streamed'; readonly box: FoundBox }
  | { readonly type: 'scan-progressed'; readonly progress: DiscoveryProgress }
  | { readonly type: 'manual-check-started'; readonly address: string }
  | { readonly type: 'manual-check-finished'; readonly box: FoundBox }
  | { readonly type: 'manual-check-failed'; readonly error: Failure }
  // ── connect (pairing) ──
  | { readonly type: 'box-connected'; readonly box: BoxInfo }
  | ConnectAction
  // ── secure (certificate) ──
  | { readonly type: 'check-certificate' }
  | { readonly type: 'certificate-started'; readonly target: string }
  | { readonly type: 'certificate-progressed'; readonly progress: CertificateProgress }
  | { readonly type: 'certificate-finished'; readonly report: CertificateReport }
  | { readonly type: 'certificate-failed'; readonly error: Failure }
  // ── fix-dns (DNS repair) ──
  | { readonly type: 'repair-dns' };

/** The find step's check of a typed address. */
export type ManualCheck =
  | { readonly status: 'checking'; readonly address: string }
  | { readonly status: 'failed'; readonly address: string; readonly error: Failure };

/** Adds a box to the list, or replaces the entry for the same box (same identifier, or address). */
export function upsertBox(boxes: readonly FoundBox[], box: FoundBox): FoundBox[] {
  const same = (other: FoundBox): boolean =>
    box.identifier !== null && other.identifier !== null
      ? box.identifier === other.identifier
      : box.ip === other.ip && box.port === other.port;
  return boxes.some(same) ? boxes.map((other) => (same(other) ? box : other)) : [...boxes, box];
}

/** The secure step's check: the box address it runs against, its live progress, its result. */
export type CertificateCheck =
  | { readonly status: 'idle' }
  | {
      readonly status: 'running';
      readonly target: string;
      readonly progress: CertificateProgress | null;
    }
  | { readonly status: 'done'; readonly target: string; readonly report: CertificateReport }
  | { readonly status: 'failed'; readonly target: string; readonly error: Failure };

/** The first-time pairing path, in order; the DNS repair flow is entered from welcome or secure. */
export const STEP_ORDER = [
  'welcome',
  'find-box',
  'connect',
  'secure',
] as const satisfies readonly WizardState['step'][];

export const initialWizardState: WizardState = { step: 'welcome' };

/** Pure transitions: an action that does not apply to the current step leaves it unchanged. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'start':
      return state.step === 'welcome' ? { step: 'find-box', scan: { status: 'idle' } } : state;
    case 'back':
      return back(state);
    // ── find-box (discovery) ──
    case 'scan-started':
      return state.step === 'find-box'
        ? {
            step: 'find-box',
            scan: { status: 'loading' },
            // Typed-in boxes stay listed; found ones are found again.
            boxes: (state.boxes ?? []).filter((box) => box.foundBy.includes('manual')),
          }
        : state;
    case 'box-streamed':
      return state.step === 'find-box' && state.scan.status === 'loading'
        ? { ...state, boxes: upsertBox(state.boxes ?? [], action.box) }
        : state;
    case 'scan-progressed':
      return state.step === 'find-box' && state.scan.status === 'loading'
        ? { ...state, progress: action.progress }
        : state;
    case 'scan-finished':
      return state.step === 'find-box' && state.scan.status === 'loading'
        ? {
            ...state,
            scan: { status: 'loaded', value: action.report },
            boxes: action.report.boxes.reduce<FoundBox[]>(upsertBox, [...(state.boxes ?? [])]),
          }
        : state;
    case 'manual-check-started':
      return state.step === 'find-box' && state.manual?.status !== 'checking'
        ? { ...state, manual: { status: 'checking', address: action.address } }
        : state;
    case 'manual-check-finished':
      if (state.step !== 'find-box' || state.manual?.status !== 'checking') {
        return state;
      }
      return {
        step: 'find-box',
        scan: state.scan,
        boxes: upsertBox(state.boxes ?? [], action.box),
        ...(state.progress === undefined ? {} : { progress: state.progress }),
      };
    case 'manual-check-failed':
      return state.step === 'find-box' && state.manual?.status === 'checking'
        ? {
            ...state,
            manual: { status: 'failed', address: state.manual.address, error: action.error },
          }
        : state;
    case 'scan-failed':
      return state.step === 'find-box' && state.scan.status === 'loading'
        ? { ...state, scan: { status: 'failed', error: action.error } }
        : state;
    case 'box-chosen':
      return state.step === 'find-box' ? { step: 'connect', box: action.box } : state;
    // ── connect (pairing) ──
    case 'box-connected': {
      // Only from a finished pairing, or "Skip" on a box that already has a server.
      const kind = state.step === 'connect' ? pairingOf(state).phase.kind : null;
      return kind === 'done' || kind === 'connected' ? { step: 'secure', box: action.box } : state;
    }
    case 'connect-draft-changed':
    case 'connect-remember-changed':
    case 'connect-reconfigure':
    case 'token-check-started':
    case 'token-checked':
    case 'token-check-failed':
    case 'token-review':
    case 'credentials-read-started':
    case 'credentials-read-finished':
    case 'credentials-read-failed':
    case 'connect-edit':
    case 'pairing-started':
    case 'pairing-progressed':
    case 'pairing-finished':
    case 'pairing-failed': {
      if (state.step !== 'connect') {
        return state;
      }
      const pairing = pairingOf(state);
      const next = connectReducer(pairing, action);
      return next === pairing ? state : { ...state, pairing: next };
    }
    // ── secure (certificate) ──
    case 'check-certificate':
      return state.step === 'welcome' ? { step: 'secure', box: null, from: 'welcome' } : state;
    case 'certificate-started':
      return state.step === 'secure' && state.certificate?.status !== 'running'
        ? { ...state, certificate: { status: 'running', target: action.target, progress: null } }
        : state;
    case 'certificate-progressed':
      return state.step === 'secure' && state.certificate?.status === 'running'
        ? { ...state, certificate: { ...state.certificate, progress: action.progress } }
        : state;
    case 'certificate-finished':
      return state.step === 'secure' && state.certificate?.status === 'running'
        ? {
            ...state,
            certificate: {
              status: 'done',
              target: state.certificate.target,
              report: action.report,
            },
          }
        : state;
    case 'certificate-failed':
      return state.step === 'secure' && state.certificate?.status === 'running'
        ? {
            ...state,
            certificate: {
              status: 'failed',
              target: state.certificate.target,
              error: action.error,
            },
          }
        : state;
    // ── fix-dns (DNS repair) ──
    case 'repair-dns':
      if (state.step === 'welcome') {
        return { step: 'fix-dns', box: null, from: 'welcome' };
      }
      return state.step === 'secure' ? { step: 'fix-dns', box: state.box, from: 'secure' } : state;
    default:
      return assertNever(action);
  }
}

function back(state: WizardState): WizardState {
  switch (state.step) {
    case 'welcome':
      return state;
    case 'find-box':
      return { step: 'welcome' };
    case 'connect': {
      // Inside the step, Back leaves the summary or a failure for the form (what was typed
      // stays); it does nothing while the box restarts.
      const pairing = pairingOf(state);
      if (pairing.phase.kind === 'review' || pairing.phase.kind === 'failed') {
        return { ...state, pairing: connectReducer(pairing, { type: 'connect-edit' }) };
      }
      return pairing.phase.kind === 'sending'
        ? state
        : { step: 'find-box', scan: { status: 'idle' } };
    }
    case 'secure':
      return state.box === null || state.from === 'welcome'
        ? { step: 'welcome' }
        : { step: 'connect', box: state.box };
    case 'fix-dns':
      return state.from === 'secure' && state.box
        ? { step: 'secure', box: state.box }
        : { step: 'welcome' };
    default:
      return assertNever(state);
  }
}

export function stepNumber(state: WizardState): number {
  const index = STEP_ORDER.findIndex((step) => step === state.step);
  return index === -1 ? STEP_ORDER.length : index + 1;
}

// ── connect (pairing) ──

/** The connect step's state, or the state it starts in for this box. */
export function pairingOf(state: Extract<WizardState, { step: 'connect' }>): ConnectPairing {
  return state.pairing ?? initialPairing(state.box);
}

/**
 * The wizard plus what it remembers across steps: what was typed on the connect step survives
 * going Back and coming again (another box, or back from the secure step), except the password.
 */
export type WizardSession = { readonly state: WizardState; readonly connectDraft: ConnectDraft };

export const initialWizardSession: WizardSession = {
  state: initialWizardState,
  connectDraft: EMPTY_CONNECT_DRAFT,
};

export function wizardSessionReducer(session: WizardSession, action: WizardAction): WizardSession {
  const previous = session.state;
  const next = wizardReducer(previous, action);
  if (next === previous) {
    return session;
  }
  const connectDraft =
    previous.step === 'connect' && next.step !== 'connect'
      ? forgetSecrets(pairingOf(previous).draft)
      : session.connectDraft;
  const state =
    next.step === 'connect' && previous.step !== 'connect'
      ? { ...next, pairing: initialPairing(next.box, connectDraft) }
      : next;
  return { state, connectDraft };
}
