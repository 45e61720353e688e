import { silentLog } from '../../electron/core/adapters/console-log';
import { createNodePorts, nodeSystem } from '../../electron/core/adapters/node-ports';
import { createCore, type Core, type CoreOptions } from '../../electron/core/create-core';
import type { Handlers } from '../../electron/core/dispatch';
import type { EventSink, JsonFilePort, NodePorts, Ports } from '../../electron/core/ports';
import { invokeChannels } from '../../electron/shared/contract';
import type { AppInfo } from '../../electron/shared/schemas/app';

/*
 * The one flat set of ports a test builds the core (or one service) from: what the test names,
 * and for the rest the adapters the app itself would use (each test process runs behind
 * test/setup/network-guard.ts), a silent log, no environment variables of the runner, settings
 * kept in memory and events dropped.
 */

export const TEST_APP_INFO: AppInfo = {
  name: 'IoT Box Assistant',
  version: '1.2.3',
  platform: 'linux',
  runtime: 'preview',
  preferredLanguages: ['en'],
  selfUpdates: false,
};

/** A settings file in memory (undefined until written, as a file that does not exist yet). */
export function memoryJsonFile(initial?: unknown): JsonFilePort {
  let stored = initial;
  return {
    read: () => Promise.resolve(stored),
    write: (value) => {
      stored = value;
      return Promise.resolve();
    },
  };
}

const noEvents: EventSink = { emit: () => undefined };

export function testPorts(overrides: Partial<Ports> = {}): Ports {
  const world: Partial<NodePorts> = {
    log: silentLog,
    system: nodeSystem({}),
    ...overrides,
  };
  return {
    ...createNodePorts(world),
    appInfo: () => TEST_APP_INFO,
    settingsFile: memoryJsonFile(),
    events: noEvents,
    ...overrides,
  };
}

/**
 * The core over testPorts, and its channels as typed handlers that go through the contract
 * (arguments and results validated, as the renderer's calls are).
 */
export function testCore(
  overrides: Partial<Ports> = {},
  options: CoreOptions = {},
): { readonly core: Core; readonly handlers: Handlers } {
  const core = createCore(testPorts(overrides), options);
  const handlers = Object.fromEntries(
    invokeChannels.map((channel) => [
      channel,
      (args: unknown, context: { readonly signal: AbortSignal }) =>
        core.dispatch(channel, [...(args as readonly unknown[])], context),
    ]),
  );
  // Each entry is dispatch bound to its own channel: the contract's types hold by construction.
  return { core, handlers: handlers as unknown as Handlers };
}
