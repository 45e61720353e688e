import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import type { ManualCheck } from '../wizard/wizard-state';
import { FailureNotice } from './failure-notice';

/** "Know the box's address?": an address field checked by the core before the box is listed. */
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
      <p id={hintId} className="muted">
        {t('findBox.manualHint')}
      </p>
      <button type="submit" disabled={checking || address.trim() === ''}>
        {t('findBox.manualCheck')}
      </button>
      <div aria-live="polite">
        {checking && <p>{t('findBox.checking', { address: check.address })}</p>}
        {check?.status === 'failed' && <FailureNotice failure={check.error} />}
      </div>
    </form>
  );
}
