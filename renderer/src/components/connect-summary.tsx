import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../electron/shared/schemas/box';
import { failureKeys } from '../messages/failure-keys';
import type { ConnectPlan } from '../wizard/connect-state';
import { formatBoxAddress } from '../../../electron/shared/box-address';
import { useBoxName } from '../messages/use-box-name';

/** Odoo's `YYYY-MM-DD HH:MM:SS` (UTC) as a date in the user's language; as is if unreadable. */
function formatOdooDate(value: string, language: string): string {
  const date = new Date(`${value.trim().replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime())
    ? value
    : new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * What will be sent, masked: the database ID's first 8 characters, never the enterprise code
 * or the token. Database warnings are spelled out before anything is pushed.
 */
export function ConnectSummary({
  box,
  plan,
  remember,
  canRemember,
  onRememberChange,
}: {
  box: BoxInfo;
  plan: ConnectPlan;
  remember: boolean;
  /** Only where an OS keychain can encrypt the code. */
  canRemember: boolean;
  onRememberChange: (remember: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const nameOf = useBoxName();
  const rememberId = useId();
  const hidden = t('connect.summary.hidden');
  const boxLabel = `${nameOf(box)} (${formatBoxAddress(box.address)})`;
  if (plan.method === 'token') {
    const { summary } = plan;
    return (
      <div className="connect-summary">
        <p>{t('connect.summary.tokenSends')}</p>
        <dl className="connect-facts">
          <dt>{t('connect.summary.box')}</dt>
          <dd>{boxLabel}</dd>
          <dt>{t('connect.summary.server')}</dt>
          <dd>{summary.serverUrl}</dd>
          {summary.dbName !== null && (
            <>
              <dt>{t('connect.summary.databaseName')}</dt>
              <dd>{summary.dbName}</dd>
            </>
          )}
          <dt>{t('connect.summary.dbUuid')}</dt>
          <dd>{summary.dbUuidMasked}</dd>
          <dt>{t('connect.summary.enterpriseCode')}</dt>
          <dd>{hidden}</dd>
          <dt>{t('connect.summary.token')}</dt>
          <dd>{hidden}</dd>
        </dl>
        <p className="muted">{t('connect.summary.restartNote')}</p>
      </div>
    );
  }
  const { summary } = plan;
  return (
    <div className="connect-summary">
      <p>{t('connect.summary.credentialsSend')}</p>
      <dl className="connect-facts">
        <dt>{t('connect.summary.box')}</dt>
        <dd>{boxLabel}</dd>
        <dt>{t('connect.summary.readFrom')}</dt>
        <dd>
          {t('connect.summary.readFromValue', {
            database: summary.database,
            server: summary.serverUrl,
            version: summary.serverVersion,
          })}
        </dd>
        <dt>{t('connect.summary.dbUuid')}</dt>
        <dd>{summary.dbUuidMasked}</dd>
        <dt>{t('connect.summary.enterpriseCode')}</dt>
        <dd>{summary.enterpriseCodeSet ? hidden : t('connect.summary.noCode')}</dd>
        {summary.expirationDate !== null && (
          <>
            <dt>{t('connect.summary.expires')}</dt>
            <dd>{formatOdooDate(summary.expirationDate, i18n.language)}</dd>
          </>
        )}
      </dl>
      {summary.warnings.length > 0 && (
        <div className="notice notice-problem">
          <p className="notice-title">{t('connect.summary.warningsTitle')}</p>
          <ul className="connect-warnings">
            {summary.warnings.map((code) => {
              const keys = failureKeys({ code });
              return (
                <li key={code}>
                  <p className="notice-title">{t(keys.title)}</p>
                  <p>{t(keys.description)}</p>
                  <p className="notice-action">{t(keys.action)}</p>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {summary.enterpriseCodeSet ? (
        <p className="muted">{t('connect.summary.restartNote')}</p>
      ) : (
        <p className="notice-title">{t('connect.summary.cannotSend')}</p>
      )}
      {canRemember && summary.enterpriseCodeSet && (
        <div className="connect-remember">
          <input
            type="checkbox"
            id={rememberId}
            checked={remember}
            onChange={(event) => onRememberChange(event.target.checked)}
          />
          <label htmlFor={rememberId}>{t('connect.summary.remember')}</label>
        </div>
      )}
    </div>
  );
}
