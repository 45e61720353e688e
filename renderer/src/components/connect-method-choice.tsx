import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { ConnectMethod } from '../wizard/connect-state';

/** Best first: the box pairs itself (its code, or Odoo finding it), then what needs Odoo's help. */
const METHODS = [
  { method: 'code', label: 'connect.method.code', hint: 'connect.method.codeHint' },
  { method: 'find', label: 'connect.method.find', hint: 'connect.method.findHint' },
  { method: 'token', label: 'connect.method.token', hint: 'connect.method.tokenHint' },
  { method: 'sign-in', label: 'connect.method.signIn', hint: 'connect.method.signInHint' },
] as const satisfies readonly { method: ConnectMethod; label: string; hint: string }[];

/** The ways to connect, as native radio buttons (arrow keys move between them). */
export function ConnectMethodChoice({
  value,
  labelledBy,
  disabled,
  onChange,
}: {
  value: ConnectMethod;
  /** The id of the heading that names the choice. */
  labelledBy: string;
  disabled: boolean;
  onChange: (method: ConnectMethod) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <div role="radiogroup" aria-labelledby={labelledBy} className="connect-methods">
      {METHODS.map((option) => {
        const id = `${name}-${option.method}`;
        return (
          <div key={option.method} className="connect-method">
            <input
              type="radio"
              id={id}
              name={name}
              value={option.method}
              checked={value === option.method}
              disabled={disabled}
              aria-describedby={`${id}-hint`}
              onChange={() => onChange(option.method)}
            />
            <label htmlFor={id}>{t(option.label)}</label>
            <p id={`${id}-hint`} className="muted">
              {t(option.hint)}
            </p>
          </div>
        );
      })}
    </div>
  );
}
