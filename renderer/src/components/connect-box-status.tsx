import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../electron/shared/schemas/box';

/** The box's server connection and credentials as it reports them (never their values). */
export function ConnectBoxStatus({ box }: { box: BoxInfo }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="connect-facts">
        <dt>{t('connect.status.name')}</dt>
        <dd>{box.name ?? t('findBox.unnamed')}</dd>
        <dt>{t('connect.status.address')}</dt>
        <dd>{`${box.ip}:${box.port}`}</dd>
        <dt>{t('connect.status.server')}</dt>
        <dd>{box.serverUrl ?? t('connect.status.noServer')}</dd>
        <dt>{t('connect.status.credentials')}</dt>
        <dd>
          {box.credentialsSet
            ? t('connect.status.credentialsSet')
            : t('connect.status.credentialsMissing')}
        </dd>
      </dl>
      {box.serverUrl !== null && !box.credentialsSet && (
        <p className="notice-title">{t('connect.status.credentialsHint')}</p>
      )}
      {box.serverUrl === null && box.credentialsSet && (
        <p className="notice-title">{t('connect.status.noServerHint')}</p>
      )}
    </>
  );
}
