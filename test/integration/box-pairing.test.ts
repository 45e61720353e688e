import { afterEach, describe, expect, it } from 'vitest';

import { silentLog } from '../../electron/core/adapters/console-log';
import { createNodeHttp } from '../../electron/core/adapters/node-http';
import { systemClock } from '../../electron/core/adapters/system-clock';
import { noSecretStore } from '../../electron/core/adapters/no-secret-store';
import { createBoxClient } from '../../electron/core/box/box-client';
import { BRANCH_SETTLE_MS } from '../../electron/core/box/branch-switch';
import type { BoxTarget } from '../../electron/core/box/box-target';
import { createPairingService, type PairingService } from '../../electron/core/box/pairing-service';
import { createRememberedCredentials } from '../../electron/core/odoo/remembered-credentials';
import type { BoxRestartProgress } from '../../electron/shared/schemas/pairing';
import {
  startBoxSimulator,
  type BoxSimulator,
  type BoxSimulatorOptions,
} from '../lab/sim/box-simulator';
import { startFaultProxy, type FaultProxy } from './box-fault-proxy';

// Pairing against the lab's real box simulator: what each generation receives, byte for byte.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const signal = new AbortController().signal;
const UUID = '0b5d1c9e-3f7a-4c2e-9a61-2d8e5f4b7c30';
const CODE = 'M2407lab0001';
const PIPE_TOKEN = `https://shop.example.test|s3cr3tToken|${UUID}|${CODE}`;
const URL_TOKEN = `https://shop.example.test?token=s3cr3tToken&db_uuid=${UUID}&enterprise_code=${CODE}`;
const URL_TOKEN_DB = `${URL_TOKEN}&db_name=shop`;
const GENERATIONS = ['g1', 'g2', 'g3', 'g4'] as const;
const PREFIX = {
  g2: '/hw_posbox_homepage',
  g3: '/hw_posbox_homepage',
  g4: '/iot_drivers',
} as const;

function service(
  options: { restartTimeoutMs?: number; branchSettleMs?: number } = {},
): PairingService {
  return createPairingService({
    client: createBoxClient({
      clock: systemClock,
      http: createNodeHttp(),
      log: silentLog,
      timeoutMs: 3_000,
      // A G1 box says nothing about a branch switch: only tests about it watch the full window.
      branchSettleMs: options.branchSettleMs ?? 500,
    }),
    log: silentLog,
    remembered: createRememberedCredentials(noSecretStore, silentLog),
    readCredentials: () => null,
    restartTimeoutMs: options.restartTimeoutMs ?? 20_000,
  });
}

async function startBox(options: BoxSimulatorOptions): Promise<BoxSimulator> {
  // 300 ms down: long enough for the first polls (200 ms, then backoff) to see the restart.
  const box = await startBoxSimulator({ restartDowntimeMs: 300, delayScale: 0.01, ...options });
  cleanups.push(() => box.close());
  await box.settled();
  return box;
}

const ref = (box: { host: string; port: number }): BoxTarget => ({
  host: box.host,
  port: box.port,
});
/** Requests after `from` other than reads: what changed (or could change) the box. */
const writes = (box: BoxSimulator, from = 0) =>
  box.received
    .slice(from)
    .filter((request) => request.method === 'POST' || /clear|restart/.test(request.path));

