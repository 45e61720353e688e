import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { DnsChangePreview, DnsJournalSummary } from '../../../electron/shared/schemas/dns';
import type { DnsChangeView } from '../wizard/dns-repair-state';
import { FailureNotice } from './failure-notice';

/** What the change touches, what it leaves alone, and what may still bypass it. */
export function DnsPreviewDetails({ preview }: { preview: DnsChangePreview }) {
  const { t } = useTranslation();
  // A connected VPN is said once, by its warning, not also as "left alone".
  const warned = new Set(
    preview.warnings.flatMap((warning) => (warning.kind === 'vpn-beside' ? [warning.label] : [])),
  );
  const notes = [
    ...preview.skipped
      .filter((skipped) => !(skipped.reason === 'vpn' && warned.has(skipped.label)))
      .map((skipped) =>
        t(skipped.reason === 'vpn' ? 'dns.change.skippedVpn' : 'dns.change.skippedVirtual', {
          label: skipped.label,
        }),
      ),
    ...preview.warnings.map((warning) =>
      warning.kind === 'vpn-beside'
        ? t('dns.change.vpnBeside', { label: warning.label })
        : t(
            warning.source === 'policy' ? 'dns.change.browserPolicy' : 'dns.change.browserSetting',
            {
              browser: t(`dns.browser.${warning.browser}`),
            },
          ),
    ),
  ];
  return (
    <div className="dns-preview">
      {preview.adapters.length > 0 && (
        <p>
          {t('dns.change.willChange', {
            adapters: preview.adapters.map((adapter) => adapter.label).join(', '),
          })}
        </p>
      )}
      {notes.length > 0 && (
        <ul>
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Each adapter's result after a restore: put back, gone (skipped), or failed. */
export function DnsRestoreResults({ summary }: { summary: DnsJournalSummary }) {
  const { t } = useTranslation();
  if (!summary.results || summary.results.length === 0) {
    return null;
  }
  return (
    <ul className="dns-results">
      {summary.results.map((result) => (
        <li key={result.label}>
          {t(`dns.change.results.${result.outcome}`, { label: result.label })}
        </li>
      ))}
    </ul>
  );
}

/** The OS's administrator prompt is up; it may be hidden behind this window. */
export function PromptWaiting() {
  const { t } = useTranslation();
  return <p className="notice notice-warning prompt-waiting">{t('dns.change.promptWaiting')}</p>;
}

/** The change of this computer's DNS: preview, progress, the keep/undo choice, and the result. */
export function DnsChangePanel({
  change,
  preview,
  promptWaiting,
  onConfirm,
  onCancel,
  onKeep,
  onUndo,
}: {
  change: DnsChangeView;
  preview: DnsChangePreview | null;
  promptWaiting: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  onKeep: (id: string) => void;
  onUndo: () => void;
}) {
  const { t } = useTranslation();
  const deadline = change.status === 'awaiting' ? change.summary.deadline : null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) {
      return undefined;
    }
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [deadline]);

  switch (change.status) {
    case 'idle':
      return null;
    case 'previewing':
      return <p>{t('dns.change.previewing')}</p>;
    case 'confirm':
      return (
        <div className="notice notice-warning">
          <DnsPreviewDetails preview={change.preview} />
          <div className="actions">
            <button type="button" className="primary" onClick={onConfirm}>
              {t('dns.change.continue')}
            </button>
            <button type="button" onClick={onCancel}>
              {t('dns.change.cancel')}
            </button>
          </div>
        </div>
      );
    case 'refused':
      return <FailureNotice failure={change.error} />;
    case 'applying':
      return (
        <>
          <p>{t('dns.change.applying')}</p>
          {preview && <DnsPreviewDetails preview={preview} />}
          {promptWaiting && <PromptWaiting />}
        </>
      );
    case 'undoing':
      return (
        <>
          <p>{t('dns.change.undoing')}</p>
          {promptWaiting && <PromptWaiting />}
        </>
      );
    case 'failed':
      return <FailureNotice failure={change.error} />;
    case 'kept':
      return (
        <div className="notice">
          <p>{t('dns.change.confirmed')}</p>
          <button type="button" onClick={onUndo}>
            {t('dns.change.undo')}
          </button>
        </div>
      );
    case 'restored':
      return (
        <div className="notice">
          <p>{t('dns.change.restored')}</p>
          <DnsRestoreResults summary={change.summary} />
        </div>
      );
    case 'rolled-back':
      return <p className="notice">{t('dns.change.rolledBack')}</p>;
    case 'awaiting': {
      const seconds = Math.max(0, Math.ceil(((deadline ?? now) - now) / 1_000));
      return (
        <div className="notice">
          <p>{t('dns.change.awaiting', { seconds })}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => onKeep(change.summary.id)}>
              {t('dns.change.keep')}
            </button>
            <button type="button" onClick={onUndo}>
              {t('dns.change.undo')}
            </button>
          </div>
        </div>
      );
    }
  }
}
