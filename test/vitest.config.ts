import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

// One runner, five projects: the folder a test lives in says what it needs.
export default defineConfig({
  root,
  resolve: {
    // Main-process glue is tested under plain Node against a hand-written fake of Electron.
    alias: {
      electron: fileURLToPath(new URL('./fakes/electron.ts', import.meta.url)),
      'electron-updater': fileURLToPath(new URL('./fakes/electron-updater.ts', import.meta.url)),
    },
  },
  test: {
    allowOnly: false,
    // Every test process: traffic only to loopback and the lab's own subnets.
    setupFiles: ['test/setup/network-guard.ts'],
    passWithNoTests: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['test/unit/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'lab',
          include: ['test/lab/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Namespace tests share kernel objects (bridges, dnsmasq ports): one file at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
