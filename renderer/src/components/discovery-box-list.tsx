import { useTranslation } from 'react-i18next';

import type { FoundBox } from '../../../electron/shared/schemas/discovery';
import { formatBoxAddress } from '../../../electron/shared/box-address';

/** The confirmed boxes, each with what is known about it and a button to continue with it. */
export function DiscoveryBoxList({
  boxes,
  onChoose,
}: {
  boxes: readonly FoundBox[];
  onChoose: (box: FoundBox) => void;
}) {
  const { t } = useTranslation();
  if (boxes.length === 0) {
    return null;
  }
  return (
    <ul className="box-list" aria-label={t('findBox.listLabel')}>
      {boxes.map((box) => {
        const name = box.name ?? t('findBox.unnamed');
        const address = formatBoxAddress(box.address);
        return (
          <li key={address} className="box-card">
            <p className="box-name">
              <strong>{name}</strong> <span className="muted">{address}</span>
            </p>
            <p className="muted">
              {[box.version, box.system].filter((part) => part !== null).join(' · ')}
            </p>
            <p>
              {box.serverUrl === null
                ? t('findBox.notConnected')
                : t('findBox.connectedTo', { server: box.serverUrl })}
            </p>
            {box.accessPoint && <p className="notice-title">{t('findBox.accessPoint')}</p>}
            {box.alsoClaimedBy.length > 0 && (
              <p className="notice notice-problem" role="note">
                {t('findBox.sameIdentity', {
                  addresses: box.alsoClaimedBy.map(formatBoxAddress).join(', '),
                })}
              </p>
            )}
            <p className="muted">
              {t('findBox.foundByLabel')}:{' '}
              {box.foundBy.map((channel) => t(`findBox.foundBy.${channel}`)).join(', ')}
            </p>
            {/* The visible text names the box, so speech and screen readers use the same words. */}
            <button type="button" className="primary" onClick={() => onChoose(box)}>
              {t('findBox.chooseNamed', { name, address })}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
