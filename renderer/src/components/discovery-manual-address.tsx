import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { addressWaitHint, SHOW_WAIT_AFTER_MS } from '../../../electron/shared/address-check';
import type { AddressCheckProgress } from '../../../electron/shared/schemas/discovery';
import type { ManualCheck } from '../wizard/wizard-state';
import { FailureNotice } from './failure-notice';

/**
 * How long the patient check has waited, as a bar and in words (not spoken every tick: both are
 * hidden from screen readers), then a hint, spoken once: "still starting?" for an address that is
 * there but not answering as a box yet, or slowly, another for one that stays silent.
 */
function Waiting({ progress }: { progress: AddressCheckProgress }) {
  const { t } = useTranslation();
  if (progress.elapsedMs < SHOW_WAIT_AFTER_MS) {
    return null;
  }
  const hint = addressWaitHint(progress);
  return (
    <>
      <p>
        <progress value={progress.elapsedMs} max={progress.budgetMs} aria-hidden="true" />{' '}
        <span aria-hidden="true">
          {t('findBox.waiting', {
            address: progress.address,
            seconds: Math.round(progress.elapsedMs / 1000),
            total: Math.round(progress.budgetMs / 1000),
          })}
        </span>
      </p>
      {hint !== null && <p className="notice notice-note">{t(hint.key)}</p>}
    </>
  );
}

/**
 * "Know the box's address?": an address field checked by the core before the box is listed,
 * patiently (a box still starting or slow to answer is waited for, with visible progress).
 */
export function DiscoveryManualAddress({
  check,
  onCheck,
}: {
  check: ManualCheck | undefined;
  onCheck: (address: string) => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [address, setAddress] = useState('');
  const checking = check?.status === 'checking';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (address.trim() !== '') {
      onCheck(address.trim());
    }
  };
  return (
    <form className="manual-address" onSubmit={submit}>
      <h3>{t('findBox.manualTitle')}</h3>
      <label htmlFor={inputId}>{t('findBox.manualLabel')}</label>
      <input
        id={inputId}
        type="text"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={hintId}
        value={address}
        onChange={(event) => setAddress(event.target.value)}
      />
      <button type="submit" disabled={checking || address.trim() === ''}>
        {t('findBox.manualCheck')}
      </button>
      <p id={hintId} className="muted">
        {t('findBox.manualHint')}
      </p>
      <div aria-live="polite">
        {checking && <p>{t('findBox.checking', { address: check.address })}</p>}
        {checking && check.progress !== null && <Waiting progress={check.progress} />}
        {check?.status === 'failed' && <FailureNotice failure={check.error} />}
      </div>
    </form>
  );
}