describe('connect to server: both token formats, every generation', () => {
  it.each(
    GENERATIONS.flatMap((g) => [[g, 'pipe', PIPE_TOKEN] as const, [g, 'url', URL_TOKEN] as const]),
  )('%s with a %s token', async (generation, _format, token) => {
    const box = await startBox({ generation });
    const progress: BoxRestartProgress[] = [];
    const outcome = await service().connectServer({ box: ref(box), token }, signal, (p) =>
      progress.push(p),
    );
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    const sent = writes(box);
    expect(sent).toHaveLength(1);
    if (generation === 'g1') {
      // G1 takes the pipe format only, as form fields; a URL token is rewritten to it.
      expect(sent[0]?.path).toBe('/server_connect');
      expect(sent[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(sent[0]?.body).toBe(
        new URLSearchParams({ token: PIPE_TOKEN, iotname: '' }).toString(),
      );
    } else if (generation === 'g2') {
      // G2 reads both, but only the pipe form on every G2 tree: it always gets that one.
      expect(sent[0]?.body).toBe(
        `{"jsonrpc":"2.0","method":"call","params":{"token":${JSON.stringify(PIPE_TOKEN)}}}`,
      );
    } else {
      expect(sent[0]?.path).toBe(`${PREFIX[generation]}/connect_to_server`);
      expect(sent[0]?.headers['content-type']).toBe('application/json');
      expect(sent[0]?.body).toBe(
        `{"jsonrpc":"2.0","method":"call","params":{"token":${JSON.stringify(token)}}}`,
      );
    }
    expect(box.state).toMatchObject({
      serverUrl: 'https://shop.example.test',
      token: 's3cr3tToken',
      dbUuid: UUID,
      enterpriseCode: CODE,
    });
    expect(box.restarts).toBe(1);
    expect(outcome.ok && outcome.value).toMatchObject({
      restarted: true,
      before: { api: generation, serverUrl: null, dbUuidSet: false, enterpriseCodeSet: false },
      box: {
        api: generation,
        serverUrl: 'https://shop.example.test',
        dbUuidSet: true,
        enterpriseCodeSet: true,
      },
    });
    expect(progress.map((p) => p.phase)).toContain('down');
    expect(progress.at(-1)?.phase).toBe('back');
  });

  it.each(['g3', 'g4'] as const)('%s accepts a token with db_name', async (generation) => {
    const box = await startBox({ generation });
    const outcome = await service().connectServer({ box: ref(box), token: URL_TOKEN_DB }, signal);
    expect(outcome.ok).toBe(true);
    expect(box.state.dbName).toBe('shop');
  });

  it.each(['g1', 'g2'] as const)(
    '%s: a token with db_name (every v19 database) gets the equivalent pipe form',
    async (generation) => {
      const box = await startBox({ generation });
      const before = box.received.length;
      const outcome = await service().connectServer({ box: ref(box), token: URL_TOKEN_DB }, signal);
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      const sent = writes(box, before);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.body).toContain(
        generation === 'g1'
          ? new URLSearchParams({ token: PIPE_TOKEN }).toString()
          : JSON.stringify(PIPE_TOKEN),
      );
      expect(box.state).toMatchObject({ serverUrl: 'https://shop.example.test', dbUuid: UUID });
    },
  );

  it('a G3 tree without db_name answers "Failed to write…": the pipe form is sent once more', async () => {
    const box = await startBox({ generation: 'g3', acceptsDbName: false });
    const outcome = await service().connectServer({ box: ref(box), token: URL_TOKEN_DB }, signal);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    expect(writes(box).map((request) => request.body)).toEqual([
      `{"jsonrpc":"2.0","method":"call","params":{"token":${JSON.stringify(URL_TOKEN_DB)}}}`,
      `{"jsonrpc":"2.0","method":"call","params":{"token":${JSON.stringify(PIPE_TOKEN)}}}`,
    ]);
    expect(box.state).toMatchObject({ serverUrl: 'https://shop.example.test', dbName: null });
  });

  it.each(GENERATIONS)(
    '%s: a database without an enterprise code (`enterprise_code=`) connects',
    async (generation) => {
      const box = await startBox({ generation });
      const token = `https://shop.example.test?token=s3cr3tToken&db_uuid=${UUID}&enterprise_code=`;
      const outcome = await service().connectServer({ box: ref(box), token }, signal);
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      expect(box.state).toMatchObject({ dbUuid: UUID, enterpriseCode: null });
      expect(outcome.ok && outcome.value.box).toMatchObject({
        dbUuidSet: true,
        enterpriseCodeSet: false,
      });
    },
  );

  it.each([
    ['', 'token-malformed'],
    ['hello world', 'token-malformed'],
    [`https://shop.example.test|tok|${UUID}`, 'token-malformed'],
    [`https://shop.example.test|tok|${UUID}|${CODE}|extra`, 'token-malformed'],
    [`ftp://shop.example.test|tok|${UUID}|${CODE}`, 'token-bad-scheme'],
    [`http://localhost:8069|tok|${UUID}|${CODE}`, 'token-localhost'],
    [`https://shop.example.test||${UUID}|${CODE}`, 'token-field-missing'],
    [`https://shop.example.test|tok|not-a-uuid|${CODE}`, 'db-uuid-invalid'],
    [`https://shop.example.test?token=t&db_uuid=${UUID}`, 'token-field-missing'],
    [`https://shop.example.test?token=&db_uuid=${UUID}&enterprise_code=`, 'token-field-missing'],
    [
      `https://shop.example.test?token=t&db_uuid=${UUID}&enterprise_code=${CODE}&debug=1`,
      'token-field-unexpected',
    ],
    [`http://LOCALHOST?token=t&db_uuid=${UUID}&enterprise_code=${CODE}`, 'token-localhost'],
    [`javascript://x?token=t&db_uuid=${UUID}&enterprise_code=${CODE}`, 'token-bad-scheme'],
    [`https://?token=t&db_uuid=${UUID}&enterprise_code=${CODE}`, 'token-malformed'],
    ['x'.repeat(5000), 'token-malformed'],
  ])('malformed token %j → %s, and the box receives nothing', async (token, code) => {
    const box = await startBox({ generation: 'g4' });
    const before = box.received.length;
    const outcome = await service().connectServer({ box: ref(box), token }, signal);
    expect(outcome).toMatchObject({ ok: false, error: { code } });
    expect(box.received.length).toBe(before);
  });

  it.each(['g1', 'g2', 'g3'] as const)(
    '%s renames with iotname: no answer (rename_iot.sh reboots first) is the box rebooting',
    async (generation) => {
      const box = await startBox({ generation });
      const progress: BoxRestartProgress[] = [];
      const outcome = await service().connectServer(
        { box: ref(box), token: PIPE_TOKEN, iotname: 'till-2' },
        signal,
        (p) => progress.push(p),
      );
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      expect(writes(box)).toHaveLength(1);
      expect(writes(box)[0]?.body).toContain('till-2');
      expect(outcome.ok && outcome.value.box).toMatchObject({
        name: 'till-2',
        serverUrl: 'https://shop.example.test',
      });
      expect(progress[0]?.timeoutMs).toBe(20_000);
    },
  );

  it.each(['g3', 'g4'] as const)(
    '%s with update_hostname: the name is set through it, and checked after the reboot',
    async (generation) => {
      const box = await startBox({ generation, updateHostname: true });
      const outcome = await service().connectServer(
        { box: ref(box), token: PIPE_TOKEN, iotname: 'till-3' },
        signal,
      );
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      expect(writes(box).map((request) => request.path)).toEqual([
        `${PREFIX[generation]}/connect_to_server`,
        `${PREFIX[generation]}/update_hostname`,
      ]);
      expect(JSON.parse(writes(box)[1]?.body ?? '{}')).toMatchObject({
        params: { hostname: 'till-3' },
      });
      expect(outcome.ok && outcome.value).toMatchObject({
        before: { name: 'iotbox', serverUrl: null },
        box: { name: 'till-3', serverUrl: 'https://shop.example.test' },
      });
    },
  );

  it('a box that comes back under its old name → box-rename-failed', async () => {
    const box = await startBox({ generation: 'g3', updateHostname: true });
    const proxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    // Its update_hostname unreachable: the fallback `iotname` is ignored by this tree.
    proxy.rules = [
      { path: '/hw_posbox_homepage/update_hostname', reply: '<html>404</html>', status: 404 },
    ];
    const outcome = await service().connectServer(
      { box: ref(proxy), token: PIPE_TOKEN, iotname: 'till-4' },
      signal,
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'box-rename-failed' } });
    expect(box.state.hostname).toBe('iotbox');
  });

  it('G4 on 19.0 (no hostname in /data) cannot be renamed: refused before sending', async () => {
    const box = await startBox({ generation: 'g4' });
    const outcome = await service().connectServer(
      { box: ref(box), token: PIPE_TOKEN, iotname: 'till-2' },
      signal,
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'box-action-unsupported' } });
    expect(writes(box)).toEqual([]);
  });
});

