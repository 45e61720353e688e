import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { tokenReady, type TokenCheck } from '../wizard/connect-state';
import { FailureNotice } from './failure-notice';

/**
 * The token from the IoT app's Connect dialog, checked against the box while the user pastes
 * or types; the summary opens only for a token the core accepted for this box. Its submit
 * button ("Review what will be sent") is the step's primary action, in the step's bar.
 */
export function ConnectTokenForm({
  id,
  token,
  check,
  onChange,
  onReview,
}: {
  id: string;
  token: string;
  check: TokenCheck;
  onChange: (token: string) => void;
  onReview: () => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (tokenReady(check)) {
      onReview();
    }
  };
  return (
    <form id={id} className="connect-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={inputId}>{t('connect.token.label')}</label>
        <input
          id={inputId}
          type="text"
          value={token}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-describedby={hintId}
          aria-invalid={check.status === 'invalid'}
          onChange={(event) => onChange(event.target.value)}
        />
        <p id={hintId} className="muted">
          {t('connect.token.hint')}
        </p>
      </div>
      <div aria-live="polite" className="live-region">
        {check.status === 'checking' && <p>{t('connect.token.checking')}</p>}
        {check.status === 'valid' && (
          <p className="connect-ok">
            {t('connect.token.valid', { server: check.summary.serverUrl })}
          </p>
        )}
        {check.status === 'invalid' && <FailureNotice failure={check.error} />}
      </div>
    </form>
  );
}
