import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { DnsChangeView } from '../wizard/dns-repair-state';
import { FailureNotice } from './failure-notice';

/** The change of this computer's DNS: progress, the keep/undo choice with its countdown, result. */
export function DnsChangePanel({
  change,
  onKeep,
  onUndo,
}: {
  change: DnsChangeView;
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
    case 'applying':
      return <p>{t('dns.change.applying')}</p>;
    case 'undoing':
      return <p>{t('dns.change.undoing')}</p>;
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
      return <p className="notice">{t('dns.change.restored')}</p>;
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