describe('renaming a box on its own (the wizard\'s "Rename this box")', () => {
  it.each([
    ['g1', {}, ['/server_connect']],
    ['g2', {}, ['/hw_posbox_homepage/connect_to_server']],
    // A G3 tree from before update_hostname: the route is missing, connect_to_server renames.
    ['g3', {}, ['/hw_posbox_homepage/update_hostname', '/hw_posbox_homepage/connect_to_server']],
    ['g3', { updateHostname: true }, ['/hw_posbox_homepage/update_hostname']],
    ['g4', { updateHostname: true }, ['/iot_drivers/update_hostname']],
  ] as const)(
    '%s %j: the reply is lost to the reboot, the box comes back renamed and still connected',
    async (generation, features, paths) => {
      const box = await startBox({
        generation,
        ...features,
        serverUrl: 'https://shop.example.test',
        token: 's3cr3tToken',
        dbUuid: UUID,
        enterpriseCode: CODE,
      });
      const restartsBefore = box.restarts;
      const progress: BoxRestartProgress[] = [];
      const outcome = await service().rename({ box: ref(box), name: 'Till-7' }, signal, (p) =>
        progress.push(p),
      );
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      expect(writes(box).map((request) => request.path)).toEqual(paths);
      expect(outcome.ok && outcome.value).toMatchObject({
        before: { name: 'iotbox' },
        box: { name: 'Till-7', serverUrl: 'https://shop.example.test' },
        restarted: true,
      });
      expect(box.state).toMatchObject({
        hostname: 'Till-7',
        serverUrl: 'https://shop.example.test',
      });
      expect(box.restarts).toBeGreaterThan(restartsBefore);
      expect(progress.map((p) => p.phase)).toContain('back');
    },
  );

  it.each([
    ['a space', 'till 7'],
    ['an accent', 'café'],
    ['a leading hyphen', '-till'],
    ['a trailing hyphen', 'till-'],
    ['more than a Wi-Fi name holds', 'a'.repeat(33)],
    ['nothing', '   '],
  ])('a name with %s is refused before the box is even read', async (_case, name) => {
    const box = await startBox({ generation: 'g2' });
    const before = box.received.length;
    const outcome = await service().rename({ box: ref(box), name }, signal);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(box.received.length).toBe(before);
  });

  it.each([
    ['G4 on 19.0 (no hostname in /data)', { generation: 'g4' }],
    ['a Windows virtual box', { generation: 'g3', system: 'Windows' }],
    ['a box in access-point mode', { generation: 'g2', accessPoint: true }],
  ] as const)('%s is refused without sending anything', async (_case, options) => {
    const box = await startBox(options);
    const outcome = await service().rename({ box: ref(box), name: 'till-7' }, signal);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'box-action-unsupported' } });
    expect(writes(box)).toEqual([]);
  });

  it('the name it already has: nothing is sent, no reboot', async () => {
    const box = await startBox({ generation: 'g2', hostname: 'till-7' });
    const outcome = await service().rename({ box: ref(box), name: ' till-7 ' }, signal);
    expect(outcome).toMatchObject({
      ok: true,
      value: { restarted: false, box: { name: 'till-7' } },
    });
    expect(writes(box)).toEqual([]);
  });

  it('a box that reboots under its old name → box-rename-failed', async () => {
    const box = await startBox({ generation: 'g3', updateHostname: true });
    const proxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    // The route is lost, and this tree ignores `iotname` in connect_to_server.
    proxy.rules = [
      { path: '/hw_posbox_homepage/update_hostname', reply: '<html>404</html>', status: 404 },
    ];
    const outcome = await service().rename({ box: ref(proxy), name: 'till-8' }, signal);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'box-rename-failed' } });
    expect(box.state.hostname).toBe('iotbox');
  });
});

