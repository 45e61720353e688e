import { useTranslation } from 'react-i18next';

import type { DiscoveryReport } from '../../../../electron/shared/contract';
import type { Loadable } from '../../../../electron/shared/result';
import { FailureNotice } from '../../components/failure-notice';
import { StepHeading } from '../../components/step-heading';

export function FindBoxStep({
  scan,
  onSearch,
  onBack,
}: {
  scan: Loadable<DiscoveryReport>;
  onSearch: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const busy = scan.status === 'loading';
  return (
    <section className="step">
      <StepHeading>{t('findBox.title')}</StepHeading>
      <p>{t('findBox.intro')}</p>
      <div aria-live="polite" className="live-region">
        {busy && <p>{t('findBox.searching')}</p>}
        {scan.status === 'failed' && <FailureNotice failure={scan.error} />}
      </div>
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('steps.back')}
        </button>
        <button type="button" className="primary" onClick={onSearch} disabled={busy}>
          {t('findBox.search')}
        </button>
      </div>
    </section>
  );
}
