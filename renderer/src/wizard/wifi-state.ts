import { assertNever, type Failure } from '../../../electron/shared/result';
import type { BoxInfo } from '../../../electron/shared/schemas/box';
import type { FoundBox } from '../../../electron/shared/schemas/discovery';
import { actionGroup } from './action-group';

/*
 * The Wi-Fi step's own state (a box in access-point mode): the network typed by the user, and
 * where sending it stands. The box leaves its access point before it answers (doc §17 C8), so a
 * sent network proves nothing: only finding the same box again on the shop network, off its
 * access point, says it joined. Pure; wizard-state.ts routes the wifi actions here.
 */

export type WifiDraft = { readonly essid: string; readonly password: string };

export type WifiPhase =
  | { readonly kind: 'editing'; readonly problem: Failure | null }
  | { readonly kind: 'sending' }
  /** Sent: this computer must rejoin the shop network, then look for the box there. */
  | { readonly kind: 'sent'; readonly essid: string; readonly replied: boolean }
  | { readonly kind: 'searching'; readonly essid: string }
  /** The same box, found on the shop network and off its access point. */
  | { readonly kind: 'joined'; readonly essid: string; readonly box: BoxInfo }
  /** The same box, found still on its own access point: it could not join. */
  | { readonly kind: 'not-joined'; readonly essid: string }
  /** Not found (yet) from this computer's network. */
  | { readonly kind: 'not-found'; readonly essid: string; readonly problem: Failure | null };

export type WifiView = { readonly draft: WifiDraft; readonly phase: WifiPhase };

export type WifiAction =
  | { readonly type: 'wifi-draft-changed'; readonly patch: Partial<WifiDraft> }
  | { readonly type: 'wifi-started' }
  | { readonly type: 'wifi-sent'; readonly essid: string; readonly replied: boolean }
  | { readonly type: 'wifi-failed'; readonly error: Failure }
  | { readonly type: 'wifi-search-started' }
  | {
      readonly type: 'wifi-search-finished';
      readonly original: BoxInfo;
      readonly boxes: readonly FoundBox[];
    }
  | { readonly type: 'wifi-search-failed'; readonly error: Failure };

export const isWifiAction = actionGroup<WifiAction>({
  'wifi-draft-changed': true,
  'wifi-started': true,
  'wifi-sent': true,
  'wifi-failed': true,
  'wifi-search-started': true,
  'wifi-search-finished': true,
  'wifi-search-failed': true,
});

export function initialWifi(essid: string): WifiView {
  return { draft: { essid, password: '' }, phase: { kind: 'editing', problem: null } };
}

/** What the box needs before anything is sent: a network name (the password may be empty). */
export function canSendWifi(draft: WifiDraft): boolean {
  return draft.essid.trim() !== '';
}

/**
 * The same box at whatever address it has now: by identifier (serial number on G4, MAC up to
 * 18.0), else MAC, else name (a G1 access point shows only its name).
 */
export function isSameBox(original: BoxInfo, candidate: BoxInfo): boolean {
  if (original.identifier !== null && candidate.identifier !== null) {
    return original.identifier === candidate.identifier;
  }
  if (original.mac !== null && candidate.mac !== null) {
    return original.mac === candidate.mac;
  }
  return original.name !== null && original.name === candidate.name;
}

function searched(essid: string, original: BoxInfo, boxes: readonly FoundBox[]): WifiPhase {
  const found = boxes.filter((box) => isSameBox(original, box));
  const joined = found.find((box) => !box.accessPoint);
  if (joined !== undefined) {
    return { kind: 'joined', essid, box: joined };
  }
  return found.length > 0
    ? { kind: 'not-joined', essid }
    : { kind: 'not-found', essid, problem: null };
}

/** The network the step is about, once sent. */
function sentEssid(phase: WifiPhase): string | null {
  return 'essid' in phase ? phase.essid : null;
}

export function wifiReducer(view: WifiView, action: WifiAction): WifiView {
  const { phase } = view;
  switch (action.type) {
    case 'wifi-draft-changed':
      // Editing clears a problem that belonged to the values that caused it.
      return phase.kind === 'editing' || phase.kind === 'not-joined'
        ? { draft: { ...view.draft, ...action.patch }, phase: { kind: 'editing', problem: null } }
        : view;
    case 'wifi-started':
      return (phase.kind === 'editing' || phase.kind === 'not-joined') && canSendWifi(view.draft)
        ? { ...view, phase: { kind: 'sending' } }
        : view;
    case 'wifi-sent':
      return phase.kind === 'sending'
        ? // The password is not needed any more: it is not kept once the box has it.
          {
            draft: { ...view.draft, password: '' },
            phase: { kind: 'sent', essid: action.essid, replied: action.replied },
          }
        : view;
    case 'wifi-failed':
      return phase.kind === 'sending'
        ? { ...view, phase: { kind: 'editing', problem: action.error } }
        : view;
    case 'wifi-search-started': {
      const essid = sentEssid(phase);
      return essid !== null && phase.kind !== 'searching' && phase.kind !== 'joined'
        ? { ...view, phase: { kind: 'searching', essid } }
        : view;
    }
    case 'wifi-search-finished':
      return phase.kind === 'searching'
        ? { ...view, phase: searched(phase.essid, action.original, action.boxes) }
        : view;
    case 'wifi-search-failed':
      return phase.kind === 'searching'
        ? { ...view, phase: { kind: 'not-found', essid: phase.essid, problem: action.error } }
        : view;
    default:
      return assertNever(action);
  }
}
