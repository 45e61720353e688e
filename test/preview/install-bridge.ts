import { installBridgeClient } from './bridge-client';

// Evaluated before the renderer's modules (ES modules run imports in order), so that
// `window.assistant` exists when renderer/src/api.ts reads it.
installBridgeClient();
