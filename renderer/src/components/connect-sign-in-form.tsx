import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import type { Failure } from '../../../electron/shared/result';
import type { OdooSignInWith } from '../../../electron/shared/schemas/pairing';
import { signInReady, type ConnectDraft } from '../wizard/connect-state';
import { FailureNotice } from './failure-notice';

// The contract's limits, so an over-long paste is cut visibly in the field, not refused later.
const MAX = { url: 2048, login: 256, password: 1024, database: 128 } as const;

function TextField({
  label,
  hint,
  value,
  type = 'text',
  maxLength,
  onChange,
}: {
  label: string;
  hint?: string;
  value: string;
  type?: 'text' | 'password';
  maxLength: number;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        maxLength={maxLength}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        {...(hint === undefined ? {} : { 'aria-describedby': hintId })}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint !== undefined && (
        <p id={hintId} className="muted">
          {hint}
        </p>
      )}
    </div>
  );
}

/** Password or API key, as native radio buttons: the field below follows the choice. */
function SignInWithChoice({
  value,
  onChange,
}: {
  value: OdooSignInWith;
  onChange: (kind: OdooSignInWith) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="connect-secret-kind">
      <legend>{t('connect.signIn.kindLegend')}</legend>
      {(['password', 'api-key'] as const).map((kind) => (
        <label key={kind}>
          <input
            type="radio"
            name={name}
            value={kind}
            checked={value === kind}
            onChange={() => onChange(kind)}
          />{' '}
          {t(kind === 'password' ? 'connect.signIn.kindPassword' : 'connect.signIn.kindApiKey')}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Sign in to the database as an administrator; the core reads the UUID and enterprise code.
 * It goes through Odoo's external API (Custom plans only), so the plan's limit is said up front.
 * A plain http:// database on the network gets the secret only after the user has been warned
 * and chooses to send it unencrypted. Its submit button is the step's primary action, in the
 * step's bar.
 */
export function ConnectSignInForm({
  id,
  draft,
  reading,
  problem,
  onChange,
  onSubmit,
}: {
  id: string;
  draft: ConnectDraft;
  reading: boolean;
  problem: Failure | null;
  onChange: (patch: Partial<ConnectDraft>) => void;
  onSubmit: (options: { readonly allowUnencrypted: boolean }) => void;
}) {
  const { t } = useTranslation();
  const ready = signInReady(draft, reading);
  // Asked only when the server could not tell which database (or one was given before).
  const askDatabase = problem?.code === 'odoo-database-unknown' || draft.database !== '';
  const unencrypted = problem?.code === 'odoo-password-unencrypted';
  const apiKey = draft.signInWith === 'api-key';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (ready) {
      onSubmit({ allowUnencrypted: false });
    }
  };
  return (
    <form id={id} className="connect-form" onSubmit={submit}>
      <p className="muted">{t('connect.signIn.planNote')}</p>
      <fieldset disabled={reading} className="connect-fields">
        <TextField
          label={t('connect.signIn.url')}
          hint={t('connect.signIn.urlHint')}
          value={draft.url}
          maxLength={MAX.url}
          onChange={(url) => onChange({ url })}
        />
        <TextField
          label={t('connect.signIn.login')}
          value={draft.login}
          maxLength={MAX.login}
          onChange={(login) => onChange({ login })}
        />
        <SignInWithChoice
          value={draft.signInWith}
          onChange={(signInWith) => onChange({ signInWith })}
        />
        <TextField
          label={t(apiKey ? 'connect.signIn.apiKey' : 'connect.signIn.password')}
          hint={t(apiKey ? 'connect.signIn.apiKeyHint' : 'connect.signIn.passwordHint')}
          type="password"
          value={draft.password}
          maxLength={MAX.password}
          onChange={(password) => onChange({ password })}
        />
        {askDatabase && (
          <TextField
            label={t('connect.signIn.database')}
            hint={t('connect.signIn.databaseHint')}
            value={draft.database}
            maxLength={MAX.database}
            onChange={(database) => onChange({ database })}
          />
        )}
      </fieldset>
      <div aria-live="polite" className="live-region">
        {reading && <p>{t('connect.signIn.reading')}</p>}
        {problem !== null && <FailureNotice failure={problem} />}
      </div>
      {unencrypted && (
        <div className="actions">
          <button
            type="button"
            disabled={!ready}
            onClick={() => onSubmit({ allowUnencrypted: true })}
          >
            {t('connect.signIn.sendUnencrypted')}
          </button>
        </div>
      )}
    </form>
  );
}
