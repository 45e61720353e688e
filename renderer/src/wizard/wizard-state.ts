import type { BoxInfo } from '../../../electron/shared/schemas/box';
import type {
  CertificateProgress,
  CertificateReport,
} from '../../../electron/shared/schemas/certificate';
import type {
  AddressCheckProgress,
  DiscoveryProgress,
  DiscoveryReport,
  FoundBox,
} from '../../../electron/shared/schemas/discovery';
import type { DnsReport } from '../../../electron/shared/schemas/dns';
import { assertNever, type Failure, type Loadable } from '../../../electron/shared/result';
import {
  boxAddress,
  connectBusy,
  connectReducer,
  forgetSecrets,
  isConnectAction,
  initialPairing,
  EMPTY_CONNECT_DRAFT,
  type ConnectAction,
  type ConnectDraft,
  type ConnectPairing,
} from './connect-state';
import {
  initialRename,
  isRenameAction,
  renameBusy,
  renameReducer,
  type RenameAction,
  type RenameView,
} from './rename-state';
import {
  initialWifi,
  isWifiAction,
  wifiReducer,
  type WifiAction,
  type WifiView,
} from './wifi-state';
import type { Flow } from './flow';

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
      readonly flow: Flow;
      readonly scan: Loadable<DiscoveryReport>;
      /** Boxes listed so far (streamed while searching, plus any confirmed typed address). */
      readonly boxes?: readonly FoundBox[];
      readonly progress?: DiscoveryProgress;
      readonly manual?: ManualCheck;
    }
  // ── overview (the chosen box at a glance) ──
  | {
      readonly step: 'overview';
      readonly flow: Flow;
      readonly box: BoxInfo;
      /** This computer's certificate check, when the user came Back from it: shown beside the box's view. */
      readonly certificate?: CertificateReport;
      /** "Rename this box" (setup flow); absent until the step is entered through the session. */
      readonly rename?: RenameView;
    }
  // ── wifi (access-point boxes only) ──
  | { readonly step: 'wifi'; readonly box: BoxInfo; readonly wifi: WifiView }
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
      readonly flow: Flow;
      readonly box: BoxInfo;
      readonly certificate?: CertificateCheck;
      /**
       * The web address check, started as soon as the certificate check names the box: the Web
       * address step opens with it (running or done) instead of making the user wait again.
       */
      readonly webAddress?: Loadable<DnsReport>;
    }
  // ── web-address (DNS check of the box's name) ──
  | {
      readonly step: 'web-address';
      readonly flow: Flow;
      readonly box: BoxInfo;
      readonly certificate: CertificateReport;
      /** The box's `*.odoo-iot.com` name, from this computer's HTTPS check. */
      readonly name: string;
      readonly check: Loadable<DnsReport>;
    }
  // ── fix-dns (DNS repair) ──
  | { readonly step: 'fix-dns'; readonly box: null; readonly from: 'welcome' }
  | {
      readonly step: 'fix-dns';
      readonly box: BoxInfo;
      readonly from: 'web-address';
      readonly flow: Flow;
      readonly certificate: CertificateReport;
      readonly name: string;
      /** The verdict the web address step gathered: the repair opens on it, without a second wait. */
      readonly report: DnsReport | null;
    }
  // ── done ──
  | {
      readonly step: 'done';
      readonly flow: Flow;
      readonly box: BoxInfo;
      readonly certificate: CertificateReport;
      readonly dns: DnsReport;
    };

