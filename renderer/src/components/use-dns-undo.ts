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

export type UndoView =
  | { readonly status: 'idle' }
  | { readonly status: 'restoring' }
  | { readonly status: 'restored' }
  | { readonly status: 'failed'; readonly error: Failure };

/** The DNS change journal as the UI needs it: whether to offer Undo, and Undo itself. */
export function useDnsUndo(): {
  journal: DnsJournalSummary | null;
  restorable: boolean;
  interrupted: boolean;
  view: UndoView;
  restore: () => void;
} {
  const [journal, setJournal] = useState<DnsJournalSummary | null>(null);
  const [view, setView] = useState<UndoView>({ status: 'idle' });

  useEffect(() => {
    void assistant()
      .getDnsJournal()
      .then((result) => setJournal(result.ok ? result.value : null));
  }, []);

  const restore = useCallback(() => {
    setView({ status: 'restoring' });
    void assistant()
      .restoreDns()
      .then((result) => {
        if (result.ok) {
          setJournal(result.value);
          setView({ status: 'restored' });
        } else {
          setView({ status: 'failed', error: result.error });
        }
      });
  }, []);

  return {
    journal,
    restorable: journal !== null && RESTORABLE.has(journal.state),
    interrupted: journal !== null && INTERRUPTED.has(journal.state),
    view,
    restore,
  };
}
