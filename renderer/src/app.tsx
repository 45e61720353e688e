import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import {
  mergeSettings,
  type AppInfo,
  type Settings,
  type SettingsPatch,
} from '../../electron/shared/contract';
import { resolveLanguage } from '../../electron/shared/languages';
import { assistant } from './api';
import { LanguageSwitcher } from './components/language-switcher';
import { SettingsPanel } from './components/settings-panel';
import { ConnectStep } from './wizard/steps/connect-step';
import { FindBoxStep } from './wizard/steps/find-box-step';
import { FixDnsStep } from './wizard/steps/fix-dns-step';
import { SecureStep } from './wizard/steps/secure-step';
import { WelcomeStep } from './wizard/steps/welcome-step';
import { useWizard } from './wizard/use-wizard';
import { pairingOf, STEP_ORDER, stepNumber } from './wizard/wizard-state';

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

  // Shown at once, then replaced by what the core saved (or kept if saving failed).
  const updateSettings = useCallback((patch: SettingsPatch) => {
    setSettings((current) => mergeSettings(current, patch));
    void assistant()
      .setSettings(patch)
      .then((result) => {
        if (result.ok) {
          setSettings(result.value);
        }
      });
  }, []);
  const changeLanguage = useCallback(
    (next: Settings['language']) => updateSettings({ language: next }),
    [updateSettings],
  );

  const { state } = wizard;
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <img src="./icon.svg" alt="" width="32" height="32" />
          <h1>{t('app.name')}</h1>
        </div>
        <div className="header-tools">
          <LanguageSwitcher value={settings.language} onChange={changeLanguage} />
          <SettingsPanel settings={settings} runtime={info.runtime} onChange={updateSettings} />
        </div>
      </header>
      <main className="app-main">
        <p className="step-progress">
          {t('steps.progress', { current: stepNumber(state), total: STEP_ORDER.length })}
        </p>
        {state.step === 'welcome' && (
          <WelcomeStep
            onStart={wizard.start}
            onCheckCertificate={wizard.openCertificateCheck}
            onRepairDns={wizard.repairDns}
          />
        )}
        {/* ── find-box (discovery) ── */}
        {state.step === 'find-box' && (
          <FindBoxStep
            state={state}
            onSearch={wizard.searchNetwork}
            onStop={wizard.stopSearch}
            onCheckAddress={wizard.checkAddress}
            onChoose={wizard.chooseBox}
            onBack={wizard.back}
          />
        )}
        {/* ── connect (pairing) ── */}
        {state.step === 'connect' && (
          <ConnectStep
            box={state.box}
            pairing={pairingOf(state)}
            actions={wizard.connect}
            onContinue={wizard.boxConnected}
            onBack={wizard.back}
          />
        )}
        {/* ── secure (certificate) ── */}
        {state.step === 'secure' && (
          <SecureStep
            box={state.box}
            check={state.certificate}
            onCheck={wizard.checkCertificate}
            onBack={wizard.back}
            onRepairDns={wizard.repairDns}
          />
        )}
        {/* ── fix-dns (DNS repair) ── */}
        {state.step === 'fix-dns' && <FixDnsStep box={state.box} onBack={wizard.back} />}
      </main>
      <footer className="app-footer">
        <p className="muted">{t('app.tagline')}</p>
      </footer>
    </div>
  );
}
