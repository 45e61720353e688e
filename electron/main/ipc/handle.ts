import type { IpcMain, IpcMainInvokeEvent } from 'electron';

import { invokeChannels } from '../../shared/contract';
import { fail, type Failure, type Result } from '../../shared/result';
import type { Dispatch } from '../../core/dispatch';
import type { LogPort } from '../../core/ports';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Trusts only web contents this process created, and only their main frame showing the app's
 * own page: an iframe or a page that navigated away gets nothing.
 */
export function createSenderCheck(
  trustedIds: ReadonlySet<number>,
  isAppUrl: (url: string) => boolean,
): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return (
      trustedIds.has(event.sender.id) &&
      frame !== null &&
      frame === event.sender.mainFrame &&
      isAppUrl(frame.url)
    );
  };
}

/** Registers one handler per contract channel: the only place that calls `ipcMain.handle`. */
export function registerIpcHandlers(deps: {
  ipcMain: IpcMain;
  dispatch: Dispatch;
  isTrustedSender: SenderCheck;
  log: LogPort;
}): void {
  const inFlight = new Map<number, Set<AbortController>>();
  for (const channel of invokeChannels) {
    deps.ipcMain.handle(
      channel,
      async (event, ...rawArgs: unknown[]): Promise<Result<unknown, Failure>> => {
        if (!deps.isTrustedSender(event)) {
          deps.log.warn('IPC from an untrusted sender refused', { channel });
          return fail('untrusted-sender');
        }
        const controllers = trackedControllers(inFlight, event);
        const controller = new AbortController();
        controllers.add(controller);
        try {
          return await deps.dispatch(channel, rawArgs, { signal: controller.signal });
        } finally {
          controllers.delete(controller);
        }
      },
    );
  }
}

/** Work started by a window is cancelled when that window goes away. */
function trackedControllers(
  inFlight: Map<number, Set<AbortController>>,
  event: IpcMainInvokeEvent,
): Set<AbortController> {
  const existing = inFlight.get(event.sender.id);
  if (existing) {
    return existing;
  }
  const created = new Set<AbortController>();
  inFlight.set(event.sender.id, created);
  event.sender.once('destroyed', () => {
    for (const controller of created) {
      controller.abort();
    }
    inFlight.delete(event.sender.id);
  });
  return created;
}
