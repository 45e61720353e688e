import { afterEach, describe, expect, it } from 'vitest';

import { noSecretStore } from '../../electron/core/adapters/no-secret-store';
import type { Handlers } from '../../electron/core/dispatch';
import type { SecretStorePort } from '../../electron/core/ports';
import { memorySecretStore } from '../fakes/memory-secret-store';
import { startBoxSimulator, type BoxSimulator } from '../lab/sim/box-simulator';
import { startOdooDbSimulator } from '../lab/sim/odoo-db-simulator';
import { testCore } from '../support/test-ports';

// "Remember the enterprise code" through the contract's handlers, against the box and database
// simulators: signed in once, the next box of the same database gets its credentials with no
// password; the renderer only ever sees an id, the address and a masked UUID; Forget forgets.

const UUID = '6a2f0c1e-9b8d-4e7f-a1c2-3d4e5f6a7b8c';
const CODE = 'M2408remember01';
const PASSWORD = 'correct horse';
const context = { signal: new AbortController().signal };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function startBox(): Promise<BoxSimulator> {
  const box = await startBoxSimulator({
    generation: 'g4',
    restartDowntimeMs: 100,
    delayScale: 0.01,
    checkCertificateAtStart: false,
  });
  cleanups.push(() => box.close());
  await box.settled();
  return box;
}

async function startDb() {
  const db = await startOdooDbSimulator({
    uuid: UUID,
    enterpriseCode: CODE,
    users: [{ login: 'admin', password: PASSWORD, admin: true }],
  });
  cleanups.push(() => db.close());
  return db;
}

const ref = (box: BoxSimulator) => `${box.host}:${box.port}`;
const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

function handlersWith(secrets: SecretStorePort): Handlers {
  return testCore({ secrets }, { pairing: { restartTimeoutMs: 20_000 } }).handlers;
}

/** Signs in to the database and sends its credentials to the box, ticking "remember". */
async function signInAndRemember(
  handlers: Handlers,
  box: BoxSimulator,
  db: { readonly url: string },
): Promise<void> {
  const read = unwrap(
    await handlers['odoo:read-credentials'](
      [{ url: db.url, login: 'admin', password: PASSWORD }],
      context,
    ),
  );
  unwrap(
    await handlers['box:save-credentials'](
      [{ box: ref(box), credentials: { source: 'database', readId: read.readId }, remember: true }],
      context,
    ),
  );
}

describe('remembered credentials', () => {
  it('signed in once: the next box of the database gets them without a password', async () => {
    const [first, second, db] = await Promise.all([startBox(), startBox(), startDb()]);
    const store = memorySecretStore();
    const handlers = handlersWith(store);
    await signInAndRemember(handlers, first, db);

    const listed = unwrap(await handlers['odoo:list-remembered']([], context));
    expect(listed.map((entry) => [entry.serverUrl, entry.database, entry.dbUuidMasked])).toEqual([
      [db.url, 'lab', '6a2f0c1e…'],
    ]);
    expect(listed[0]?.id).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify(listed)).not.toContain(CODE);
    expect(JSON.stringify(listed)).not.toContain(UUID);
    const id = listed[0]?.id ?? '';

    const authenticationsBefore = db.received.filter((request) =>
      request.body.includes(PASSWORD),
    ).length;
    const recalled = unwrap(await handlers['odoo:recall-remembered']([id], context));
    expect(recalled).toMatchObject({
      serverUrl: db.url,
      database: 'lab',
      dbUuidMasked: '6a2f0c1e…',
      enterpriseCodeSet: true,
    });
    expect(JSON.stringify(recalled)).not.toContain(CODE);
    const outcome = unwrap(
      await handlers['box:save-credentials'](
        [
          {
            box: ref(second),
            credentials: { source: 'database', readId: recalled.readId },
            remember: false,
          },
        ],
        context,
      ),
    );
    expect(outcome.box.enterpriseCodeSet).toBe(true);
    expect(second.state).toMatchObject({ dbUuid: UUID, enterpriseCode: CODE });
    // No second sign-in: the database never saw the password again.
    expect(db.received.filter((request) => request.body.includes(PASSWORD))).toHaveLength(
      authenticationsBefore,
    );
  });

  it('Forget removes the database: not listed, not usable, nothing left in the keychain', async () => {
    const [box, db] = await Promise.all([startBox(), startDb()]);
    const store = memorySecretStore();
    const handlers = handlersWith(store);
    await signInAndRemember(handlers, box, db);
    const [entry] = unwrap(await handlers['odoo:list-remembered']([], context));
    if (entry === undefined) throw new Error('nothing remembered');
    expect(unwrap(await handlers['odoo:forget-remembered']([entry.id], context))).toBeNull();
    expect(unwrap(await handlers['odoo:list-remembered']([], context))).toEqual([]);
    expect(await handlers['odoo:recall-remembered']([entry.id], context)).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });
    expect(store.values.size).toBe(0);
  });

  it('typed credentials, an unticked box or no keychain remember nothing', async () => {
    const [box, db] = await Promise.all([startBox(), startDb()]);
    const store = memorySecretStore();
    const handlers = handlersWith(store);
    unwrap(
      await handlers['box:save-credentials'](
        [
          {
            box: ref(box),
            credentials: { source: 'typed', dbUuid: UUID, enterpriseCode: CODE },
            remember: true,
          },
        ],
        context,
      ),
    );
    expect(store.values.size).toBe(0);

    const noKeychain = handlersWith(noSecretStore);
    await signInAndRemember(noKeychain, box, db);
    expect(unwrap(await noKeychain['odoo:list-remembered']([], context))).toEqual([]);
  });
});
