import { homedir } from 'node:os';
import { join } from 'node:path';

import packageJson from '../../package.json';
import { createStreamLog, silentLog } from '../core/adapters/console-log';
import { createNodePorts } from '../core/adapters/node-ports';
import { createCore, type Core, type CoreOptions } from '../core/create-core';
import type { EventSink, HostPorts, JsonFilePort } from '../core/ports';
import type { CliIo } from './io';

/*
 * The CLI's host: the same core as the app (createCore over createNodePorts), with what a
 * terminal has instead of a window. A command builds it once and uses the services it needs.
 */

/** Electron's userData for this product, so the CLI and the app share one DNS journal. */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>>): string {
  const product = 'IoT Box Assistant';
  if (env['IOTBOX_DATA_DIR']) {
    return env['IOTBOX_DATA_DIR'];
  }
  if (process.platform === 'win32') {
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), product);
  }
  if (process.platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', product);
  }
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), product);
}

/** The CLI keeps no settings: the app's Settings → Advanced never change what a command does. */
const noSettings: JsonFilePort = {
  read: () => Promise.resolve(undefined),
  write: () => Promise.resolve(),
};

const noEvents: EventSink = { emit: () => undefined };

/** What a command adds to the host: where the core's events go, the DNS change journal. */
export type CliHost = Partial<Pick<HostPorts, 'events' | 'dnsJournal'>>;

/** The core for one command: real adapters, the environment the CLI was given, no secrets kept. */
export function createCliCore(io: CliIo, host: CliHost = {}, options: CoreOptions = {}): Core {
  const log = io.env['IOTBOX_DEBUG']
    ? createStreamLog({ minLevel: 'debug', write: io.stderr })
    : silentLog;
  return createCore(
    {
      ...createNodePorts({ log, env: io.env }),
      appInfo: () => ({
        name: packageJson.productName,
        version: packageJson.version,
        platform: 'other',
        runtime: 'cli',
        // The CLI speaks English, like its --help.
        preferredLanguages: ['en'],
        selfUpdates: false,
      }),
      settingsFile: noSettings,
      events: host.events ?? noEvents,
      ...(host.dnsJournal ? { dnsJournal: host.dnsJournal } : {}),
    },
    options,
  );
}
