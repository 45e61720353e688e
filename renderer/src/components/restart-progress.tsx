import { useTranslation } from 'react-i18next';

import type { BoxRestartProgress } from '../../../electron/shared/schemas/pairing';

/** What is happening while the box applies a change and restarts, and how long it may take (connecting, renaming). */
export function RestartProgress({ progress }: { progress: BoxRestartProgress | null }) {
  const { t } = useTranslation();
  return (
    <div className="restart-progress">
      {/* Only the phase is announced; the elapsed time would be noise for a screen reader. */}
      <div aria-live="polite" className="live-region" role="status">
        <p>
          {progress === null
            ? t('connect.progress.sending')
            : t(`connect.progress.${progress.phase}`)}
        </p>
      </div>
      {progress !== null && (
        <p className="muted">
          {t('connect.progress.elapsed', {
            seconds: Math.round(progress.elapsedMs / 1000),
            minutes: Math.max(1, Math.round(progress.timeoutMs / 60_000)),
          })}
        </p>
      )}
      <p className="muted">{t('connect.progress.keepOn')}</p>
    </div>
  );
}
