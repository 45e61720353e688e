import type { BoxInfo } from '../../../electron/shared/schemas/box';
import type {
  BoxRestartProgress,
  OdooCredentialsSummary,
  OdooSignInWith,
  PairingOutcome,
  TokenSummary,
} from '../../../electron/shared/schemas/pairing';
import { assertNever, type Failure } from '../../../electron/shared/result';
import { formatBoxAddress } from '../../../electron/shared/box-address';
import { actionGroup } from './action-group';
import {
  isWatchAction,
  isWatchPhase,
  startWatching,
  watchReducer,
  WATCH_ACTION_TYPES,
  type WatchAction,
  type WatchDone,
  type WatchPhase,
} from './connect-watch-state';

/*
 * The "Connect to your database" step's own state: what the user typed (the draft), the live
 * check of a pasted token, and where the step is (form → summary → restart → new status, or
 * watching the box pair itself: connect-watch-state.ts). Pure data and transitions;
 * wizard-state.ts routes the connect actions here.
 */

/**
 * The ways, best first: the box's pairing code typed in Odoo, Odoo finding the box on the
 * network, the token from Odoo's "Offline pairing", and signing in to the database (which needs
 * Odoo's external API: Custom plans only).
 */
export type ConnectMethod = 'code' | 'find' | 'token' | 'sign-in';

/** The ways where the box pairs itself and the assistant watches it. */
export function isWatchMethod(method: ConnectMethod): method is 'code' | 'find' {
  return method === 'code' || method === 'find';
}

export type ConnectDraft = {
  readonly method: ConnectMethod;
  /** The user picked the way; until then it follows the box (its code, or the token). */
  readonly methodChosen: boolean;
  readonly token: string;
  readonly url: string;
  readonly login: string;
  /** Whether the secret below is the user's password or an API key made in Odoo. */
  readonly signInWith: OdooSignInWith;
  /** The password or API key; kept only while the wizard is on this step (see forgetSecrets). */
  readonly password: string;
  /** Needed only when the server hosts several databases it does not list. */
  readonly database: string;
  /** Keep the enterprise code in the OS keychain (offered only where one exists). */
  readonly remember: boolean;
};

export const EMPTY_CONNECT_DRAFT: ConnectDraft = {
  method: 'token',
  methodChosen: false,
  token: '',
  url: '',
  login: '',
  signInWith: 'password',
  password: '',
  database: '',
  remember: false,
};

/** The live check of the pasted token against this box; results for an older text are dropped. */
export type TokenCheck =
  | { readonly status: 'idle' }
  | { readonly status: 'checking'; readonly token: string }
  | { readonly status: 'valid'; readonly token: string; readonly summary: TokenSummary }
  | { readonly status: 'invalid'; readonly token: string; readonly error: Failure };

/** What will be sent, as the core described it (masked); the token is the exact text checked. */
export type ConnectPlan =
  | { readonly method: 'token'; readonly token: string; readonly summary: TokenSummary }
  | { readonly method: 'sign-in'; readonly summary: OdooCredentialsSummary };

export type ConnectPhase =
  /** The box already has a server: shown as done, with Skip or "connect to another database". */
  | { readonly kind: 'connected' }
  | { readonly kind: 'editing'; readonly problem: Failure | null }
  /** Signing in to the database to read its UUID and enterprise code. */
  | { readonly kind: 'reading' }
  | { readonly kind: 'review'; readonly plan: ConnectPlan }
  | {
      readonly kind: 'sending';
      readonly plan: ConnectPlan;
      readonly progress: BoxRestartProgress | null;
    }
  | WatchDone
  | { readonly kind: 'failed'; readonly plan: ConnectPlan; readonly error: Failure }
  | WatchPhase;

export type ConnectPairing = {
  readonly draft: ConnectDraft;
  readonly tokenCheck: TokenCheck;
  readonly phase: ConnectPhase;
};

export type ConnectAction =
  | { readonly type: 'connect-draft-changed'; readonly patch: Partial<ConnectDraft> }
  | { readonly type: 'connect-remember-changed'; readonly remember: boolean }
  | { readonly type: 'connect-reconfigure' }
  | { readonly type: 'token-check-started'; readonly token: string }
  | { readonly type: 'token-checked'; readonly token: string; readonly summary: TokenSummary }
  | { readonly type: 'token-check-failed'; readonly token: string; readonly error: Failure }
  | { readonly type: 'token-review' }
  | { readonly type: 'credentials-read-started' }
  /** Credentials remembered on this computer are being fetched in place of a sign-in. */
  | { readonly type: 'credentials-recall-started' }
  | { readonly type: 'credentials-read-finished'; readonly summary: OdooCredentialsSummary }
  | { readonly type: 'credentials-read-failed'; readonly error: Failure }
  | { readonly type: 'connect-edit' }
  | { readonly type: 'pairing-started' }
  | { readonly type: 'pairing-progressed'; readonly progress: BoxRestartProgress }
  | { readonly type: 'pairing-finished'; readonly outcome: PairingOutcome }
  | { readonly type: 'pairing-failed'; readonly error: Failure }
  | WatchAction;

