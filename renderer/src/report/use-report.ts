import { useCallback, useReducer, useRef } from 'react';

import { assistant } from '../api';
import { initialReportView, reportReducer } from './report-state';

/**
 * "Save report" and "Copy summary" for one box: the report is made once (every check runs, so
 * it takes a few seconds) and both buttons use it. Without an app clipboard (the browser
 * preview), the summary goes through the browser's own clipboard.
 */
export function useReport(target: string) {
  const [view, dispatch] = useReducer(reportReducer, initialReportView);
  // The summary of the report made for this view, so a second click does not re-run every check.
  const summary = useRef<Promise<string | null> | null>(null);

  const ensureReport = useCallback((): Promise<string | null> => {
    if (summary.current === null) {
      dispatch({ type: 'report-creating' });
      summary.current = assistant()
        .createReport(target)
        .then((result) => {
          if (!result.ok) {
            summary.current = null;
            dispatch({ type: 'report-create-failed', error: result.error });
            return null;
          }
          dispatch({ type: 'report-created', summary: result.value.summary });
          return result.value.summary;
        });
    }
    return summary.current;
  }, [target]);

  const save = useCallback(() => {
    dispatch({ type: 'save-started' });
    void (async () => {
      if ((await ensureReport()) === null) {
        return;
      }
      const saved = await assistant().saveReport();
      dispatch(
        saved.ok
          ? { type: 'save-finished', location: saved.value.saved ? saved.value.location : null }
          : { type: 'save-failed', error: saved.error },
      );
    })();
  }, [ensureReport]);

  const copy = useCallback(() => {
    dispatch({ type: 'copy-started' });
    void (async () => {
      const text = await ensureReport();
      if (text === null) {
        return;
      }
      const copied = await assistant().copyReportSummary();
      if (copied.ok) {
        dispatch({ type: 'copy-finished' });
        return;
      }
      try {
        await navigator.clipboard.writeText(text);
        dispatch({ type: 'copy-finished' });
      } catch {
        dispatch({ type: 'copy-failed' });
      }
    })();
  }, [ensureReport]);

  return { view, save, copy };
}
