import { useCallback, useEffect, useReducer } from 'react';

import type { DnsReport } from '../../../electron/shared/schemas/dns';
import { assistant } from '../api';
import { dnsRepairReducer, initialDnsRepairState, previewDecision } from './dns-repair-state';

/** The DNS repair flow's calls to the assistant; state transitions stay in the pure reducer. */
export function useDnsRepair() {
  const [state, dispatch] = useReducer(dnsRepairReducer, initialDnsRepairState);

  useEffect(() => {
    void assistant()
      .getDnsJournal()
      .then((result) => {
        if (result.ok) {
          dispatch({ type: 'journal-found', summary: result.value });
        }
      });
    const stopRollback = assistant().onDnsFixRolledBack((summary) =>
      dispatch({ type: 'change-rolled-back', summary }),
    );
    const stopPrompt = assistant().onDnsPromptWaiting(() => dispatch({ type: 'prompt-waiting' }));
    return () => {
      stopRollback();
      stopPrompt();
    };
  }, []);

  const check = useCallback((target: string, expectedIp?: string) => {
    dispatch({ type: 'check-started' });
    void (async () => {
      const diagnosed = await assistant().diagnoseDns(
        expectedIp === undefined ? { target } : { target, expectedIp },
      );
      if (!diagnosed.ok) {
        dispatch({ type: 'check-failed', error: diagnosed.error });
        return;
      }
      const plans = await assistant().planDnsFix(diagnosed.value);
      dispatch({ type: 'checked', report: diagnosed.value, plans: plans.ok ? plans.value : [] });
    })();
  }, []);

  const change = useCallback((report: DnsReport) => {
    void assistant()
      .applyDnsFix({ name: report.name, expectedIp: report.expectedIp })
      .then((result) =>
        dispatch(
          result.ok
            ? { type: 'change-applied', summary: result.value }
            : { type: 'change-failed', error: result.error },
        ),
      );
  }, []);

  /** First what the change would touch; then straight on, or after the user read the warnings. */
  const apply = useCallback(
    (report: DnsReport) => {
      dispatch({ type: 'preview-started' });
      void assistant()
        .previewDnsFix()
        .then((result) => {
          if (!result.ok) {
            dispatch({ type: 'change-failed', error: result.error });
            return;
          }
          dispatch({ type: 'previewed', preview: result.value });
          if (previewDecision(result.value) === 'go') {
            change(report);
          }
        });
    },
    [change],
  );

  const confirmApply = useCallback(
    (report: DnsReport) => {
      dispatch({ type: 'change-started' });
      change(report);
    },
    [change],
  );

  const cancelApply = useCallback(() => dispatch({ type: 'preview-cancelled' }), []);

  const keep = useCallback((id: string) => {
    void assistant()
      .confirmDnsFix({ id })
      .then((result) => {
        if (result.ok) {
          dispatch({ type: 'change-kept', summary: result.value });
        }
      });
  }, []);

  const undo = useCallback(() => {
    dispatch({ type: 'undo-started' });
    void assistant()
      .restoreDns()
      .then((result) =>
        dispatch(
          result.ok
            ? { type: 'change-restored', summary: result.value }
            : { type: 'change-failed', error: result.error },
        ),
      );
  }, []);

  const recheck = useCallback((report: DnsReport) => {
    dispatch({ type: 'recheck-started' });
    void assistant()
      .recheckDns({ name: report.name, expectedIp: report.expectedIp })
      .then((result) =>
        dispatch(
          result.ok
            ? { type: 'rechecked', recheck: result.value }
            : { type: 'recheck-failed', error: result.error },
        ),
      );
  }, []);

  return { state, check, apply, confirmApply, cancelApply, keep, undo, recheck };
}