export const isConnectAction = actionGroup<ConnectAction>({
  ...WATCH_ACTION_TYPES,
  'connect-draft-changed': true,
  'connect-remember-changed': true,
  'connect-reconfigure': true,
  'token-check-started': true,
  'token-checked': true,
  'token-check-failed': true,
  'token-review': true,
  'credentials-read-started': true,
  'credentials-recall-started': true,
  'credentials-read-finished': true,
  'credentials-read-failed': true,
  'connect-edit': true,
  'pairing-started': true,
  'pairing-progressed': true,
  'pairing-finished': true,
  'pairing-failed': true,
});

/**
 * A box that already has a server starts on "done". Any other starts on the way the user chose,
 * or the best one for what the box says: a box showing a pairing code is watched while the user
 * types it in Odoo; one without a code starts on the token.
 */
export function initialPairing(
  box: BoxInfo,
  draft: ConnectDraft = EMPTY_CONNECT_DRAFT,
): ConnectPairing {
  const method = draft.methodChosen ? draft.method : box.pairingCode !== null ? 'code' : 'token';
  return {
    draft: { ...draft, method },
    tokenCheck: { status: 'idle' },
    phase:
      box.serverUrl !== null
        ? { kind: 'connected' }
        : isWatchMethod(method)
          ? startWatching(null)
          : { kind: 'editing', problem: null },
  };
}

/**
 * The box is being changed and must not be left half-way: the change is on its way, or the box
 * restarts to use a database it just paired with, or a new code is being fetched.
 */
export function connectBusy(phase: ConnectPhase): boolean {
  return (
    phase.kind === 'sending' ||
    phase.kind === 'renewing' ||
    (phase.kind === 'watching' && phase.progress?.state === 'connected')
  );
}

/** The draft carried across steps: the password never leaves the step that asked for it. */
export function forgetSecrets(draft: ConnectDraft): ConnectDraft {
  return { ...draft, password: '' };
}

/** Whether the plan can be sent: database credentials need an enterprise code to push. */
export function canSend(plan: ConnectPlan): boolean {
  return plan.method === 'token' || plan.summary.enterpriseCodeSet;
}

/** Whether the sign-in form has what the core requires before anything is asked. */
export function canSignIn(draft: ConnectDraft): boolean {
  return draft.url.trim() !== '' && draft.login.trim() !== '' && draft.password !== '';
}

/** The sign-in form can be sent: every field there, and no sign-in under way. */
export function signInReady(draft: ConnectDraft, reading: boolean): boolean {
  return canSignIn(draft) && !reading;
}

/** The summary opens only for a token the core accepted for this box. */
export function tokenReady(check: TokenCheck): boolean {
  return check.status === 'valid';
}

const SIGN_IN_FIELDS = ['url', 'login', 'signInWith', 'password', 'database'] as const;

/** Where a new way leads: watching (kept running between the two watched ways), or the form. */
function phaseForMethod(pairing: ConnectPairing, method: ConnectMethod): ConnectPhase {
  if (!isWatchMethod(method)) {
    return { kind: 'editing', problem: null };
  }
  const { phase } = pairing;
  if (phase.kind === 'watching') {
    return phase;
  }
  return startWatching(isWatchPhase(phase) ? phase : null);
}

function applyPatch(pairing: ConnectPairing, patch: Partial<ConnectDraft>): ConnectPairing {
  const draft: ConnectDraft = {
    ...pairing.draft,
    ...patch,
    methodChosen: pairing.draft.methodChosen || patch.method !== undefined,
  };
  if (draft.method !== pairing.draft.method) {
    return {
      draft,
      tokenCheck: pairing.tokenCheck,
      phase: phaseForMethod(pairing, draft.method),
    };
  }
  const tokenChanged = draft.token !== pairing.draft.token;
  // A sign-in problem belongs to the values that caused it; editing them clears it.
  const signInChanged =
    draft.method !== pairing.draft.method ||
    SIGN_IN_FIELDS.some((field) => draft[field] !== pairing.draft[field]);
  return {
    draft,
    tokenCheck: tokenChanged ? { status: 'idle' } : pairing.tokenCheck,
    phase: signInChanged ? { kind: 'editing', problem: null } : pairing.phase,
  };
}

