import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { Settings } from '../../../electron/shared/schemas/app';
import { LANGUAGES } from '../../../electron/shared/languages';

export function LanguageSwitcher({
  value,
  onChange,
}: {
  value: Settings['language'];
  onChange: (language: Settings['language']) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const next = event.target.value;
          const chosen = LANGUAGES.find((language) => language === next);
          onChange(chosen ?? 'system');
        }}
      >
        <option value="system">{t('language.system')}</option>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
