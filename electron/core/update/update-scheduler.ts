import type { LogPort } from '../ports';

/** The slice of an auto-updater (electron-updater in the app) the schedule needs. */
export interface UpdaterPort {
  /** Checks and, when an update exists, downloads it in the background. */
  check(): Promise<void>;
  onDownloaded(listener: (version: string) => void): void;
  /** Quits, installs the downloaded update and starts the new version. */
  installAndRestart(): void;
}

export type UpdateSchedulerDeps = {
  readonly updater: UpdaterPort;
  /** The user's "check for updates" setting, read at every check. */
  readonly isEnabled: () => Promise<boolean>;
  /** True while a change must not be interrupted (a DNS change awaiting verification). */
  readonly isBusy: () => boolean;
  /** Asks the user; true means "restart now". */
  readonly confirmRestart: (version: string) => Promise<boolean>;
  readonly log: LogPort;
  readonly intervalMs?: number;
  readonly busyRetryMs?: number;
};

export const DAILY_MS = 24 * 60 * 60 * 1000;

/**
 * Checks at start and daily, downloads in the background, and asks before restarting — never in
 * the middle of a DNS change (the prompt waits until the change is confirmed or rolled back).
 * A declined update installs when the app quits (electron-updater's default).
 */
export function startUpdateScheduler(deps: UpdateSchedulerDeps): { stop(): void } {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const asked = new Set<string>();
  let stopped = false;

  const check = async (): Promise<void> => {
    if (stopped || !(await deps.isEnabled())) {
      return;
    }
    try {
      await deps.updater.check();
    } catch (error) {
      // Offline shops are normal: a failed check is logged and retried tomorrow.
      deps.log.warn('update check failed', { error: String(error) });
    }
  };

  const offer = (version: string): void => {
    if (stopped || asked.has(version)) {
      return;
    }
    if (deps.isBusy()) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        offer(version);
      }, deps.busyRetryMs ?? 60_000);
      timers.add(timer);
      return;
    }
    asked.add(version);
    void deps.confirmRestart(version).then((restart) => {
      if (restart && !stopped) {
        deps.updater.installAndRestart();
      }
    });
  };

  deps.updater.onDownloaded(offer);
  void check();
  const daily = setInterval(() => void check(), deps.intervalMs ?? DAILY_MS);

  return {
    stop() {
      stopped = true;
      clearInterval(daily);
      for (const timer of timers) {
        clearTimeout(timer);
      }
    },
  };
}
