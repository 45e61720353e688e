import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import {
  ThemeSchema,
  type AppInfo,
  type Settings,
  type SettingsPatch,
} from '../../../electron/shared/schemas/app';
import { assistant } from '../api';
import { RememberedDatabases } from './remembered-databases';
import { SettingsDnsReferences } from './settings-dns-references';
import { useRememberedDatabases } from './use-remembered-databases';
import { SettingsDnsUndo } from './settings-dns-undo';

/**
 * The small settings panel: theme, update checks, remembering the enterprise code (and forgetting
 * what was remembered) and the DNS undo (language sits in the header).
 */
export function SettingsPanel({
  settings,
  info,
  onChange,
}: {
  settings: Settings;
  /** Whether this app updates itself: the core's decision (update-trust.ts), never guessed here. */
  info: Pick<AppInfo, 'selfUpdates'>;
  onChange: (patch: SettingsPatch) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const themeId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [keychain, setKeychain] = useState(false);
  const remembered = useRememberedDatabases(open && keychain);

  useEffect(() => {
    if (open) {
      void assistant()
        .checkKeychain()
        .then((result) => setKeychain(result.ok && result.value.available));
    }
  }, [open]);

  useEffect(() => {
    if (!open) {
      return undefined;
    }
    headingRef.current?.focus();
    // Escape closes the panel wherever focus is inside the window.
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        setOpen(false);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="settings">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {t('settings.open')}
      </button>
      {open && (
        <section id={panelId} className="settings-panel" aria-labelledby={`${panelId}-heading`}>
          <h2 id={`${panelId}-heading`} ref={headingRef} tabIndex={-1}>
            {t('settings.title')}
          </h2>
          <div className="field">
            <label htmlFor={themeId}>{t('settings.theme.label')}</label>
            <select
              id={themeId}
              value={settings.theme}
              onChange={(event) => {
                const theme = ThemeSchema.safeParse(event.target.value);
                if (theme.success) {
                  onChange({ theme: theme.data });
                }
              }}
            >
              {ThemeSchema.options.map((theme) => (
                <option key={theme} value={theme}>
                  {t(`settings.theme.${theme}`)}
                </option>
              ))}
            </select>
          </div>
          {info.selfUpdates && (
            <div className="field">
              <label>
                <input
                  type="checkbox"
                  checked={settings.autoUpdate}
                  onChange={(event) => onChange({ autoUpdate: event.target.checked })}
                />{' '}
                {t('settings.autoUpdate')}
              </label>
            </div>
          )}
          <div className="field">
            <label>
              <input
                type="checkbox"
                checked={settings.rememberEnterpriseCode && keychain}
                disabled={!keychain}
                aria-describedby={keychain ? undefined : `${panelId}-keychain`}
                onChange={(event) => onChange({ rememberEnterpriseCode: event.target.checked })}
              />{' '}
              {t('settings.remember')}
            </label>
            {!keychain && (
              <p id={`${panelId}-keychain`} className="muted">
                {t('settings.rememberUnavailable')}
              </p>
            )}
          </div>
          <RememberedDatabases entries={remembered.entries} onForget={remembered.forget} />
          <SettingsDnsUndo />
          <SettingsDnsReferences settings={settings} onChange={onChange} />
          <button type="button" onClick={() => setOpen(false)}>
            {t('settings.close')}
          </button>
        </section>
      )}
    </div>
  );
}
