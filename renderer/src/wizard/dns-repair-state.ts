import type {
  DnsChangePreview,
  DnsFixKind,
  DnsFixPlan,
  DnsJournalSummary,
  DnsManagedReason,
  DnsRecheck,
  DnsReport,
} from '../../../electron/shared/schemas/dns';
import { assertNever, type Failure, type Loadable } from '../../../electron/shared/result';

/*
 * The "Fix the box's web address" flow inside the fix-dns step: one check (the verdict, the
 * plans, and when the name resolves, the secure connection), run again by "Check again" and
 * after each fix the user tried; its result replaces the previous one. Also the change of this
 * computer's DNS (apply → keep/undo, or rolled back). Pure; the calls live in use-dns-repair.ts.
 */

/** One check's result: everything the page shows about the box's name, from one moment. */
export type DnsCheckResult = {
  readonly report: DnsReport;
  readonly plans: readonly DnsFixPlan[];
  /** The secure connection, checked once the name resolves; null otherwise. */
  readonly https: DnsRecheck | null;
  /** The fix the user had just tried when this check ran (to say whether it worked). */
  readonly attempt: DnsFixKind | null;
};

/** What the verdict means for the user: reached securely, found only, or still hidden. */
export function checkOutcome(result: DnsCheckResult): 'reachable' | 'found' | 'problem' {
  if (result.report.verdict !== 'ok') {
    return 'problem';
  }
  return result.https?.reachable === true ? 'reachable' : 'found';
}

export type DnsChangeView =
  | { readonly status: 'idle' }
  /** Asking the core what the change would touch (nothing is asked of the user yet). */
  | { readonly status: 'previewing' }
  /** Something to say before the administrator prompt: skipped adapters, warnings. */
  | { readonly status: 'confirm'; readonly preview: DnsChangePreview }
  /** A managed computer: refused before any prompt. */
  | { readonly status: 'refused'; readonly preview: DnsChangePreview; readonly error: Failure }
  | { readonly status: 'applying' }
  | { readonly status: 'awaiting'; readonly summary: DnsJournalSummary }
  | { readonly status: 'undoing'; readonly summary: DnsJournalSummary }
  | { readonly status: 'kept'; readonly summary: DnsJournalSummary }
  | { readonly status: 'restored'; readonly summary: DnsJournalSummary }
  | { readonly status: 'rolled-back'; readonly summary: DnsJournalSummary }
  | { readonly status: 'failed'; readonly error: Failure };

export type DnsRepairState = {
  readonly check: Loadable<DnsCheckResult>;
  /** The fix being checked now, carried into its result. */
  readonly attempt: DnsFixKind | null;
  readonly change: DnsChangeView;
  /** A change left open by an earlier run, offered for restore. */
  readonly openJournal: DnsJournalSummary | null;
  /** What the change touches, once previewed (shown while it runs). */
  readonly preview: DnsChangePreview | null;
  /** The OS's administrator prompt is up, possibly behind the window. */
  readonly promptWaiting: boolean;
};

const MANAGED_CODES = {
  'group-policy': 'dns-managed-group-policy',
  nrpt: 'dns-managed-nrpt',
  mdm: 'dns-managed-mdm',
  domain: 'dns-managed-domain',
  vpn: 'dns-managed-vpn',
} as const satisfies Record<DnsManagedReason, Failure['code']>;

/** What to do with a preview: refuse (managed), ask first (something to say), or go ahead. */
export function previewDecision(preview: DnsChangePreview): 'refuse' | 'confirm' | 'go' {
  if (preview.blockers.length > 0) {
    return 'refuse';
  }
  return preview.skipped.length > 0 || preview.warnings.length > 0 ? 'confirm' : 'go';
}

export type DnsRepairAction =
  | { readonly type: 'check-started'; readonly attempt?: DnsFixKind }
  | {
      readonly type: 'checked';
      readonly report: DnsReport;
      readonly plans: readonly DnsFixPlan[];
      readonly https: DnsRecheck | null;
    }
  | { readonly type: 'check-failed'; readonly error: Failure }
  | { readonly type: 'preview-started' }
  | { readonly type: 'previewed'; readonly preview: DnsChangePreview }
  | { readonly type: 'preview-cancelled' }
  | { readonly type: 'prompt-waiting' }
  /** The user chose their router: the report shows it, with the plans for it. */
  | {
      readonly type: 'router-corrected';
      readonly router: DnsReport['router'];
      readonly plans: readonly DnsFixPlan[];
    }
  | { readonly type: 'change-started' }
  | { readonly type: 'change-applied'; readonly summary: DnsJournalSummary }
  | { readonly type: 'change-failed'; readonly error: Failure }
  | { readonly type: 'change-kept'; readonly summary: DnsJournalSummary }
  | { readonly type: 'undo-started' }
  | { readonly type: 'change-restored'; readonly summary: DnsJournalSummary }
  | { readonly type: 'change-rolled-back'; readonly summary: DnsJournalSummary }
  | { readonly type: 'journal-found'; readonly summary: DnsJournalSummary | null };

