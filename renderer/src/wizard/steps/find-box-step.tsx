import { useTranslation } from 'react-i18next';

import type { FoundBox } from '../../../../electron/shared/schemas/discovery';
import { DiscoveryBoxList } from '../../components/discovery-box-list';
import { DiscoveryManualAddress } from '../../components/discovery-manual-address';
import { FailureNotice } from '../../components/failure-notice';
import { StepHeading } from '../../components/step-heading';
import { StepActions } from '../../components/step-actions';
import { failureKeys } from '../../messages/failure-keys';
import type { WizardState } from '../wizard-state';

type FindBoxState = Extract<WizardState, { step: 'find-box' }>;

export function FindBoxStep({
  state,
  onSearch,
  onStop,
  onCheckAddress,
  onChoose,
  onBack,
}: {
  state: FindBoxState;
  onSearch: () => void;
  onStop: () => void;
  onCheckAddress: (address: string) => void;
  onChoose: (box: FoundBox) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { scan, progress } = state;
  const boxes = state.boxes ?? [];
  const busy = scan.status === 'loading';
  const stopped = scan.status === 'failed' && scan.error.code === 'cancelled';
  const reasons = scan.status === 'loaded' && boxes.length === 0 ? scan.value.reasons : [];
  return (
    <section className="step">
      <StepHeading>{t('findBox.title')}</StepHeading>
      <p>{t('findBox.intro')}</p>
      <div aria-live="polite" className="live-region">
        {busy && <p>{t('findBox.searching')}</p>}
        {busy && progress !== undefined && progress.total > 0 && (
          <p>
            <progress value={progress.probed} max={progress.total} aria-hidden="true" />{' '}
            {t('findBox.progress', { probed: progress.probed, total: progress.total })}
          </p>
        )}
        {(busy || scan.status === 'loaded' || boxes.length > 0) && (
          <p>{t('findBox.found', { count: boxes.length })}</p>
        )}
        {scan.status === 'loaded' && <p>{t('findBox.finished')}</p>}
        {stopped && <p>{t('findBox.stopped')}</p>}
        {scan.status === 'failed' && !stopped && <FailureNotice failure={scan.error} />}
        {reasons.map((code) => {
          const keys = failureKeys({ code });
          return (
            <div key={code} className="notice">
              <p className="notice-title">{t(keys.title)}</p>
              <p>{t(keys.description)}</p>
              <p className="notice-action">{t(keys.action)}</p>
            </div>
          );
        })}
      </div>
      <DiscoveryBoxList boxes={boxes} onChoose={onChoose} />
      <DiscoveryManualAddress check={state.manual} onCheck={onCheckAddress} />
      <p className="muted">{t('findBox.accessPointHint')}</p>
      <StepActions>
        <button type="button" onClick={onBack}>
          {t('steps.back')}
        </button>
        {busy ? (
          <button type="button" onClick={onStop}>
            {t('findBox.stop')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={onSearch}>
            {t('findBox.search')}
          </button>
        )}
      </StepActions>
    </section>
  );
}
