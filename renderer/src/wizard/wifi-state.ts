import { assertNever, type Failure } from '../../../electron/shared/result';

/*
 * The Wi-Fi step's own state (a box in access-point mode): the network typed by the user and
 * where sending it stands. Pure; wizard-state.ts routes the wifi actions here.
 */

export type WifiDraft = { readonly essid: string; readonly password: string };

export type WifiPhase =
  | { readonly kind: 'editing'; readonly problem: Failure | null }
  | { readonly kind: 'sending' }
  /** The box accepted: it leaves its access point and joins `essid` at a new address. */
  | { readonly kind: 'sent'; readonly essid: string };

export type WifiView = { readonly draft: WifiDraft; readonly phase: WifiPhase };

export type WifiAction =
  | { readonly type: 'wifi-draft-changed'; readonly patch: Partial<WifiDraft> }
  | { readonly type: 'wifi-started' }
  | { readonly type: 'wifi-sent'; readonly essid: string }
  | { readonly type: 'wifi-failed'; readonly error: Failure };

export function initialWifi(essid: string): WifiView {
  return { draft: { essid, password: '' }, phase: { kind: 'editing', problem: null } };
}

/** What the box needs before anything is sent: a network name (the password may be empty). */
export function canSendWifi(draft: WifiDraft): boolean {
  return draft.essid.trim() !== '';
}

export function wifiReducer(view: WifiView, action: WifiAction): WifiView {
  const { phase } = view;
  switch (action.type) {
    case 'wifi-draft-changed':
      // Editing clears a problem that belonged to the values that caused it.
      return phase.kind === 'editing'
        ? { draft: { ...view.draft, ...action.patch }, phase: { kind: 'editing', problem: null } }
        : view;
    case 'wifi-started':
      return phase.kind === 'editing' && canSendWifi(view.draft)
        ? { ...view, phase: { kind: 'sending' } }
        : view;
    case 'wifi-sent':
      return phase.kind === 'sending'
        ? // The password is not needed any more: it is not kept once the box has it.
          { draft: { ...view.draft, password: '' }, phase: { kind: 'sent', essid: action.essid } }
        : view;
    case 'wifi-failed':
      return phase.kind === 'sending'
        ? { ...view, phase: { kind: 'editing', problem: action.error } }
        : view;
    default:
      return assertNever(action);
  }
}