/** Pure transitions; an action that does not fit the current phase changes nothing. */
export function connectReducer(pairing: ConnectPairing, action: ConnectAction): ConnectPairing {
  if (isWatchAction(action)) {
    if (!isWatchPhase(pairing.phase)) {
      return pairing;
    }
    const next = watchReducer(pairing.phase, action);
    return next === pairing.phase ? pairing : { ...pairing, phase: next };
  }
  const { phase, draft, tokenCheck } = pairing;
  switch (action.type) {
    case 'connect-draft-changed':
      // While watching, only the way may change (the watched ways have nothing to type).
      return phase.kind === 'editing' ||
        ((phase.kind === 'watching' || phase.kind === 'watch-failed') &&
          action.patch.method !== undefined)
        ? applyPatch(pairing, action.patch)
        : pairing;
    case 'connect-remember-changed':
      // Chosen on the summary, next to what it applies to.
      return phase.kind === 'review' || phase.kind === 'failed'
        ? { ...pairing, draft: { ...draft, remember: action.remember } }
        : pairing;
    case 'connect-reconfigure':
      // A connected box shows no pairing code: another database comes with a token or a sign-in.
      return phase.kind === 'connected'
        ? {
            ...pairing,
            draft: isWatchMethod(draft.method) ? { ...draft, method: 'token' } : draft,
            phase: { kind: 'editing', problem: null },
          }
        : pairing;
    case 'token-check-started':
      return phase.kind === 'editing' && action.token === draft.token && action.token !== ''
        ? { ...pairing, tokenCheck: { status: 'checking', token: action.token } }
        : pairing;
    case 'token-checked':
      return tokenCheck.status === 'checking' && tokenCheck.token === action.token
        ? {
            ...pairing,
            tokenCheck: { status: 'valid', token: action.token, summary: action.summary },
          }
        : pairing;
    case 'token-check-failed':
      return tokenCheck.status === 'checking' && tokenCheck.token === action.token
        ? {
            ...pairing,
            tokenCheck: { status: 'invalid', token: action.token, error: action.error },
          }
        : pairing;
    case 'token-review':
      return phase.kind === 'editing' &&
        draft.method === 'token' &&
        tokenCheck.status === 'valid' &&
        tokenCheck.token === draft.token
        ? {
            ...pairing,
            phase: {
              kind: 'review',
              plan: { method: 'token', token: tokenCheck.token, summary: tokenCheck.summary },
            },
          }
        : pairing;
    case 'credentials-read-started':
      return phase.kind === 'editing' && draft.method === 'sign-in' && canSignIn(draft)
        ? { ...pairing, phase: { kind: 'reading' } }
        : pairing;
    case 'credentials-recall-started':
      return phase.kind === 'editing' ? { ...pairing, phase: { kind: 'reading' } } : pairing;
    case 'credentials-read-finished':
      return phase.kind === 'reading'
        ? {
            ...pairing,
            phase: { kind: 'review', plan: { method: 'sign-in', summary: action.summary } },
          }
        : pairing;
    case 'credentials-read-failed':
      return phase.kind === 'reading'
        ? { ...pairing, phase: { kind: 'editing', problem: action.error } }
        : pairing;
    case 'connect-edit':
      return phase.kind === 'review' || phase.kind === 'failed'
        ? { ...pairing, phase: { kind: 'editing', problem: null } }
        : pairing;
    case 'pairing-started':
      return (phase.kind === 'review' || phase.kind === 'failed') && canSend(phase.plan)
        ? { ...pairing, phase: { kind: 'sending', plan: phase.plan, progress: null } }
        : pairing;
    case 'pairing-progressed':
      return phase.kind === 'sending'
        ? { ...pairing, phase: { ...phase, progress: action.progress } }
        : pairing;
    case 'pairing-finished':
      return phase.kind === 'sending'
        ? { ...pairing, phase: { kind: 'done', outcome: action.outcome } }
        : pairing;
    case 'pairing-failed':
      return phase.kind === 'sending'
        ? { ...pairing, phase: { kind: 'failed', plan: phase.plan, error: action.error } }
        : pairing;
    default:
      return assertNever(action);
  }
}

/** The pasted token, when it is waiting for its live check (typed, not yet checked). */
export function tokenAwaitingCheck(pairing: ConnectPairing): string | null {
  const { phase, draft, tokenCheck } = pairing;
  return phase.kind === 'editing' &&
    draft.method === 'token' &&
    tokenCheck.status === 'idle' &&
    draft.token.trim() !== ''
    ? draft.token
    : null;
}

/** The watch to keep running for this phase (its run), or none. */
export function activeWatch(phase: ConnectPhase): number | null {
  return phase.kind === 'watching' ? phase.run : null;
}

/** How the core is told which box: where it was reached (never the address it claims). */
export function boxAddress(box: BoxInfo): string {
  return formatBoxAddress(box.address);
}
