import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import {
  mergeSettings,
  type AppInfo,
  type Settings,
  type SettingsPatch,
} from '../../electron/shared/schemas/app';
import { resolveLanguage } from '../../electron/shared/languages';
import { assistant } from './api';
import { LanguageSwitcher } from './components/language-switcher';
import { SettingsPanel } from './components/settings-panel';
import { StepProgress } from './components/step-progress';
import { WelcomeStep } from './wizard/steps/welcome-step';
import { useWizard } from './wizard/use-wizard';
import { pairingOf, renameOf, stepProgress } from './wizard/wizard-state';

// Every step after Welcome is its own file, fetched (from the app itself) when first reached:
// the window's first load carries the shell and the welcome screen only.
const FindBoxStep = lazy(() =>
  import('./wizard/steps/find-box-step').then((step) => ({ default: step.FindBoxStep })),
);
const OverviewStep = lazy(() =>
  import('./wizard/steps/overview-step').then((step) => ({ default: step.OverviewStep })),
);
const WifiStep = lazy(() =>
  import('./wizard/steps/wifi-step').then((step) => ({ default: step.WifiStep })),
);
const ConnectStep = lazy(() =>
  import('./wizard/steps/connect-step').then((step) => ({ default: step.ConnectStep })),
);
const SecureStep = lazy(() =>
  import('./wizard/steps/secure-step').then((step) => ({ default: step.SecureStep })),
);
const WebAddressStep = lazy(() =>
  import('./wizard/steps/web-address-step').then((step) => ({ default: step.WebAddressStep })),
);
const FixDnsStep = lazy(() =>
  import('./wizard/steps/fix-dns-step').then((step) => ({ default: step.FixDnsStep })),
);
const DoneStep = lazy(() =>
  import('./wizard/steps/done-step').then((step) => ({ default: step.DoneStep })),
);

export function App({ info, initialSettings }: { info: AppInfo; initialSettings: Settings }) {
  const { t, i18n } = useTranslation();
  const [settings, setSettings] = useState(initialSettings);
  const wizard = useWizard(settings.rememberEnterpriseCode);

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
  const progress = stepProgress(state);
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <img src="./icon.svg" alt="" width="32" height="32" />
          <h1>{t('app.name')}</h1>
        </div>
        <div className="header-tools">
          <LanguageSwitcher value={settings.language} onChange={changeLanguage} />
          <SettingsPanel settings={settings} info={info} onChange={updateSettings} />
        </div>
      </header>
      <main className="app-main">
        {progress !== null && <StepProgress steps={progress.steps} current={progress.current} />}
        <Suspense fallback={null}>
          {state.step === 'welcome' && (
            <WelcomeStep onStart={wizard.start} onRepairDns={wizard.repairDns} />
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
          {/* ── overview ── */}
          {state.step === 'overview' && (
            <OverviewStep
              box={state.box}
              flow={state.flow}
              certificate={state.certificate ?? null}
              rename={renameOf(state)}
              renameActions={wizard.rename}
              onContinue={wizard.continueFromOverview}
              onBack={wizard.back}
              onCancel={wizard.cancel}
            />
          )}
          {/* ── wifi (access-point boxes) ── */}
          {state.step === 'wifi' && (
            <WifiStep
              box={state.box}
              wifi={state.wifi}
              onEdit={wizard.editWifi}
              onSend={wizard.sendWifi}
              onSkip={wizard.skipWifi}
              onFindAgain={wizard.findAgain}
              onContinue={wizard.continueWithJoinedBox}
              onBack={wizard.back}
              onCancel={wizard.cancel}
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
              onCancel={wizard.cancel}
            />
          )}
          {/* ── secure (certificate) ── */}
          {state.step === 'secure' && (
            <SecureStep
              box={state.box}
              check={state.certificate}
              webAddress={state.webAddress}
              onCheck={wizard.checkCertificate}
              onStopWaiting={wizard.stopCertificateWait}
              onContinue={wizard.acceptCertificate}
              onBack={wizard.back}
              onCancel={() => {
                // Leaving ends the wait too; the box keeps trying on its own.
                wizard.stopCertificateWait();
                wizard.cancel();
              }}
            />
          )}
          {/* ── web-address (DNS check) ── */}
          {state.step === 'web-address' && (
            <WebAddressStep
              box={state.box}
              name={state.name}
              check={state.check}
              onCheck={wizard.checkWebAddress}
              onContinue={wizard.acceptWebAddress}
              onRepairDns={wizard.repairDns}
              onBack={wizard.back}
              onCancel={wizard.cancel}
            />
          )}
          {/* ── fix-dns (DNS repair) ── */}
          {state.step === 'fix-dns' && (
            <FixDnsStep
              box={state.box}
              name={state.from === 'welcome' ? null : state.name}
              known={state.from === 'welcome' ? null : state.report}
              onBack={wizard.back}
            />
          )}
          {/* ── done ── */}
          {state.step === 'done' && (
            <DoneStep
              flow={state.flow}
              box={state.box}
              certificate={state.certificate}
              dns={state.dns}
              onBack={wizard.back}
              onFinish={wizard.cancel}
            />
          )}
        </Suspense>
      </main>
      <footer className="app-footer">
        <p className="muted">{t('app.tagline')}</p>
      </footer>
    </div>
  );
}
