import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const at = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * The browser preview is the same renderer with one difference: `window.assistant` comes from the
 * loopback bridge client, so the entry script changes and the CSP allows connecting to 'self'.
 */
function previewHtml(): Plugin {
  return {
    name: 'iotbox-preview-html',
    // 'pre': the entry must be swapped before Vite collects the page's scripts.
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const swapped = html
          .replace('src="./src/main.tsx"', 'src="../test/preview/preview-entry.ts"')
          .replace("connect-src 'none'", "connect-src 'self'");
        if (swapped === html || !swapped.includes("connect-src 'self'")) {
          throw new Error('preview: renderer/index.html no longer has the expected entry or CSP');
        }
        return swapped;
      },
    },
  };
}

export default defineConfig({
  root: at('renderer'),
  publicDir: at('assets'),
  base: './',
  plugins: [previewHtml(), react()],
  build: {
    outDir: at('out-preview'),
    emptyOutDir: true,
    target: 'es2023',
  },
});