describe("the second restart: the box switches to the database's branch", () => {
  it.each([
    ['g2', 'g3'],
    ['g1', 'g2'],
  ] as const)(
    '%s: waits through the checkout and its restart, and comes back as %s',
    async (generation, becomes) => {
      const box = await startBox({ generation, branchSwitch: { checkoutMs: 2_000, becomes } });
      const progress: BoxRestartProgress[] = [];
      const outcome = await service({ branchSettleMs: BRANCH_SETTLE_MS }).connectServer(
        { box: ref(box), token: PIPE_TOKEN },
        signal,
        (p) => progress.push(p),
      );
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      expect(box.restarts).toBe(2);
      expect(outcome.ok && outcome.value).toMatchObject({
        before: { api: generation },
        box: { api: becomes, serverUrl: 'https://shop.example.test' },
      });
      if (generation === 'g2') {
        // The requests-era helpers say so in the log: the wait is announced as an update.
        expect(progress.map((p) => p.phase)).toContain('updating');
      }
      expect(progress.at(-1)?.phase).toBe('back');
    },
  );

  it("a box already on its database's branch says so in its log: no second wait", async () => {
    const box = await startBox({ generation: 'g3' });
    const progress: BoxRestartProgress[] = [];
    const outcome = await service().connectServer(
      { box: ref(box), token: PIPE_TOKEN },
      signal,
      (p) => progress.push(p),
    );
    expect(outcome.ok).toBe(true);
    expect(box.restarts).toBe(1);
    expect(progress.map((p) => p.phase)).not.toContain('updating');
    expect(box.logs.join('\n')).toContain(
      "Current IoT Box local git branch: saas-18.2 / Associated Odoo database's git branch: saas-18.2",
    );
  });
});

