import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createCore } from '../../../electron/core/create-core';
import { selfUpdateTrust } from '../../../electron/core/update/update-trust';
import { buildAssistantApi } from '../../../electron/preload/build-api';
import { DEFAULT_SETTINGS, type AppInfo } from '../../../electron/shared/schemas/app';
import { SettingsPanel } from '../../../renderer/src/components/settings-panel';
import { createI18n } from '../../../renderer/src/i18n';
import { testPorts } from '../../support/test-ports';

/*
 * The "check for updates" switch follows the core's update trust, carried to the renderer by
 * app:get-info over the contract: the settings panel never works it out from the platform.
 */

type I18n = Awaited<ReturnType<typeof createI18n>>;

const SIGNED = 'provider: github\npublisherName:\n  - IoT Box Assistant Authors\n';
const UNSIGNED = 'provider: github\n';

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n('en');
});
afterEach(cleanup);

/** A real core whose app info carries this install's update decision, as main builds it. */
async function appInfoOf(install: Parameters<typeof selfUpdateTrust>[0]): Promise<AppInfo> {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const core = createCore(
    testPorts({
      appInfo: () => ({
        name: 'IoT Box Assistant',
        version: '1.0.0',
        platform:
          install.platform === 'win32' ||
          install.platform === 'darwin' ||
          install.platform === 'linux'
            ? install.platform
            : 'other',
        runtime: 'electron',
        preferredLanguages: ['en'],
        selfUpdates: selfUpdateTrust(install).verified,
      }),
      events: {
        emit: (channel, payload) =>
          listeners.get(channel)?.forEach((listener) => listener(payload)),
      },
    }),
  );
  const api = buildAssistantApi({
    invoke: (channel, ...args) =>
      core.dispatch(channel, args, { signal: new AbortController().signal }),
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set.add(listener));
      return () => set.delete(listener);
    },
  });
  Object.defineProperty(window, 'assistant', { value: api, configurable: true });
  const info = await api.getAppInfo();
  if (!info.ok) {
    throw new Error(info.error.code);
  }
  return info.value;
}

async function openPanel(info: AppInfo): Promise<void> {
  render(
    <I18nextProvider i18n={i18n}>
      <SettingsPanel settings={DEFAULT_SETTINGS} info={info} onChange={() => undefined} />
    </I18nextProvider>,
  );
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await Promise.resolve();
  });
  await screen.findByRole('heading', { name: 'Settings' });
}

const updateSwitch = () =>
  screen.queryByRole('checkbox', { name: 'Check for updates automatically' });

describe('the "check for updates" switch shows only where the app updates itself', () => {
  it.each([
    ['Linux (updates unsigned)', 'linux', SIGNED, false],
    ['unsigned Windows (no publisherName)', 'win32', UNSIGNED, false],
    ['Windows without app-update.yml', 'win32', null, false],
    ['signed Windows', 'win32', SIGNED, true],
    ['macOS', 'darwin', null, true],
  ] as const)('%s', async (_case, platform, appUpdateYml, shown) => {
    const info = await appInfoOf({ packaged: true, platform, appUpdateYml });
    expect(info.selfUpdates).toBe(shown);
    await openPanel(info);
    if (shown) {
      expect(updateSwitch()).not.toBeNull();
    } else {
      expect(updateSwitch()).toBeNull();
    }
  });

  it('a development run of a signed Windows build shows no switch', async () => {
    await openPanel(await appInfoOf({ packaged: false, platform: 'win32', appUpdateYml: SIGNED }));
    expect(updateSwitch()).toBeNull();
  });
});
