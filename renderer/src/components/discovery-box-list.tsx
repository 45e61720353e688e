import { useTranslation } from 'react-i18next';

import { boxMarks, boxName } from '../../../electron/shared/box-identity';
import type { GuideText } from '../../../electron/shared/dns-guidance';
import type { FoundBox } from '../../../electron/shared/schemas/discovery';
import { formatBoxAddress } from '../../../electron/shared/box-address';

/**
 * The confirmed boxes as cards: each names the box (Odoo's own name for one without a host name),
 * what tells it apart (serial number or MAC, the pairing code it shows), where it is and what is
 * known about it, with a button to continue with it.
 */
export function DiscoveryBoxList({
  boxes,
  onChoose,
}: {
  boxes: readonly FoundBox[];
  onChoose: (box: FoundBox) => void;
}) {
  const { t } = useTranslation();
  const say = (text: GuideText): string => t(text.key, text.values ?? {});
  if (boxes.length === 0) {
    return null;
  }
  return (
    <ul className="box-cards" aria-label={t('findBox.listLabel')}>
      {boxes.map((box) => {
        const name = boxName(box, say);
        const address = formatBoxAddress(box.address);
        const details = [box.version, box.system].filter((part) => part !== null).join(' · ');
        return (
          <li key={address} className="box-card">
            <h3 className="box-card-name">{name}</h3>
            <p className="box-card-address">
              <code>{address}</code>
              {details !== '' && <span className="muted"> · {details}</span>}
            </p>
            <p className="box-card-marks">
              {boxMarks(box).map((mark) => (
                <span key={mark.key}>{say(mark)}</span>
              ))}
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
