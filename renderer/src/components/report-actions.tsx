import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { useReport } from '../report/use-report';
import { FailureNotice } from './failure-notice';

/**
 * "Save report" and "Copy summary" for support: shown on Done and wherever a check failed.
 * Progress and confirmations are spoken through the live region; the summary stays visible.
 */
export function ReportActions({ target }: { target: string }) {
  const { t } = useTranslation();
  const { view, save, copy } = useReport(target);
  const summaryId = useId();
  const creating = view.created.status === 'loading';
  const summary = view.created.status === 'loaded' ? view.created.value.summary : null;
  return (
    <section className="report-actions" aria-label={t('report.label')}>
      <div className="actions">
        <button type="button" onClick={save} disabled={view.save.status === 'saving'}>
          {t('report.save')}
        </button>
        <button type="button" onClick={copy} disabled={view.copy.status === 'copying'}>
          {t('report.copy')}
        </button>
      </div>
      <div aria-live="polite" className="live-region report-status">
        {creating && <p>{t('report.creating')}</p>}
        {view.created.status === 'failed' && <FailureNotice failure={view.created.error} />}
        {view.save.status === 'saved' && (
          <p className="notice notice-ok">
            {t('report.saved')} <code className="report-location">{view.save.location}</code>
          </p>
        )}
        {view.save.status === 'cancelled' && <p>{t('report.saveCancelled')}</p>}
        {view.save.status === 'failed' && <FailureNotice failure={view.save.error} />}
        {view.copy.status === 'copied' && <p className="notice notice-ok">{t('report.copied')}</p>}
        {view.copy.status === 'failed' && <p>{t('report.copyFailed')}</p>}
      </div>
      {summary !== null && (
        <div className="field report-summary">
          <label htmlFor={summaryId}>{t('report.summaryLabel')}</label>
          <textarea id={summaryId} readOnly rows={6} value={summary} spellCheck={false} />
        </div>
      )}
    </section>
  );
}
