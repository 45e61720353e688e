import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { RememberedDatabase } from '../../../electron/shared/schemas/pairing';

/**
 * Databases whose credentials this computer remembers: each can be used for this box (on the
 * connect step) and forgotten. Only the address, the name and a shortened ID are shown; the
 * enterprise code stays in the keychain.
 */
export function RememberedDatabases({
  entries,
  onUse,
  onForget,
}: {
  entries: readonly RememberedDatabase[];
  onUse?: (entry: RememberedDatabase) => void;
  onForget: (entry: RememberedDatabase) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  if (entries.length === 0) {
    return null;
  }
  return (
    <section className="remembered" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('connect.remembered.title')}</h4>
      <p className="muted">{t('connect.remembered.description')}</p>
      <ul>
        {entries.map((entry) => {
          const names = {
            database: entry.database,
            serverUrl: entry.serverUrl,
            uuid: entry.dbUuidMasked,
          };
          return (
            <li key={entry.id}>
              <span>{t('connect.remembered.entry', names)}</span>
              <span className="actions">
                {onUse && (
                  <button
                    type="button"
                    className="primary"
                    aria-label={t('connect.remembered.useLabel', names)}
                    onClick={() => onUse(entry)}
                  >
                    {t('connect.remembered.use')}
                  </button>
                )}
                <button
                  type="button"
                  aria-label={t('connect.remembered.forgetLabel', names)}
                  onClick={() => onForget(entry)}
                >
                  {t('connect.remembered.forget')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
