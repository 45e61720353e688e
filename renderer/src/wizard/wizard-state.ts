import type { DiscoveryReport } from '../../../electron/shared/contract';
import { assertNever, type Failure, type Loadable } from '../../../electron/shared/result';

/** Where the user is in the wizard. Each step carries exactly the data it needs. */
export type WizardState =
  | { readonly step: 'welcome' }
  | { readonly step: 'find-box'; readonly scan: Loadable<DiscoveryReport> };

export type WizardAction =
  | { readonly type: 'start' }
  | { readonly type: 'back' }
  | { readonly type: 'scan-started' }
  | { readonly type: 'scan-finished'; readonly report: DiscoveryReport }
  | { readonly type: 'scan-failed'; readonly error: Failure };

export const STEP_ORDER = ['welcome', 'find-box'] as const satisfies readonly WizardState['step'][];

export const initialWizardState: WizardState = { step: 'welcome' };

/** Pure transitions: an action that does not apply to the current step leaves it unchanged. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'start':
      return state.step === 'welcome' ? { step: 'find-box', scan: { status: 'idle' } } : state;
    case 'back':
      return state.step === 'find-box' ? { step: 'welcome' } : state;
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
    default:
      return assertNever(action);
  }
}

export function stepNumber(state: WizardState): number {
  return STEP_ORDER.indexOf(state.step) + 1;
}
