import { fileURLToPath } from 'node:url';

import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('..', import.meta.url));

// Node's modules by bare name or `node:` prefix. A regex, not a gitignore-style group: a group
// named `dns` would also match our own `schemas/dns`.
const nodeModules = '^(node:.*|fs|path|os|child_process|net|dns|tls|http|https)(/.*)?$';

const electronInShellOnly = {
  name: 'electron',
  message: 'Only electron/main and electron/preload import Electron.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'out-preview/**',
      'dist/**',
      '.tsbuild/**',
      'test-results/**',
      'node_modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
      globals: { ...globals.node },
    },
    rules: {
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tool configs must default-export by convention, and fakes of CommonJS modules mimic one.
    files: ['build/*.ts', 'build/*.mjs', 'test/vitest.config.ts', 'test/fakes/electron-updater.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The core, the CLI and the shared contract run without Electron.
    files: ['electron/core/**', 'electron/cli/**', 'electron/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronInShellOnly],
        },
      ],
    },
  },
  {
    // Feature code reaches the world through ports only: the real adapters are built once, by
    // createNodePorts (adapters/node-ports.ts), and handed to createCore by the host.
    files: ['electron/core/**'],
    ignores: ['electron/core/adapters/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronInShellOnly],
          patterns: [
            {
              regex: '(^|/)adapters/',
              message:
                'Core feature code talks to ports (core/ports.ts); real adapters are built in adapters/node-ports.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The shared layer is pure: no Node, no DOM.
    files: ['electron/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/shared is pure.' }],
          patterns: [{ regex: nodeModules, message: 'electron/shared is pure: no Node modules.' }],
        },
      ],
    },
  },
  {
    // Only the IPC folder may touch ipcMain; only the preload may touch ipcRenderer/contextBridge.
    files: ['electron/main/**'],
    ignores: ['electron/main/ipc/**', 'electron/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain'],
              message: 'Register IPC in electron/main/ipc.',
            },
            {
              name: 'electron',
              importNames: ['ipcRenderer', 'contextBridge'],
              message: 'Preload only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    languageOptions: { globals: { ...globals.browser } },
    settings: { react: { version: 'detect' } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.strict.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer is untrusted: use window.assistant.' },
          ],
          patterns: [
            { regex: nodeModules, message: 'The renderer is untrusted: no Node modules.' },
            {
              regex: '^(\\.\\./)+electron/(?!shared/)',
              message: 'The renderer may import only electron/shared.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