export type WizardAction =
  | { readonly type: 'start'; readonly flow: Flow }
  | { readonly type: 'back' }
  /** Leaves the flow for the welcome screen; what was typed is remembered (not passwords). */
  | { readonly type: 'cancel' }
  // ── find-box (discovery) ──
  | { readonly type: 'scan-started' }
  | { readonly type: 'scan-finished'; readonly report: DiscoveryReport }
  | { readonly type: 'scan-failed'; readonly error: Failure }
  | { readonly type: 'box-chosen'; readonly box: BoxInfo }
  | { readonly type: 'box-streamed'; readonly box: FoundBox }
  | { readonly type: 'scan-progressed'; readonly progress: DiscoveryProgress }
  | { readonly type: 'manual-check-started'; readonly address: string }
  | { readonly type: 'manual-check-progressed'; readonly progress: AddressCheckProgress }
  | { readonly type: 'manual-check-finished'; readonly box: FoundBox }
  | { readonly type: 'manual-check-failed'; readonly error: Failure }
  // ── overview ──
  | { readonly type: 'overview-continue' }
  | RenameAction
  // ── wifi ──
  | WifiAction
  /** The box is on the wired network already, or the user will set Wi-Fi later. */
  | { readonly type: 'wifi-skip' }
  /** The box was found again on the shop network: go on with it, at its new address. */
  | { readonly type: 'wifi-joined-continue' }
  // ── connect (pairing) ──
  | { readonly type: 'box-connected'; readonly box: BoxInfo }
  | ConnectAction
  // ── secure (certificate) ──
  | { readonly type: 'certificate-started'; readonly target: string }
  | { readonly type: 'certificate-progressed'; readonly progress: CertificateProgress }
  | { readonly type: 'certificate-finished'; readonly report: CertificateReport }
  | { readonly type: 'certificate-failed'; readonly error: Failure }
  /** The secure connection is proven: go on to the web address check. */
  | { readonly type: 'certificate-accepted' }
  // ── web-address (DNS check) ──
  | { readonly type: 'dns-check-started' }
  | { readonly type: 'dns-check-finished'; readonly report: DnsReport }
  | { readonly type: 'dns-check-failed'; readonly error: Failure }
  | { readonly type: 'web-address-accepted' }
  // ── fix-dns (DNS repair) ──
  | { readonly type: 'repair-dns' };

/** The find step's check of a typed address (patient: its progress shows how long it waited). */
export type ManualCheck =
  | {
      readonly status: 'checking';
      readonly address: string;
      readonly progress: AddressCheckProgress | null;
    }
  | { readonly status: 'failed'; readonly address: string; readonly error: Failure };

/** Both reached at one address: the same entry of the find step's list. */
function sameAddress(a: BoxInfo, b: BoxInfo): boolean {
  return a.address.host === b.address.host && a.address.port === b.address.port;
}

/**
 * Adds a box to the list, or replaces the entry reached at the same address. Two addresses that
 * claim one identity stay two entries (the core says so on each).
 */
