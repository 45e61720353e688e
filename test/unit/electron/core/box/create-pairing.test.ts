import { describe, expect, it } from 'vitest';

import { createCore } from '../../../../../electron/core/create-core';
import type { SecretStorePort } from '../../../../../electron/core/ports';
import { testPorts } from '../../../../support/test-ports';

// The wizard shows "remember the enterprise code" only when the core can really keep it.

const context = { signal: new AbortController().signal };

function keychain(available: boolean): SecretStorePort {
  return {
    available: () => available,
    get: () => Promise.resolve(null),
    set: () => Promise.resolve(),
    delete: () => Promise.resolve(),
  };
}

describe('box:check-keychain', () => {
  it('says no keychain when the runtime gives no secret store (CLI, preview)', async () => {
    const { dispatch } = createCore(testPorts());
    expect(await dispatch('box:check-keychain', [], context)).toEqual({
      ok: true,
      value: { available: false },
    });
  });

  it.each([true, false])('reports the secret store as it is (available: %s)', async (available) => {
    const { dispatch } = createCore(testPorts({ secrets: keychain(available) }));
    expect(await dispatch('box:check-keychain', [], context)).toEqual({
      ok: true,
      value: { available },
    });
  });
});
