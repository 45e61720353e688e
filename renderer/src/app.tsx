import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { AppInfo, Settings } from '../../electron/shared/contract';
import { resolveLanguage } from '../../electron/shared/languages';
import { assistant } from './api';
import { LanguageSwitcher } from './components/language-switcher';
import { ConnectStep } from './wizard/steps/connect-step';
import { FindBoxStep } from './wizard/steps/find-box-step';
import { FixDnsStep } from './wizard/steps/fix-dns-step';
import { SecureStep } from './wizard/steps/secure-step';
import { WelcomeStep } from './wizard/steps/welcome-step';
import { useWizard } from './wizard/use-wizard';
import { STEP_ORDER, stepNumber } from './wizard/wizard-state';

export function App({ info, initialSettings }: { info: AppInfo; initialSettings: Settings }) {
  const { t, i18n } = useTranslation();
  const [settings, setSettings] = useState(initialSettings);
  const wizard = useWizard();

  const language =
    settings.language === 'system' ? resolveLanguage(info.preferredLanguages) : settings.language;

  useEffect(() => {
    document.documentElement.lang = language;
    void i18n.changeLanguage(language);
  }, [i18n, language]);

  useEffect(() => {
    if (settings.theme === 'system') {
      delete document.documentElement.dataset['theme'];
    } else {
      document.documentElement.dataset['theme'] = settings.theme;
    }
  }, [settings.theme]);

  const changeLanguage = useCallback((next: Settings['language']) => {
    setSettings((current) => ({ ...current, language: next }));
    void assistant()
      .setSettings({ language: next })
      .then((result) => {
        if (result.ok) {
          setSettings(result.value);
        }
      });
  }, []);

  const { state } = wizard;
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <img src="./icon.svg" alt="" width="32" height="32" />
          <h1>{t('app.name')}</h1>
        </div>
        <LanguageSwitcher value={settings.language} onChange={changeLanguage} />
      </header>
      <main className="app-main">
        <p className="step-progress">
          {t('steps.progress', { current: stepNumber(state), total: STEP_ORDER.length })}
        </p>
        {state.step === 'welcome' && <WelcomeStep onStart={wizard.start} />}
        {/* ── find-box (discovery) ── */}
        {state.step === 'find-box' && (
          <FindBoxStep scan={state.scan} onSearch={wizard.searchNetwork} onBack={wizard.back} />
        )}
        {/* ── connect (pairing) ── */}
        {state.step === 'connect' && <ConnectStep box={state.box} onBack={wizard.back} />}
        {/* ── secure (certificate) ── */}
        {state.step === 'secure' && <SecureStep box={state.box} onBack={wizard.back} />}
        {/* ── fix-dns (DNS repair) ── */}
        {state.step === 'fix-dns' && <FixDnsStep box={state.box} onBack={wizard.back} />}
      </main>
      <footer className="app-footer">
        <p className="muted">{t('app.tagline')}</p>
      </footer>
    </div>
  );
}
