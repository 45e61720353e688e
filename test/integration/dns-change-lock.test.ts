import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { silentLog } from '../../electron/core/adapters/console-log';
import { createDnsJournalStore } from '../../electron/core/adapters/dns-journal-store';
import { createNodeTextFile } from '../../electron/core/adapters/node-text-file';
import { DnsChangeService } from '../../electron/core/dns/dns-config/dns-change-service';
import { createResolvConfBackend } from '../../electron/core/dns/dns-config/linux-resolv-conf';
import { createDirectRunner } from '../../electron/core/dns/dns-config/step-runners';

// Two processes change this computer's DNS at the same moment (the app and a technician's
// `iotbox dns --apply`, say), each through the real journal store and its lock file, on one
// resolv.conf. Each is held in the middle of its change until the test lets go, so the two
// really overlap: exactly one may apply; the other is refused before touching anything, and
// the journal left behind is the winner's, so Undo puts back the file as it was.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'test/support/dns-change-process.ts');
const GUARD = join(ROOT, 'test/setup/network-guard.ts');
const ORIGINAL = '# my resolver\nsearch lan\nnameserver 192.168.1.1\noptions edns0\n';

type Said = { verifying?: true; ok?: boolean; id?: string; code?: string };
type Changer = { readonly said: Said[]; readonly exited: Promise<number | null> };

let dir: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotbox-dns-lock-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null) {
      child.kill();
    }
  }
  await rm(dir, { recursive: true, force: true });
});

/** Starts one changing process; `onSaid` runs after each line it prints. */
function startChanger(server: string, onSaid: () => void): Changer {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      GUARD,
      SCRIPT,
      '--data-dir',
      join(dir, 'data'),
      '--resolv-conf',
      join(dir, 'resolv.conf'),
      '--release',
      join(dir, 'release'),
      '--server',
      server,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const said: Said[] = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter((text) => text.trim() !== '')) {
      said.push(JSON.parse(line) as Said);
      onSaid();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { said, exited };
}

const outcome = (changer: Changer): Said | undefined => changer.said.find((s) => 'ok' in s);

describe('two concurrent DNS changes, in two processes', () => {
  it('one applies; the other is refused as busy; the journal is the winner’s and Undo restores', async () => {
    await writeFile(join(dir, 'resolv.conf'), ORIGINAL);
    let changers: Changer[] = [];
    // Let go once each process has either answered or is held mid-change: with the lock, one
    // was refused and the other is held; without it, both would be held here.
    const overlap = new Promise<void>((resolve) => {
      const check = (): void => {
        const settled = changers.every(
          (changer) =>
            outcome(changer) !== undefined || changer.said.some((said) => said.verifying === true),
        );
        if (changers.length === 2 && settled) {
          resolve();
        }
      };
      changers = [startChanger('8.8.8.8', check), startChanger('9.9.9.9', check)];
      void Promise.all(changers.map((changer) => changer.exited)).then(() => resolve());
    });
    await overlap;
    const appliedBeforeRelease = changers.filter((changer) =>
      changer.said.some((said) => said.verifying === true),
    ).length;
    await writeFile(join(dir, 'release'), '');
    expect(await Promise.all(changers.map((changer) => changer.exited))).toEqual([0, 0]);

    expect(appliedBeforeRelease).toBe(1);
    const results = changers.map((changer) => outcome(changer));
    expect(results.map((result) => (result?.ok ? 'ok' : result?.code)).sort()).toEqual([
      'dns-change-busy',
      'ok',
    ]);
    const winner = changers.findIndex((changer) => outcome(changer)?.ok === true);
    const [won, lost] = winner === 0 ? ['8.8.8.8', '9.9.9.9'] : ['9.9.9.9', '8.8.8.8'];
    const changed = await readFile(join(dir, 'resolv.conf'), 'utf8');
    expect(changed).toContain(`nameserver ${won}`);
    expect(changed).not.toContain(lost);

    // The journal on disk is the winner's: a third process restores exactly the original file.
    const files = createNodeTextFile();
    const store = createDnsJournalStore(join(dir, 'data'));
    expect(await store.file.read()).toMatchObject({ id: results[winner]?.id });
    const undo = new DnsChangeService({
      config: () =>
        Promise.resolve({
          backend: createResolvConfBackend({ files, path: join(dir, 'resolv.conf') }),
          runner: createDirectRunner({
            command: { run: () => Promise.reject(new Error('no commands here')) },
            files,
          }),
        }),
      store,
      lookup: { lookup: () => Promise.resolve({ ok: true, addresses: [] }) },
      log: silentLog,
    });
    const restored = await undo.restore(new AbortController().signal);
    expect(restored.ok && restored.value.state).toBe('restored');
    expect(await readFile(join(dir, 'resolv.conf'), 'utf8')).toBe(ORIGINAL);
  });
});
