import { assertNever, type Failure, type Loadable } from '../../../electron/shared/result';

/*
 * The diagnostics report buttons' state: the report made for the current box (its support
 * summary), saving it, and copying the summary. Pure; the calls live in use-report.ts.
 */

export type SaveView =
  | { readonly status: 'idle' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved'; readonly location: string }
  /** The user closed the save dialog: nothing was written, nothing to report. */
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly error: Failure };

export type CopyView =
  | { readonly status: 'idle' }
  | { readonly status: 'copying' }
  | { readonly status: 'copied' }
  /** Neither the app nor the browser could reach the clipboard: the text is shown to select. */
  | { readonly status: 'failed' };

export type ReportView = {
  readonly created: Loadable<{ readonly summary: string }>;
  readonly save: SaveView;
  readonly copy: CopyView;
};

export type ReportAction =
  | { readonly type: 'report-creating' }
  | { readonly type: 'report-created'; readonly summary: string }
  | { readonly type: 'report-create-failed'; readonly error: Failure }
  | { readonly type: 'save-started' }
  | { readonly type: 'save-finished'; readonly location: string | null }
  | { readonly type: 'save-failed'; readonly error: Failure }
  | { readonly type: 'copy-started' }
  | { readonly type: 'copy-finished' }
  | { readonly type: 'copy-failed' };

export const initialReportView: ReportView = {
  created: { status: 'idle' },
  save: { status: 'idle' },
  copy: { status: 'idle' },
};

export function reportReducer(view: ReportView, action: ReportAction): ReportView {
  switch (action.type) {
    case 'report-creating':
      return view.created.status === 'loading' ? view : { ...view, created: { status: 'loading' } };
    case 'report-created':
      return view.created.status === 'loading'
        ? { ...view, created: { status: 'loaded', value: { summary: action.summary } } }
        : view;
    case 'report-create-failed':
      // Whatever was waiting for the report ends with it.
      return view.created.status === 'loading'
        ? {
            created: { status: 'failed', error: action.error },
            save: view.save.status === 'saving' ? { status: 'idle' } : view.save,
            copy: view.copy.status === 'copying' ? { status: 'idle' } : view.copy,
          }
        : view;
    case 'save-started':
      return view.save.status === 'saving' ? view : { ...view, save: { status: 'saving' } };
    case 'save-finished':
      return view.save.status === 'saving'
        ? {
            ...view,
            save:
              action.location === null
                ? { status: 'cancelled' }
                : { status: 'saved', location: action.location },
          }
        : view;
    case 'save-failed':
      return view.save.status === 'saving'
        ? { ...view, save: { status: 'failed', error: action.error } }
        : view;
    case 'copy-started':
      return view.copy.status === 'copying' ? view : { ...view, copy: { status: 'copying' } };
    case 'copy-finished':
      return view.copy.status === 'copying' ? { ...view, copy: { status: 'copied' } } : view;
    case 'copy-failed':
      return view.copy.status === 'copying' ? { ...view, copy: { status: 'failed' } } : view;
    default:
      return assertNever(action);
  }
}
