import { describe, expect, it } from 'vitest';

import { silentLog } from '../../../../../electron/core/adapters/console-log';
import { createPairing, pairingHandlers } from '../../../../../electron/core/box/create-pairing';
import type { EventSink, SecretStorePort } from '../../../../../electron/core/ports';

// The wizard shows "remember the enterprise code" only when the core can really keep it.

const events: EventSink = { emit: () => undefined };
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
    const handlers = pairingHandlers(createPairing({ log: silentLog }), events);
    expect(await handlers['box:check-keychain']([], context)).toEqual({
      ok: true,
      value: { available: false },
    });
  });

  it.each([true, false])('reports the secret store as it is (available: %s)', async (available) => {
    const pairing = createPairing({ log: silentLog, secrets: keychain(available) });
    expect(await pairingHandlers(pairing, events)['box:check-keychain']([], context)).toEqual({
      ok: true,
      value: { available },
    });
  });
});
