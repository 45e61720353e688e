import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { listPackage } from '@electron/asar';
import { build, Platform, type Configuration } from 'electron-builder';

import { loadBuilderConfig, PROJECT_DIR } from './builder-config';
import { makeIcons } from './make-icons';

/*
 * The offline packaging check: our CI machines cannot download Electron, so electron-builder
 * packs the app against a stand-in Electron folder (`electronDist`) for `--linux --dir`; then we
 * list app.asar and compare it with what may ship.
 */

const require = createRequire(import.meta.url);

/** What app.asar may contain: the built app and its manifest. Everything else is a leak. */
const ALLOWED = [/^\/package\.json$/, /^\/out(\/(main|preload|renderer)(\/.*)?)?$/];
const REQUIRED = [
  '/package.json',
  '/out/main/index.js',
  '/out/main/cli.js',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
];

export type PackageCheck = {
  readonly entries: readonly string[];
  readonly unexpected: readonly string[];
  readonly missing: readonly string[];
};

/** Validates a configuration with electron-builder's own schema (throws with its message). */
export async function validateBuilderConfig(config: Configuration): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration: (config: Configuration, logger: unknown) => Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as {
    DebugLogger: new (enabled: boolean) => unknown;
  };
  await validateConfiguration(config, new DebugLogger(false));
}

async function makeStandInElectron(dir: string, version: string): Promise<void> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  await writeFile(
    join(dir, 'electron'),
    '#!/bin/sh\necho "stand-in Electron for packaging checks"\n',
  );
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'version'), `v${version}`);
  await writeFile(join(dir, 'LICENSE'), 'stand-in\n');
  await writeFile(join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
}

export function classifyEntries(entries: readonly string[]): PackageCheck {
  return {
    entries,
    unexpected: entries.filter((entry) => !ALLOWED.some((pattern) => pattern.test(entry))),
    missing: REQUIRED.filter((entry) => !entries.includes(entry)),
  };
}

export async function runPackageCheck(): Promise<PackageCheck> {
  const electronVersion = (
    JSON.parse(await readFile(require.resolve('electron/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const work = await mkdtemp(join(tmpdir(), 'iotbox-package-'));
  try {
    await makeIcons();
    const standIn = join(work, 'electron-dist');
    await makeStandInElectron(standIn, electronVersion);
    const config: Configuration = {
      ...(await loadBuilderConfig()),
      electronDist: standIn,
      electronVersion,
      directories: { buildResources: 'build', output: join(work, 'dist') },
      // Fuses are flipped inside the real Electron binary; the stand-in has none to flip. The
      // fuse settings themselves are checked against build/electron-builder.yml by the tests.
      electronFuses: null,
      publish: null,
    };
    await validateBuilderConfig(config);
    await build({
      projectDir: PROJECT_DIR,
      targets: Platform.LINUX.createTarget('dir'),
      config,
      publish: 'never',
    });
    const asar = join(work, 'dist', 'linux-unpacked', 'resources', 'app.asar');
    return classifyEntries(
      listPackage(asar, { isPack: false }).map((entry) => entry.replaceAll('\\', '/')),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runPackageCheck();
  process.stdout.write(`app.asar: ${result.entries.length} entries\n`);
  for (const entry of result.unexpected) {
    process.stdout.write(`  unexpected: ${entry}\n`);
  }
  for (const entry of result.missing) {
    process.stdout.write(`  missing: ${entry}\n`);
  }
  const ok = result.unexpected.length === 0 && result.missing.length === 0;
  process.stdout.write(ok ? 'package check: ok\n' : 'package check: FAILED\n');
  process.exitCode = ok ? 0 : 1;
}
