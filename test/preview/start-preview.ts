import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { silentLog } from '../../electron/core/adapters/console-log';
import { createJsonFile } from '../../electron/core/adapters/json-file';
import { createCore } from '../../electron/core/create-core';
import type { LogPort } from '../../electron/core/ports';
import packageJson from '../../package.json';
import { createBridgeEventHub, startBridgeServer, type BridgeServer } from './bridge-server';

export const PREVIEW_DIR = fileURLToPath(new URL('../../out-preview', import.meta.url));

export type Preview = BridgeServer & { readonly dataDir: string };

/** The real core in Node behind the loopback bridge, serving the preview build of the renderer. */
export async function startPreview(
  options: { port?: number; dataDir?: string; log?: LogPort } = {},
): Promise<Preview> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'iotbox-preview-')));
  const hub = createBridgeEventHub();
  const core = createCore({
    appInfo: () => ({
      name: packageJson.productName,
      version: packageJson.version,
      platform: 'other',
      runtime: 'preview',
      // The page replaces this with navigator.languages: in a browser, that is "the OS language".
      preferredLanguages: [],
    }),
    settingsFile: createJsonFile(join(dataDir, 'settings.json')),
    events: hub,
    log: options.log ?? silentLog,
    onRendererReady: () => hub.markReady(),
  });
  const server = await startBridgeServer({
    staticDir: PREVIEW_DIR,
    dispatch: core.dispatch,
    hub,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return {
    ...server,
    dataDir,
    close: async () => {
      await server.close();
      if (ownsDataDir) {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
