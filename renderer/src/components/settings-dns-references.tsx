import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import type { Settings, SettingsPatch } from '../../../electron/shared/schemas/app';
import {
  DohSettingSchema,
  ServerSpecSchema,
  type DnsReferencesView,
} from '../../../electron/shared/schemas/dns';
import { assistant } from '../api';

/**
 * Settings → Advanced: the public DNS servers and the DNS-over-HTTPS address the DNS check
 * compares with (empty: Google's). Environment variables win over these and are shown as such.
 */
export function SettingsDnsReferences({
  settings,
  onChange,
}: {
  settings: Settings;
  onChange: (patch: SettingsPatch) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [servers, setServers] = useState(settings.referenceDns.join(', '));
  const [doh, setDoh] = useState(settings.referenceDoh);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [current, setCurrent] = useState<DnsReferencesView | null>(null);
  useEffect(() => {
    void assistant()
      .getDnsReferences()
      .then((result) => setCurrent(result.ok ? result.value : null));
  }, [settings.referenceDns, settings.referenceDoh]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const list = servers
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    const bad = list.find((item) => !ServerSpecSchema.safeParse(item).success);
    const dohValue = doh.trim();
    if (bad !== undefined || list.length > 4) {
      setInvalid(bad ?? servers);
      return;
    }
    if (dohValue !== '' && !DohSettingSchema.safeParse(dohValue).success) {
      setInvalid(dohValue);
      return;
    }
    setInvalid(null);
    onChange({
      referenceDns: list,
      referenceDoh: dohValue === '' ? '' : DohSettingSchema.parse(dohValue),
    });
    setSaved(true);
  };

  return (
    <details className="settings-advanced">
      <summary>{t('settings.advanced.title')}</summary>
      <form onSubmit={save}>
        <div className="field">
          <label htmlFor={`${id}-servers`}>{t('settings.advanced.referenceDns')}</label>
          <input
            id={`${id}-servers`}
            value={servers}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-servers-hint`}
            onChange={(event) => setServers(event.target.value)}
          />
          <p id={`${id}-servers-hint`} className="muted">
            {current?.fromEnv.servers
              ? t('settings.advanced.fromEnv', { name: 'IOTBOX_REFERENCE_DNS' })
              : t('settings.advanced.referenceHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-doh`}>{t('settings.advanced.doh')}</label>
          <input
            id={`${id}-doh`}
            value={doh}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-doh-hint`}
            onChange={(event) => setDoh(event.target.value)}
          />
          <p id={`${id}-doh-hint`} className="muted">
            {current?.fromEnv.doh
              ? t('settings.advanced.fromEnv', { name: 'IOTBOX_DOH' })
              : t('settings.advanced.dohHint')}
          </p>
        </div>
        {invalid !== null && (
          <p className="notice notice-problem" role="alert">
            {t('settings.advanced.invalid', { value: invalid })}
          </p>
        )}
        {saved && (
          <p className="muted" role="status">
            {t('settings.advanced.saved')}
          </p>
        )}
        <button type="submit">{t('settings.advanced.save')}</button>
      </form>
    </details>
  );
}
