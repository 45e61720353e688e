import { chmod } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** `out/main/cli.js` is the `iotbox` bin: give it a shebang and the executable bit. */
function cliExecutable(): Plugin {
  return {
    name: 'iotbox-cli-executable',
    renderChunk(code, chunk) {
      return chunk.isEntry && chunk.name === 'cli' ? `#!/usr/bin/env node\n${code}` : null;
    },
    async writeBundle(options, bundle) {
      if (options.dir && 'cli.js' in bundle) {
        await chmod(`${options.dir}/cli.js`, 0o755);
      }
    },
  };
}

export default defineConfig({
  main: {
    root,
    build: {
      outDir: at('out/main'),
      // Bundle every dependency: the packaged app then holds only out/ and package.json, and
      // electron-builder has no node_modules to copy (all packages are devDependencies).
      externalizeDeps: false,
      rollupOptions: {
        input: { index: at('electron/main/index.ts'), cli: at('electron/cli/index.ts') },
      },
    },
    plugins: [cliExecutable()],
  },
  preload: {
    root,
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload cannot require packages: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: at('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: at('renderer'),
    publicDir: at('assets'),
    base: './',
    build: {
      outDir: at('out/renderer'),
      // electron-vite leaves every build unminified; the window's first load is what people wait on.
      minify: true,
      rollupOptions: { input: { index: at('renderer/index.html') } },
    },
    plugins: [react()],
  },
});
