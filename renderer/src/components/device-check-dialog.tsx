import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { DeviceCheckStart } from '../../../electron/shared/schemas/device-check';
import { useDeviceCheck } from '../device-check/use-device-check';
import { DeviceVerdict, useDeviceLabel, type ThisComputer } from './device-verdict';
import { FailureNotice } from './failure-notice';
import { QrCode } from './qr-code';

/**
 * "Check another device": a modal with the QR code and short address of a one-time page, the
 * firewall note before anything listens, then the device's verdict. Closing it closes the page.
 */
function DeviceCheckDialog({
  box,
  thisComputer,
  onClose,
}: {
  box: DeviceCheckStart;
  thisComputer: ThisComputer;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { view, restart } = useDeviceCheck(box);
  const label = useDeviceLabel();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) {
      element.showModal();
    }
  }, []);
  const time = (iso: string): string =>
    new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(iso));

  return (
    <dialog ref={dialog} className="device-check" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{t('deviceCheck.title')}</h2>
      {(view.phase === 'starting' || view.phase === 'waiting') && <p>{t('deviceCheck.intro')}</p>}
      {view.phase === 'waiting' && (
        <div className="device-check-code">
          <QrCode text={view.session.url} label={t('deviceCheck.qrLabel')} />
          <div>
            <p className="muted">{t('deviceCheck.addressLabel')}</p>
            <p>
              <code className="device-check-url">{view.session.url}</code>
            </p>
            <p className="muted">
              {t('deviceCheck.expires', { time: time(view.session.expiresAt) })}
            </p>
          </div>
        </div>
      )}
      <div aria-live="polite" className="live-region">
        {view.phase === 'starting' && <p role="status">{t('deviceCheck.starting')}</p>}
        {view.phase === 'waiting' && (
          <p role="status" className="device-check-status">
            {view.device === null
              ? t('deviceCheck.waiting')
              : t('deviceCheck.opened', { device: label(view.device) })}
          </p>
        )}
        {view.phase === 'failed' && <FailureNotice failure={view.error} />}
        {view.phase === 'expired' && (
          <p className="notice notice-problem" role="status">
            {t('deviceCheck.expired')}
          </p>
        )}
        {view.phase === 'result' && (
          <DeviceVerdict report={view.report} thisComputer={thisComputer} />
        )}
      </div>
      {(view.phase === 'starting' || view.phase === 'waiting') && (
        <>
          <p className="muted">{t('deviceCheck.onlyThese')}</p>
          <p className="notice notice-note">{t('deviceCheck.firewall')}</p>
        </>
      )}
      <div className="actions">
        {view.phase === 'waiting' && (
          <button type="button" onClick={restart}>
            {t('deviceCheck.newAddress')}
          </button>
        )}
        {(view.phase === 'result' || view.phase === 'expired' || view.phase === 'failed') && (
          <button type="button" onClick={restart}>
            {t('deviceCheck.again')}
          </button>
        )}
        <button type="button" className="primary" onClick={() => dialog.current?.close()}>
          {t('deviceCheck.close')}
        </button>
      </div>
    </dialog>
  );
}

/** The entry to the check: a button that opens the dialog (and with it, the page server). */
export function DeviceCheckEntry({
  box,
  thisComputer,
  hint = false,
}: {
  box: DeviceCheckStart;
  thisComputer: ThisComputer;
  /** Show the one-line question above the button. */
  hint?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="device-check-entry">
      {hint && <p className="muted">{t('deviceCheck.openHint')}</p>}
      <button type="button" onClick={() => setOpen(true)}>
        {t('deviceCheck.open')}
      </button>
      {open && (
        <DeviceCheckDialog box={box} thisComputer={thisComputer} onClose={() => setOpen(false)} />
      )}
    </div>
  );
}
