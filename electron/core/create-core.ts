import { fail, ok } from '../shared/result';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import type { AppInfoPort, EventSink, JsonFilePort, LogPort } from './ports';
import { SettingsService } from './settings/settings-service';

export type CorePorts = {
  readonly appInfo: AppInfoPort;
  readonly settingsFile: JsonFilePort;
  readonly events: EventSink;
  readonly log: LogPort;
  /** Called once the renderer has subscribed to events and is ready to receive them. */
  readonly onRendererReady?: () => void;
};

export type Core = {
  readonly dispatch: Dispatch;
  readonly settings: SettingsService;
};

/** Builds the service graph by hand from a ports object; no container, no globals. */
export function createCore(ports: CorePorts): Core {
  const settings = new SettingsService({ file: ports.settingsFile, log: ports.log });

  const handlers: Handlers = {
    'app:get-info': () => Promise.resolve(ok(ports.appInfo())),
    'app:signal-ready': () => {
      ports.onRendererReady?.();
      return Promise.resolve(ok(null));
    },
    'settings:get': () => settings.get(),
    'settings:set': ([patch]) => settings.set(patch),
    'discovery:start': () =>
      Promise.resolve(fail('not-implemented', 'discovery arrives with its own issue')),
  };

  return { dispatch: createDispatch(handlers, ports.log), settings };
}
