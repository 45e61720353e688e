import type { BoxInfo, DiscoveryReport } from '../../../electron/shared/contract';
import { assertNever, type Failure, type Loadable } from '../../../electron/shared/result';

/*
 * Where the user is in the wizard. Each step carries exactly the data it needs. Sections marked
 * with their capability are extended by that capability's work (discovery, pairing, certificate,
 * DNS repair); transitions stay pure and are unit-tested in wizard-state.test.ts.
 */
export type WizardState =
  | { readonly step: 'welcome' }
  // ── find-box (discovery) ──
  | { readonly step: 'find-box'; readonly scan: Loadable<DiscoveryReport> }
  // ── connect (pairing) ──
  | { readonly step: 'connect'; readonly box: BoxInfo }
  // ── secure (certificate) ──
  | { readonly step: 'secure'; readonly box: BoxInfo }
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
  // ── connect (pairing) ──
  | { readonly type: 'box-connected'; readonly box: BoxInfo }
  // ── fix-dns (DNS repair) ──
  | { readonly type: 'repair-dns' };

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
      return state.step === 'find-box' ? { ...state, scan: { status: 'loading' } } : state;
    case 'scan-finished':
      return state.step === 'find-box' && state.scan.status === 'loading'
        ? { ...state, scan: { status: 'loaded', value: action.report } }
        : state;
    case 'scan-failed':
      return state.step === 'find-box' && state.scan.status === 'loading'
        ? { ...state, scan: { status: 'failed', error: action.error } }
        : state;
    case 'box-chosen':
      return state.step === 'find-box' ? { step: 'connect', box: action.box } : state;
    // ── connect (pairing) ──
    case 'box-connected':
      return state.step === 'connect' ? { step: 'secure', box: action.box } : state;
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
    case 'connect':
      return { step: 'find-box', scan: { status: 'idle' } };
    case 'secure':
      return { step: 'connect', box: state.box };
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