export function upsertBox(boxes: readonly FoundBox[], box: FoundBox): FoundBox[] {
  const same = (other: FoundBox): boolean => sameAddress(box, other);
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

/** The steps of each flow, in order (Wi-Fi only for a box in access-point mode). */
export const FLOW_STEPS = {
  setup: ['find-box', 'overview', 'wifi', 'connect', 'secure', 'web-address', 'done'],
  check: ['find-box', 'overview', 'secure', 'web-address', 'done'],
} as const satisfies Record<Flow, readonly WizardState['step'][]>;

export type FlowStep = (typeof FLOW_STEPS)[Flow][number];

/** A secure verdict: this computer's HTTPS check passed and the certificate is usable. */
export function isSecure(report: CertificateReport): boolean {
  return (
    report.verify?.ok === true &&
    (report.explanation.outcome === 'valid' || report.explanation.outcome === 'expiring-soon')
  );
}

/**
 * The certificate is fine — checked at the box's own address — and only this computer's DNS does
 * not lead the box's name there: a web address problem, which the next step owns, not a failed
 * secure connection.
 */
export function isNameProblemOnly(report: CertificateReport): boolean {
  const verify = report.verify;
  return (
    verify !== null &&
    verify.problem === 'name-does-not-resolve' &&
    verify.hostname !== null &&
    verify.fingerprint256 !== null &&
    verify.trusted === true &&
    verify.nameMatches === true &&
    verify.notExpired === true
  );
}

/** The secure step lets the user on to the web address: secure, or only the name is missing. */
export function canLeaveSecure(report: CertificateReport): boolean {
  return isSecure(report) || isNameProblemOnly(report);
}

export const initialWizardState: WizardState = { step: 'welcome' };

/** Pure transitions: an action that does not apply to the current step leaves it unchanged. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  // A step's own actions go to that step's reducer, whole.
  if (isRenameAction(action)) {
    return renameTransition(state, action);
  }
  if (isWifiAction(action)) {
    return wifiTransition(state, action);
  }
  if (isConnectAction(action)) {
    return connectTransition(state, action);
  }
  switch (action.type) {
    case 'start':
      return state.step === 'welcome'
        ? { step: 'find-box', flow: action.flow, scan: { status: 'idle' } }
        : state;
    case 'back':
      return back(state);
    case 'cancel':
      // Not while the box restarts with its new settings: it would be left half-changed.
      return (state.step === 'connect' && connectBusy(pairingOf(state).phase)) ||
        (state.step === 'overview' && renameBusy(state.rename))
        ? state
        : state.step === 'wifi' &&
            (state.wifi.phase.kind === 'sending' || state.wifi.phase.kind === 'searching')
          ? state
          : state.step === 'welcome'
            ? state
            : { step: 'welcome' };
    // ── find-box (discovery) ──
    case 'scan-started':
      return state.step === 'find-box'
        ? {
            step: 'find-box',
            flow: state.flow,
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
        ? { ...state, manual: { status: 'checking', address: action.address, progress: null } }
        : state;
    case 'manual-check-progressed':
      return state.step === 'find-box' &&
        state.manual?.status === 'checking' &&
        state.manual.address === action.progress.address
        ? { ...state, manual: { ...state.manual, progress: action.progress } }
        : state;
    case 'manual-check-finished':
      if (state.step !== 'find-box' || state.manual?.status !== 'checking') {
        return state;
      }
      return {
        step: 'find-box',
        flow: state.flow,
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
      return state.step === 'find-box'
        ? { step: 'overview', flow: state.flow, box: action.box }
        : state;
    // ── overview ──
    case 'overview-continue':
      if (state.step !== 'overview' || renameBusy(state.rename)) {
        return state;
      }
      if (state.flow === 'check') {
        return { step: 'secure', flow: 'check', box: state.box };
      }
      return state.box.accessPoint
        ? { step: 'wifi', box: state.box, wifi: initialWifi('') }
        : { step: 'connect', box: state.box };
    // ── wifi ──
    case 'wifi-skip':
      return state.step === 'wifi' && state.wifi.phase.kind === 'editing'
        ? { step: 'connect', box: state.box }
        : state;
    case 'wifi-joined-continue':
      return state.step === 'wifi' && state.wifi.phase.kind === 'joined'
        ? { step: 'connect', box: state.wifi.phase.box }
        : state;
    // ── connect (pairing) ──
    case 'box-connected': {
      // Only from a finished pairing, "Skip" on a box that already has a server, or keeping
      // the database a watched box turned out to be connected to.
      const phase = state.step === 'connect' ? pairingOf(state).phase : null;
      const keep =
        phase?.kind === 'watch-failed' && phase.error.code === 'pairing-already-connected';
      return phase?.kind === 'done' || phase?.kind === 'connected' || keep
        ? { step: 'secure', flow: 'setup', box: action.box }
        : state;
    }
    // ── secure (certificate) ──
    case 'certificate-started':
      return state.step === 'secure' && state.certificate?.status !== 'running'
        ? {
            step: 'secure',
            flow: state.flow,
            box: state.box,
            certificate: { status: 'running', target: action.target, progress: null },
          }
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
    case 'certificate-accepted': {
      if (state.step !== 'secure' || state.certificate?.status !== 'done') {
        return state;
      }
      const report = state.certificate.report;
      const name = report.verify?.hostname ?? null;
      return canLeaveSecure(report) && name !== null
        ? {
            step: 'web-address',
            flow: state.flow,
            box: state.box,
            certificate: report,
            name,
            check: state.webAddress ?? { status: 'idle' },
          }
        : state;
    }
    // ── web-address (DNS check; started early by the secure step) ──
    case 'dns-check-started':
    case 'dns-check-finished':
    case 'dns-check-failed':
      return webAddressCheck(state, action);
    case 'web-address-accepted':
      return state.step === 'web-address' &&
        state.check.status === 'loaded' &&
        state.check.value.verdict === 'ok'
        ? {
            step: 'done',
            flow: state.flow,
            box: state.box,
            certificate: state.certificate,
            dns: state.check.value,
          }
        : state;
    // ── fix-dns (DNS repair) ──
    case 'repair-dns':
      if (state.step === 'welcome') {
        return { step: 'fix-dns', box: null, from: 'welcome' };
      }
      return state.step === 'web-address'
        ? {
            step: 'fix-dns',
            box: state.box,
            from: 'web-address',
            flow: state.flow,
            certificate: state.certificate,
            name: state.name,
            report: state.check.status === 'loaded' ? state.check.value : null,
          }
        : state;
    default:
      return assertNever(action);
  }
}

function renameTransition(state: WizardState, action: RenameAction): WizardState {
  if (state.step !== 'overview') {
    return state;
  }
  const rename = renameOf(state);
  const next = renameReducer(rename, state.box, action);
  if (next === rename) {
    return state;
  }
  // From now on every step works with the box as it came back, under its new name.
  return action.type === 'rename-finished'
    ? { ...state, box: action.outcome.box, rename: next }
    : { ...state, rename: next };
}

function wifiTransition(state: WizardState, action: WifiAction): WizardState {
  if (state.step !== 'wifi') {
    return state;
  }
  const wifi = wifiReducer(state.wifi, action);
  return wifi === state.wifi ? state : { ...state, wifi };
}

function connectTransition(state: WizardState, action: ConnectAction): WizardState {
  if (state.step !== 'connect') {
    return state;
  }
  const pairing = pairingOf(state);
  const next = connectReducer(pairing, action);
  return next === pairing ? state : { ...state, pairing: next };
}

type DnsCheckAction = Extract<
  WizardAction,
  { type: 'dns-check-started' | 'dns-check-finished' | 'dns-check-failed' }
>;

/** The next state of a web address check, whichever of its two steps holds it. */
function nextCheck(
  check: Loadable<DnsReport> | undefined,
  action: DnsCheckAction,
): Loadable<DnsReport> | undefined {
  switch (action.type) {
    case 'dns-check-started':
      return check?.status === 'loading' ? check : { status: 'loading' };
    case 'dns-check-finished':
      return check?.status === 'loading' ? { status: 'loaded', value: action.report } : check;
    case 'dns-check-failed':
      return check?.status === 'loading' ? { status: 'failed', error: action.error } : check;
    default:
      return assertNever(action);
  }
}

/**
 * The web address check runs on its own step, or early on the secure step as soon as the
 * certificate check names the box; a result lands wherever the check is still awaited.
 */
function webAddressCheck(state: WizardState, action: DnsCheckAction): WizardState {
  if (state.step === 'web-address') {
    const check = nextCheck(state.check, action) ?? state.check;
    return check === state.check ? state : { ...state, check };
  }
  if (state.step === 'secure' && state.certificate?.status === 'done') {
    const webAddress = nextCheck(state.webAddress, action);
    return webAddress === state.webAddress || webAddress === undefined
      ? state
      : { ...state, webAddress };
  }
  return state;
}

/** The secure step showing a certificate already proven (Back from later steps): no re-run. */
function secureDone(
  flow: Flow,
  box: BoxInfo,
  report: CertificateReport,
  webAddress: Loadable<DnsReport>,
): WizardState {
  return {
    step: 'secure',
    flow,
    box,
    certificate: { status: 'done', target: boxAddress(box), report },
    webAddress,
  };
}

function back(state: WizardState): WizardState {
  switch (state.step) {
    case 'welcome':
      return state;
    case 'find-box':
      return { step: 'welcome' };
    case 'overview':
      // The session puts the list found earlier back (wizardSessionReducer).
      return renameBusy(state.rename)
        ? state
        : { step: 'find-box', flow: state.flow, scan: { status: 'idle' } };
    case 'wifi':
      return state.wifi.phase.kind === 'sending' || state.wifi.phase.kind === 'searching'
        ? state
        : { step: 'overview', flow: 'setup', box: state.box };
    case 'connect': {
      // Inside the step, Back leaves the summary or a failure for the form (what was typed
      // stays); it does nothing while the box restarts.
      const pairing = pairingOf(state);
      if (pairing.phase.kind === 'review' || pairing.phase.kind === 'failed') {
        return { ...state, pairing: connectReducer(pairing, { type: 'connect-edit' }) };
      }
      return connectBusy(pairing.phase)
        ? state
        : { step: 'overview', flow: 'setup', box: state.box };
    }
    case 'secure': {
      if (state.flow === 'setup') {
        return { step: 'connect', box: state.box };
      }
      // The overview then shows this computer's view of the certificate beside the box's own.
      const report = state.certificate?.status === 'done' ? state.certificate.report : null;
      return report === null
        ? { step: 'overview', flow: 'check', box: state.box }
        : { step: 'overview', flow: 'check', box: state.box, certificate: report };
    }
    case 'web-address':
      return secureDone(state.flow, state.box, state.certificate, state.check);
    case 'fix-dns':
      switch (state.from) {
        case 'welcome':
          return { step: 'welcome' };
        case 'web-address':
          // Back to the check, which runs again: the repair may have changed the answer.
          return {
            step: 'web-address',
            flow: state.flow,
            box: state.box,
            certificate: state.certificate,
            name: state.name,
            check: { status: 'idle' },
          };
        default:
          return assertNever(state);
      }
    case 'done':
      return {
        step: 'web-address',
        flow: state.flow,
        box: state.box,
        certificate: state.certificate,
        name: state.dns.name,
        check: { status: 'loaded', value: state.dns },
      };
    default:
      return assertNever(state);
  }
}

/** Where the user is in their flow's steps, or null outside a flow (welcome, DNS on its own). */
export function stepProgress(
  state: WizardState,
): { readonly steps: readonly FlowStep[]; readonly current: number } | null {
  if (state.step === 'welcome' || (state.step === 'fix-dns' && state.from === 'welcome')) {
    return null;
  }
  const flow = state.step === 'wifi' || state.step === 'connect' ? 'setup' : state.flow;
  const box = state.step === 'find-box' ? null : state.box;
  const steps: readonly FlowStep[] = FLOW_STEPS[flow].filter(
    (step) => step !== 'wifi' || box?.accessPoint === true || state.step === 'wifi',
  );
  // The repair belongs to the web address step, which sends the user there.
  const here: FlowStep = state.step === 'fix-dns' ? 'web-address' : state.step;
  return { steps, current: steps.indexOf(here) };
}

// ── overview ──

/** The overview's rename, or the state it starts in. */
export function renameOf(state: Extract<WizardState, { step: 'overview' }>): RenameView {
  return state.rename ?? initialRename('');
}

// ── connect (pairing) ──

/** The connect step's state, or the state it starts in for this box. */
export function pairingOf(state: Extract<WizardState, { step: 'connect' }>): ConnectPairing {
  return state.pairing ?? initialPairing(state.box);
}

/** A new name typed for one box (by its address): a name belongs to that box, not another. */
export type RenameDraft = { readonly box: string; readonly name: string };

/**
 * The wizard plus what it remembers across steps: what was typed on the connect and Wi-Fi steps
 * survives going Back, Cancel and coming again (another box too), except passwords; a new name
 * typed for a box, when that box's overview opens again; the find step's list is shown again when
 * the user comes back to it (with a renamed box under its new name).
 */
export type WizardSession = {
  readonly state: WizardState;
  readonly connectDraft: ConnectDraft;
  readonly wifiEssid: string;
  readonly renameDraft: RenameDraft | null;
  readonly found: readonly FoundBox[];
};

export const initialWizardSession: WizardSession = {
  state: initialWizardState,
  connectDraft: EMPTY_CONNECT_DRAFT,
  wifiEssid: '',
  renameDraft: null,
  found: [],
};

export type SessionAction =
  | WizardAction
  /** The "remember the enterprise code" setting: the default of the connect step's choice. */
  | { readonly type: 'remember-default-changed'; readonly remember: boolean };

function rememberDefault(session: WizardSession, remember: boolean): WizardSession {
  const { state } = session;
  const connectDraft = { ...session.connectDraft, remember };
  if (state.step !== 'connect') {
    return { ...session, connectDraft };
  }
  const pairing = pairingOf(state);
  return {
    ...session,
    connectDraft,
    state: { ...state, pairing: { ...pairing, draft: { ...pairing.draft, remember } } },
  };
}

export function wizardSessionReducer(session: WizardSession, action: SessionAction): WizardSession {
  if (action.type === 'remember-default-changed') {
    return rememberDefault(session, action.remember);
  }
  const previous = session.state;
  const next = wizardReducer(previous, action);
  if (next === previous) {
    return session;
  }
  const connectDraft =
    previous.step === 'connect' && next.step !== 'connect'
      ? forgetSecrets(pairingOf(previous).draft)
      : session.connectDraft;
  const wifiEssid =
    previous.step === 'wifi' && next.step !== 'wifi'
      ? previous.wifi.draft.essid
      : session.wifiEssid;
  const renameDraft =
    previous.step === 'overview' && next.step !== 'overview'
      ? { box: boxAddress(previous.box), name: renameOf(previous).draft }
      : session.renameDraft;
  const found =
    previous.step === 'find-box' && next.step !== 'find-box'
      ? (previous.boxes ?? [])
      : action.type === 'rename-finished' && next.step === 'overview'
        ? withRenamed(session.found, next.box)
        : session.found;
  let state = next;
  if (next.step === 'connect' && previous.step !== 'connect') {
    state = { ...next, pairing: initialPairing(next.box, connectDraft) };
  } else if (next.step === 'wifi' && previous.step !== 'wifi') {
    state = { ...next, wifi: initialWifi(wifiEssid) };
  } else if (next.step === 'overview' && previous.step !== 'overview') {
    const draft = renameDraft?.box === boxAddress(next.box) ? renameDraft.name : '';
    state = { ...next, rename: initialRename(draft) };
  } else if (next.step === 'find-box' && previous.step === 'overview' && found.length > 0) {
    state = { ...next, boxes: found };
  }
  return { state, connectDraft, wifiEssid, renameDraft, found };
}

/** The find step's list after a rename: the box at that address, as it came back. */
function withRenamed(found: readonly FoundBox[], box: BoxInfo): readonly FoundBox[] {
  return found.map((other) => (sameAddress(other, box) ? { ...other, ...box } : other));
}
