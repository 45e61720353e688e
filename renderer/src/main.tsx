import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';

import { DEFAULT_SETTINGS, type AppInfo } from '../../electron/shared/schemas/app';
import { resolveLanguage } from '../../electron/shared/languages';
import { assistant } from './api';
import { App } from './app';
import { createI18n } from './i18n';
import './styles/app.css';

const FALLBACK_INFO: AppInfo = {
  name: 'IoT Box Assistant',
  version: '',
  platform: 'other',
  runtime: 'electron',
  preferredLanguages: [...navigator.languages],
  selfUpdates: false,
};

async function bootstrap(): Promise<void> {
  const [info, settings] = await Promise.all([assistant().getAppInfo(), assistant().getSettings()]);
  const appInfo = info.ok ? info.value : FALLBACK_INFO;
  const initialSettings = settings.ok ? settings.value : DEFAULT_SETTINGS;
  const language =
    initialSettings.language === 'system'
      ? resolveLanguage(appInfo.preferredLanguages)
      : initialSettings.language;
  const i18n = await createI18n(language);
  const container = document.getElementById('root');
  if (!container) {
    throw new Error('missing #root');
  }
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App info={appInfo} initialSettings={initialSettings} />
      </I18nextProvider>
    </StrictMode>,
  );
  await assistant().signalReady();
}

void bootstrap();
