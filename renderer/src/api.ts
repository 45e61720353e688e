import type { AssistantApi } from '../../electron/shared/contract';

declare global {
  interface Window {
    readonly assistant: AssistantApi;
  }
}

/**
 * The only access to `window.assistant` (from the preload, or the preview bridge). Read at call
 * time, not import time, so module evaluation order can never observe it missing.
 */
export function assistant(): AssistantApi {
  return window.assistant;
}