describe('credentials', () => {
  it.each(GENERATIONS)(
    '%s: save sends exactly db_uuid and enterprise_code, twice is harmless',
    async (generation) => {
      const box = await startBox({ generation });
      const pairing = service();
      for (const round of [1, 2]) {
        const outcome = await pairing.saveCredentials(
          {
            box: ref(box),
            credentials: { source: 'typed', dbUuid: UUID, enterpriseCode: CODE },
            remember: false,
          },
          signal,
        );
        expect(outcome.ok && outcome.value.box.dbUuidSet, `round ${round}`).toBe(true);
        expect(box.state).toMatchObject({ dbUuid: UUID, enterpriseCode: CODE });
      }
      const sent = writes(box);
      expect(sent).toHaveLength(2);
      expect(sent[0]?.body).toBe(sent[1]?.body);
      if (generation === 'g1') {
        expect(sent[0]?.path).toBe('/save_credential');
        expect(sent[0]?.body).toBe(`db_uuid=${UUID}&enterprise_code=${CODE}`);
      } else {
        expect(sent[0]?.path).toBe(`${PREFIX[generation]}/save_credential`);
        expect(sent[0]?.body).toBe(
          `{"jsonrpc":"2.0","method":"call","params":{"db_uuid":"${UUID}","enterprise_code":"${CODE}"}}`,
        );
      }
      expect(box.restarts).toBe(2);
    },
  );

  it.each(GENERATIONS)('%s: clear empties both values and restarts', async (generation) => {
    const box = await startBox({ generation, dbUuid: UUID, enterpriseCode: CODE });
    const outcome = await service().clearCredentials(ref(box), signal);
    expect(outcome.ok && outcome.value).toMatchObject({
      before: { dbUuidSet: true, enterpriseCodeSet: true },
      box: { dbUuidSet: false, enterpriseCodeSet: false },
    });
    expect(box.state).toMatchObject({ dbUuid: null, enterpriseCode: null });
    expect(writes(box).map((r) => r.path)).toEqual([
      generation === 'g1' ? '/clear_credential' : `${PREFIX[generation]}/clear_credential`,
    ]);
  });

  it.each(GENERATIONS)(
    '%s: typed credentials without an enterprise code save the UUID alone',
    async (generation) => {
      const box = await startBox({ generation, serverUrl: 'https://shop.example.test' });
      const outcome = await service().saveCredentials(
        {
          box: ref(box),
          credentials: { source: 'typed', dbUuid: UUID, enterpriseCode: '' },
          remember: false,
        },
        signal,
      );
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      expect(box.state).toMatchObject({ dbUuid: UUID, enterpriseCode: null });
    },
  );

  it.each([
    ['not-a-uuid', CODE, 'db-uuid-invalid'],
    [`${UUID}0`, CODE, 'db-uuid-invalid'],
    ['', CODE, 'db-uuid-invalid'],
    [UUID, 'M24 07', 'enterprise-code-invalid'],
    [UUID, 'x'.repeat(100), 'enterprise-code-invalid'],
  ])('invalid %j / %j → %s, nothing sent', async (dbUuid, enterpriseCode, code) => {
    const box = await startBox({ generation: 'g2' });
    const before = box.received.length;
    const outcome = await service().saveCredentials(
      { box: ref(box), credentials: { source: 'typed', dbUuid, enterpriseCode }, remember: false },
      signal,
    );
    expect(outcome).toMatchObject({ ok: false, error: { code } });
    expect(box.received.length).toBe(before);
  });
});

