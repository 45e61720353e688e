import { useCallback, useEffect, useState } from 'react';

import type { DnsJournalSummary } from '../../../electron/shared/schemas/dns';
import type { Failure } from '../../../electron/shared/result';
import { assistant } from '../api';

/** Journal states with something to restore: a change still open, or one the user kept. */
const RESTORABLE = new Set<DnsJournalSummary['state']>([
  'applying',
  'awaiting-confirmation',
  'confirmed',
  'rolling-back',
  'restoring',
]);

/** States a finished change never stays in: found at start, the app stopped mid-change. */
const INTERRUPTED = new Set<DnsJournalSummary['state']>([
  'applying',
  'awaiting-confirmation',
  'rolling-back',
  'restoring',
]);

/** Failures after which the saved record can no longer be used: "Forget this change" is offered. */
const FORGETTABLE = new Set<Failure['code']>([
  'dns-restore-failed',
  'dns-journal-tampered',
  'dns-journal-unreadable',
]);

export type UndoView =
  | { readonly status: 'idle' }
  | { readonly status: 'restoring' }
  | { readonly status: 'restored'; readonly summary: DnsJournalSummary }
  | { readonly status: 'failed'; readonly error: Failure }
  | { readonly status: 'forgotten' };

/** The DNS change journal as the UI needs it: whether to offer Undo or Forget, and both. */
export function useDnsUndo(): {
  journal: DnsJournalSummary | null;
  /** Why the saved record cannot be used (changed outside the assistant, unreadable…). */
  problem: Failure | null;
  restorable: boolean;
  interrupted: boolean;
  forgettable: boolean;
  promptWaiting: boolean;
  view: UndoView;
  restore: () => void;
  forget: () => void;
} {
  const [journal, setJournal] = useState<DnsJournalSummary | null>(null);
  const [problem, setProblem] = useState<Failure | null>(null);
  const [view, setView] = useState<UndoView>({ status: 'idle' });
  const [promptWaiting, setPromptWaiting] = useState(false);

  const load = useCallback(() => {
    void assistant()
      .getDnsJournal()
      .then((result) => {
        setJournal(result.ok ? result.value : null);
        setProblem(result.ok ? null : result.error);
      });
  }, []);

  useEffect(() => {
    load();
    return assistant().onDnsPromptWaiting(({ action }) => setPromptWaiting(action === 'restore'));
  }, [load]);

  const restore = useCallback(() => {
    setView({ status: 'restoring' });
    setPromptWaiting(false);
    void assistant()
      .restoreDns()
      .then((result) => {
        setPromptWaiting(false);
        if (result.ok) {
          setJournal(result.value);
          setView({ status: 'restored', summary: result.value });
        } else {
          setView({ status: 'failed', error: result.error });
          // Each adapter's result, as far as the restore got.
          load();
        }
      });
  }, [load]);

  const forget = useCallback(() => {
    void assistant()
      .forgetDnsChange()
      .then((result) => {
        if (result.ok) {
          setJournal(null);
          setProblem(null);
          setView({ status: 'forgotten' });
        } else {
          setView({ status: 'failed', error: result.error });
        }
      });
  }, []);

  const failed = view.status === 'failed' ? view.error : problem;
  return {
    journal,
    problem,
    restorable: journal !== null && RESTORABLE.has(journal.state),
    interrupted: journal !== null && INTERRUPTED.has(journal.state),
    forgettable: failed !== null && FORGETTABLE.has(failed.code),
    promptWaiting,
    view,
    restore,
    forget,
  };
}
