import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { silentLog } from '../../../../../electron/core/adapters/console-log';
import { createActivityTracker } from '../../../../../electron/core/activity';
import {
  DAILY_MS,
  startUpdateScheduler,
  type UpdaterPort,
} from '../../../../../electron/core/update/update-scheduler';

function fakeUpdater() {
  let downloaded: ((version: string) => void) | undefined;
  const updater = {
    checks: 0,
    installs: 0,
    failNext: false,
    check() {
      updater.checks += 1;
      if (updater.failNext) {
        updater.failNext = false;
        return Promise.reject(new Error('offline'));
      }
      return Promise.resolve();
    },
    onDownloaded(listener: (version: string) => void) {
      downloaded = listener;
    },
    installAndRestart() {
      updater.installs += 1;
    },
    download(version: string) {
      downloaded?.(version);
    },
  } satisfies UpdaterPort & Record<string, unknown>;
  return updater;
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('update scheduler', () => {
  it('checks at start and then daily, and survives an offline check', async () => {
    const updater = fakeUpdater();
    updater.failNext = true;
    const schedule = startUpdateScheduler({
      updater,
      isEnabled: () => Promise.resolve(true),
      isBusy: () => false,
      confirmRestart: () => Promise.resolve(false),
      log: silentLog,
    });
    await flush();
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(DAILY_MS);
    expect(updater.checks).toBe(2);
    await vi.advanceTimersByTimeAsync(DAILY_MS);
    expect(updater.checks).toBe(3);
    schedule.stop();
    await vi.advanceTimersByTimeAsync(DAILY_MS);
    expect(updater.checks).toBe(3);
  });

  it('does not check when the user turned updates off', async () => {
    const updater = fakeUpdater();
    const schedule = startUpdateScheduler({
      updater,
      isEnabled: () => Promise.resolve(false),
      isBusy: () => false,
      confirmRestart: () => Promise.resolve(true),
      log: silentLog,
    });
    await vi.advanceTimersByTimeAsync(2 * DAILY_MS);
    expect(updater.checks).toBe(0);
    schedule.stop();
  });

  it('asks before restarting, once per version, and restarts only on yes', async () => {
    const updater = fakeUpdater();
    const answers = [false, true];
    const asked: string[] = [];
    const schedule = startUpdateScheduler({
      updater,
      isEnabled: () => Promise.resolve(true),
      isBusy: () => false,
      confirmRestart: (version) => {
        asked.push(version);
        return Promise.resolve(answers.shift() ?? false);
      },
      log: silentLog,
    });
    updater.download('1.1.0');
    await flush();
    expect(updater.installs).toBe(0);
    updater.download('1.1.0');
    await flush();
    expect(asked).toEqual(['1.1.0']);
    updater.download('1.2.0');
    await flush();
    expect(asked).toEqual(['1.1.0', '1.2.0']);
    expect(updater.installs).toBe(1);
    schedule.stop();
  });

  it('never prompts in the middle of a DNS change: it waits until the change ends', async () => {
    const updater = fakeUpdater();
    const activity = createActivityTracker();
    const asked: string[] = [];
    const schedule = startUpdateScheduler({
      updater,
      isEnabled: () => Promise.resolve(true),
      isBusy: () => activity.isBusy(),
      confirmRestart: (version) => {
        asked.push(version);
        return Promise.resolve(true);
      },
      log: silentLog,
      busyRetryMs: 1_000,
    });
    const end = activity.begin('dns-change');
    updater.download('2.0.0');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(asked).toEqual([]);
    expect(updater.installs).toBe(0);
    end();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked).toEqual(['2.0.0']);
    expect(updater.installs).toBe(1);
    schedule.stop();
  });
});