describe('restart and faults', () => {
  it.each(GENERATIONS)('%s: restart Odoo and wait until it is back', async (generation) => {
    const box = await startBox({ generation });
    const outcome = await service().restart(ref(box), signal);
    expect(outcome.ok && outcome.value.box.api).toBe(generation);
    expect(box.restarts).toBe(1);
  });

  it('a box answering "failure" → box-refused, configuration unchanged', async () => {
    const box = await startBox({ generation: 'g3' });
    const proxy: FaultProxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    proxy.rules = [
      {
        path: '/hw_posbox_homepage/connect_to_server',
        reply:
          '{"jsonrpc": "2.0", "id": null, "result": {"status": "failure", "message": "Failed to write server configuration files on IoT. Please try again."}}',
      },
    ];
    const outcome = await service().connectServer({ box: ref(proxy), token: PIPE_TOKEN }, signal);
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'box-refused',
        detail: 'Failed to write server configuration files on IoT. Please try again.',
      },
    });
    expect(box.state.serverUrl).toBeNull();
  });

  it('a JSON-RPC error with HTTP 200 → box-error', async () => {
    const box = await startBox({ generation: 'g4' });
    const proxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    proxy.rules = [
      {
        path: '/iot_drivers/save_credential',
        reply:
          '{"jsonrpc": "2.0", "id": null, "error": {"code": 200, "message": "Odoo Server Error", "data": {"name": "builtins.OSError", "message": "Read-only file system"}}}',
      },
    ];
    const outcome = await service().saveCredentials(
      {
        box: ref(proxy),
        credentials: { source: 'typed', dbUuid: UUID, enterpriseCode: CODE },
        remember: false,
      },
      signal,
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'box-error' } });
    expect(!outcome.ok && outcome.error.detail).toContain('Read-only file system');
  });

  it('connection dropped before the box got the request → box-connection-dropped, box unchanged', async () => {
    const box = await startBox({ generation: 'g2' });
    const proxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    proxy.rules = [{ path: '/hw_posbox_homepage/save_credential', drop: 'before' }];
    const outcome = await service().saveCredentials(
      {
        box: ref(proxy),
        credentials: { source: 'typed', dbUuid: UUID, enterpriseCode: CODE },
        remember: false,
      },
      signal,
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'box-connection-dropped' } });
    expect(box.state.dbUuid).toBeNull();
  });

  it('connection dropped after the box applied it → box-connection-dropped; re-sending is harmless', async () => {
    const box = await startBox({ generation: 'g4' });
    const proxy = await startFaultProxy(box);
    cleanups.push(() => proxy.close());
    proxy.rules = [{ path: '/iot_drivers/connect_to_server', drop: 'after' }];
    const pairing = service();
    const first = await pairing.connectServer({ box: ref(proxy), token: PIPE_TOKEN }, signal);
    expect(first).toMatchObject({ ok: false, error: { code: 'box-connection-dropped' } });
    await box.settled();
    proxy.rules = [];
    const second = await pairing.connectServer({ box: ref(proxy), token: PIPE_TOKEN }, signal);
    expect(second.ok && second.value.box.serverUrl).toBe('https://shop.example.test');
    expect(box.state).toMatchObject({ serverUrl: 'https://shop.example.test', dbUuid: UUID });
  });

  it('a different box answers at the address after the restart → box-address-changed', async () => {
    const box = await startBox({ generation: 'g4', restartDowntimeMs: 5_000 });
    const { host, port } = box;
    let replaced = false;
    const outcome = await service().restart(ref(box), signal, (progress) => {
      if (progress.phase === 'down' && !replaced) {
        replaced = true;
        void box.close().then(() =>
          startBox({
            generation: 'g4',
            host,
            port,
            mac: '02:00:00:00:00:99',
            identifier: 'other-box',
          }),
        );
      }
    });
    expect(replaced).toBe(true);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'box-address-changed' } });
  });

  it('the box comes back reporting another IP → box-address-changed naming it', async () => {
    const box = await startBox({ generation: 'g3', restartDowntimeMs: 5_000 });
    const { host, port } = box;
    const first = await service().getInfo(ref(box), signal);
    const sameMac = first.ok ? first.value.mac : null;
    let replaced = false;
    const outcome = await service().restart(ref(box), signal, (progress) => {
      if (progress.phase === 'down' && !replaced) {
        replaced = true;
        void box.close().then(() =>
          startBox({
            generation: 'g3',
            host,
            port,
            ...(sameMac === null ? {} : { mac: sameMac }),
            ip: '192.168.77.61',
          }),
        );
      }
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'box-address-changed', detail: 'the box now reports 192.168.77.61' },
    });
  });

  it('the box never comes back → box-restart-timeout', async () => {
    const box = await startBox({ generation: 'g2', restartDowntimeMs: 5_000 });
    let closed = false;
    const outcome = await service({ restartTimeoutMs: 1_500 }).restart(
      ref(box),
      signal,
      (progress) => {
        if (progress.phase === 'down' && !closed) {
          closed = true;
          void box.close();
        }
      },
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'box-restart-timeout' } });
  });
});
