import { useCallback, useEffect, useReducer } from 'react';

import type { DnsFixKind, DnsReport, RouterFamily } from '../../../electron/shared/schemas/dns';
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

  /**
   * The one check, for "Check" and "Check again" alike: the verdict with its plans, and once the
   * name resolves, the secure connection, so the result shown is one consistent answer.
   */
  const check = useCallback((target: string, expectedIp?: string, attempt?: DnsFixKind) => {
    dispatch(
      attempt === undefined ? { type: 'check-started' } : { type: 'check-started', attempt },
    );
    void (async () => {
      const diagnosed = await assistant().diagnoseDns(
        expectedIp === undefined ? { target } : { target, expectedIp },
      );
      if (!diagnosed.ok) {
        dispatch({ type: 'check-failed', error: diagnosed.error });
        return;
      }
      const report = diagnosed.value;
      const [planned, https] = await Promise.all([
        assistant().planDnsFix(report, null),
        report.verdict === 'ok'
          ? assistant().recheckDns({ name: report.name, expectedIp: report.expectedIp })
          : Promise.resolve(null),
      ]);
      dispatch({
        type: 'checked',
        report,
        plans: planned.ok ? planned.value.plans : [],
        https: https?.ok ? https.value : null,
      });
    })();
  }, []);

  /** A verdict already gathered (by the web address step): its plans, without asking DNS again. */
  const show = useCallback((report: DnsReport) => {
    dispatch({ type: 'check-started' });
    void assistant()
      .planDnsFix(report, null)
      .then((planned) =>
        dispatch({
          type: 'checked',
          report,
          plans: planned.ok ? planned.value.plans : [],
          https: null,
        }),
      );
  }, []);

  const correctRouter = useCallback((report: DnsReport, family: RouterFamily) => {
    void assistant()
      .planDnsFix(report, family)
      .then((planned) => {
        if (planned.ok) {
          dispatch({ type: 'router-corrected', ...planned.value });
        }
      });
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

  return { state, check, show, correctRouter, apply, confirmApply, cancelApply, keep, undo };
}