export const initialDnsRepairState: DnsRepairState = {
  check: { status: 'idle' },
  attempt: null,
  change: { status: 'idle' },
  openJournal: null,
  preview: null,
  promptWaiting: false,
};

const BUSY = new Set<DnsChangeView['status']>(['previewing', 'applying', 'awaiting', 'undoing']);

const OPEN = ['applying', 'awaiting-confirmation', 'rolling-back', 'restoring'];

export function dnsRepairReducer(state: DnsRepairState, action: DnsRepairAction): DnsRepairState {
  switch (action.type) {
    case 'check-started':
      return state.check.status === 'loading'
        ? state
        : { ...state, check: { status: 'loading' }, attempt: action.attempt ?? null };
    case 'checked':
      return state.check.status === 'loading'
        ? {
            ...state,
            check: {
              status: 'loaded',
              value: {
                report: action.report,
                plans: action.plans,
                https: action.https,
                attempt: state.attempt,
              },
            },
            attempt: null,
          }
        : state;
    case 'router-corrected':
      return state.check.status === 'loaded'
        ? {
            ...state,
            check: {
              status: 'loaded',
              value: {
                ...state.check.value,
                report: { ...state.check.value.report, router: action.router },
                plans: action.plans,
              },
            },
          }
        : state;
    case 'check-failed':
      return state.check.status === 'loading'
        ? { ...state, check: { status: 'failed', error: action.error }, attempt: null }
        : state;
    case 'preview-started':
      return BUSY.has(state.change.status)
        ? state
        : {
            ...state,
            change: { status: 'previewing' },
            preview: null,
          };
    case 'previewed': {
      if (state.change.status !== 'previewing') {
        return state;
      }
      const decision = previewDecision(action.preview);
      const [reason = 'vpn'] = action.preview.blockers;
      return {
        ...state,
        preview: action.preview,
        change:
          decision === 'refuse'
            ? { status: 'refused', preview: action.preview, error: { code: MANAGED_CODES[reason] } }
            : decision === 'confirm'
              ? { status: 'confirm', preview: action.preview }
              : { status: 'applying' },
      };
    }
    case 'preview-cancelled':
      return state.change.status === 'confirm' ? { ...state, change: { status: 'idle' } } : state;
    case 'prompt-waiting':
      return state.change.status === 'applying' || state.change.status === 'undoing'
        ? { ...state, promptWaiting: true }
        : state;
    case 'change-started':
      return state.change.status === 'applying' || state.change.status === 'awaiting'
        ? state
        : { ...state, change: { status: 'applying' } };
    case 'change-applied':
      return state.change.status === 'applying'
        ? {
            ...state,
            change: { status: 'awaiting', summary: action.summary },
            promptWaiting: false,
          }
        : state;
    case 'change-failed':
      return state.change.status === 'applying' ||
        state.change.status === 'undoing' ||
        state.change.status === 'previewing'
        ? { ...state, change: { status: 'failed', error: action.error }, promptWaiting: false }
        : state;
    case 'change-kept':
      return state.change.status === 'awaiting'
        ? { ...state, change: { status: 'kept', summary: action.summary } }
        : state;
    case 'undo-started':
      return state.change.status === 'awaiting' || state.change.status === 'kept'
        ? { ...state, change: { status: 'undoing', summary: state.change.summary } }
        : state.openJournal
          ? { ...state, change: { status: 'undoing', summary: state.openJournal } }
          : state;
    case 'change-restored':
      return {
        ...state,
        change: { status: 'restored', summary: action.summary },
        openJournal: null,
        promptWaiting: false,
      };
    case 'change-rolled-back':
      return state.change.status === 'awaiting' && state.change.summary.id === action.summary.id
        ? { ...state, change: { status: 'rolled-back', summary: action.summary } }
        : state;
    case 'journal-found':
      return {
        ...state,
        openJournal: action.summary && OPEN.includes(action.summary.state) ? action.summary : null,
      };
    default:
      return assertNever(action);
  }
}
