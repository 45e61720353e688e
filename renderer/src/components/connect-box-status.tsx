import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../electron/shared/schemas/box';
import { formatBoxAddress } from '../../../electron/shared/box-address';
import { useBoxName } from '../messages/use-box-name';

/** What the box says about its credentials: a database without a code has none to store. */
function credentialsKey(box: BoxInfo): string {
  if (box.dbUuidSet === null) {
    return 'connect.status.credentialsUnknown';
  }
  if (!box.dbUuidSet) {
    return 'connect.status.credentialsMissing';
  }
  return box.enterpriseCodeSet === false
    ? 'connect.status.credentialsNoCode'
    : 'connect.status.credentialsSet';
}

/** The box's server connection and credentials as it reports them (never their values). */
export function ConnectBoxStatus({ box }: { box: BoxInfo }) {
  const { t } = useTranslation();
  const nameOf = useBoxName();
  return (
    <>
      <dl className="connect-facts">
        <dt>{t('connect.status.name')}</dt>
        <dd>{nameOf(box)}</dd>
        <dt>{t('connect.status.address')}</dt>
        <dd>{formatBoxAddress(box.address)}</dd>
        <dt>{t('connect.status.server')}</dt>
        <dd>{box.serverUrl ?? t('connect.status.noServer')}</dd>
        <dt>{t('connect.status.credentials')}</dt>
        <dd>{t(credentialsKey(box))}</dd>
      </dl>
      {box.serverUrl !== null && box.dbUuidSet === false && (
        <p className="notice-title">{t('connect.status.credentialsHint')}</p>
      )}
      {box.serverUrl === null && box.dbUuidSet === true && (
        <p className="notice-title">{t('connect.status.noServerHint')}</p>
      )}
    </>
  );
}
