import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { sealOf } from '../../../electron/core/dns/dns-config/journal-seal';
import { createLabLan, LAB_ADDRESSES, REPO_ROOT, requireLab, type LabLan } from '../netns';

// The journaled change on the pc namespace's real resolv.conf (the bind-mounted
// /etc/netns/<pc>/resolv.conf, rewritten in place): apply → verify → keep → undo, automatic
// rollback when the change does not help, a journal that cannot be written, and a change left
// open by a process that died.

const lab = requireLab();
const CLI = join(REPO_ROOT, 'out/main/cli.js');
const PUBLIC = LAB_ADDRESSES.publicDns;
const ORIGINAL = `# written by the lab\nsearch lan\nnameserver ${LAB_ADDRESSES.gateway}\noptions timeout:1 attempts:1\n`;

type Json = {
  ok: boolean;
  verdict?: string;
  change?: { id: string; state: string; method: string } | null;
  recheck?: { resolves: boolean } | null;
  changeError?: { code: string } | null;
  error?: { code: string };
};

describe.skipIf(lab.skip)('iotbox dns --fix this-device / --restore on the pc namespace', () => {
  let lan: LabLan;
  let dataDir: string;
  let boxName: string;
  let inode: number;

  const dns = async (args: readonly string[]) => {
    const result = await lan.exec('pc', [process.execPath, CLI, 'dns', ...args, '--json'], {
      env: { IOTBOX_DATA_DIR: dataDir },
      timeoutMs: 30_000,
    });
    return { code: result.code, json: JSON.parse(result.stdout) as Json, stderr: result.stderr };
  };
  const journal = async () =>
    JSON.parse(await readFile(join(dataDir, 'dns-journal.json'), 'utf8')) as {
      id: string;
      state: string;
      reason: string | null;
    };
  /** Edits the journal and seals it again with the key file beside it. */
  const rewriteJournal = async (
    edit: (journal: Record<string, unknown>) => Record<string, unknown>,
  ) => {
    const path = join(dataDir, 'dns-journal.json');
    const body = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    delete body['seal'];
    const key = Buffer.from(
      (await readFile(join(dataDir, 'dns-journal.key'), 'utf8')).trim(),
      'hex',
    );
    const edited = edit(body);
    await writeFile(
      path,
      JSON.stringify({ ...edited, seal: { kind: 'file', mac: sealOf(edited, key) } }),
    );
  };

  beforeAll(async () => {
    lan = await createLabLan({ boxes: [{ server: 'none', mdns: false }], decoy: false });
    boxName = lan.boxes[0]?.dnsName ?? '';
  });
  afterAll(async () => {
    await lan?.close();
  });
  beforeEach(async () => {
    await lan.setRouterDns('rebind-block');
    // The exact bytes every test must find again after an undo or a rollback.
    await writeFile(lan.pcResolvConfPath, ORIGINAL);
    inode = (await stat(lan.pcResolvConfPath)).ino;
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
    dataDir = await mkdtemp(join(tmpdir(), 'iotbox-dns-change-'));
  });

  it('applies, verifies, keeps, and undoes to the exact previous file', async () => {
    const fixed = await dns([
      boxName,
      '--reference-dns',
      PUBLIC,
      '--doh',
      'off',
      '--fix',
      'this-device',
    ]);
    expect(fixed.json.verdict).toBe('rebind-blocked');
    expect(fixed.json.change).toMatchObject({ state: 'confirmed', method: 'resolv-conf' });
    expect(fixed.json.recheck?.resolves).toBe(true);
    expect(fixed.code).toBe(0);
    const changed = lan.readPcResolvConf();
    expect(changed).toContain(`nameserver ${PUBLIC}`);
    expect(changed).not.toContain(`nameserver ${LAB_ADDRESSES.gateway}`);
    // search and options survive the change; the inode too (the namespace's bind mount).
    expect(changed).toContain('search lan');
    expect(changed).toContain('options timeout:1 attempts:1');
    expect((await stat(lan.pcResolvConfPath)).ino).toBe(inode);

    // Now the box resolves from the pc.
    const after = await dns([boxName, '--reference-dns', PUBLIC, '--doh', 'off']);
    expect(after.json.verdict).toBe('ok');

    const undone = await dns(['--restore']);
    expect(undone.code).toBe(0);
    expect(undone.json.change?.state).toBe('restored');
    expect(lan.readPcResolvConf()).toBe(ORIGINAL);
    expect((await stat(lan.pcResolvConfPath)).ino).toBe(inode);
    expect((await journal()).state).toBe('restored');

    // Undo twice: nothing left to undo, nothing touched.
    const twice = await dns(['--restore']);
    expect(twice.code).toBe(1);
    expect(twice.json.error?.code).toBe('dns-no-change');
    expect(lan.readPcResolvConf()).toBe(ORIGINAL);
  });

  it('rolls back by itself when the change does not make the name resolve', async () => {
    // The filtering router is listed first: after the change the resolver still asks it first and
    // accepts its empty answer, so verification fails — the "router still in the path" case.
    const result = await dns([
      boxName,
      '--reference-dns',
      LAB_ADDRESSES.gateway,
      '--reference-dns',
      PUBLIC,
      '--doh',
      'off',
      '--fix',
      'this-device',
    ]);
    expect(result.json.verdict).toBe('rebind-blocked');
    expect(result.json.changeError?.code).toBe('dns-fix-not-verified');
    expect(result.code).toBe(1);
    expect(lan.readPcResolvConf()).toBe(ORIGINAL);
    expect(await journal()).toMatchObject({ state: 'rolled-back', reason: 'not-verified' });
  });

  it('changes nothing when the journal cannot be written first', async () => {
    // Root ignores permissions: the data folder becomes a read-only mount, for this one process
    // (ip netns exec gives every command its own mount namespace).
    const result = await lan.exec(
      'pc',
      [
        'sh',
        '-c',
        'mount -t tmpfs -o ro none "$0" && exec "$@"',
        dataDir,
        process.execPath,
        CLI,
        'dns',
        boxName,
        '--reference-dns',
        PUBLIC,
        '--doh',
        'off',
        '--fix',
        'this-device',
        '--json',
      ],
      { env: { IOTBOX_DATA_DIR: dataDir }, timeoutMs: 30_000 },
    );
    const json = JSON.parse(result.stdout) as Json;
    expect(json.changeError?.code).toBe('dns-journal-unwritable');
    expect(result.code).toBe(1);
    expect(lan.readPcResolvConf()).toBe(ORIGINAL);
  });

  it('restores a change left open by a process that died before confirming', async () => {
    const fixed = await dns([
      boxName,
      '--reference-dns',
      PUBLIC,
      '--doh',
      'off',
      '--fix',
      'this-device',
    ]);
    expect(fixed.code).toBe(0);
    // What a crash between "applied" and "confirmed" leaves on disk, sealed as the process
    // that crashed would have sealed it (with the key beside the journal).
    await rewriteJournal((journal) => ({
      ...journal,
      state: 'awaiting-confirmation',
      deadline: 1,
    }));
    const restored = await dns(['--restore']);
    expect(restored.json.change?.state).toBe('restored');
    expect(lan.readPcResolvConf()).toBe(ORIGINAL);
  });

  it('refuses a journal that names another file, even sealed with the key; touches nothing', async () => {
    const fixed = await dns([
      boxName,
      '--reference-dns',
      PUBLIC,
      '--doh',
      'off',
      '--fix',
      'this-device',
    ]);
    expect(fixed.code).toBe(0);
    const changed = lan.readPcResolvConf();
    const victim = join(dataDir, 'victim');
    await writeFile(victim, 'untouched\n');
    await rewriteJournal((journal) => {
      const snapshot = journal['snapshot'] as { file: { path: string; content: string } };
      return { ...journal, snapshot: { ...snapshot, file: { path: victim, content: 'owned\n' } } };
    });
    const refused = await dns(['--restore']);
    expect(refused.code).toBe(1);
    expect(refused.json.error?.code).toBe('dns-journal-tampered');
    expect(await readFile(victim, 'utf8')).toBe('untouched\n');
    expect(lan.readPcResolvConf()).toBe(changed);
    // Edited without the key: refused by the seal.
    const path = join(dataDir, 'dns-journal.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace('"confirmed"', '"restoring"'));
    expect((await dns(['--restore'])).json.error?.code).toBe('dns-journal-tampered');
    // Forget ends it; DNS stays as it is now, and a new change can be made.
    const forgotten = await dns(['--forget']);
    expect(forgotten.code).toBe(0);
    expect(lan.readPcResolvConf()).toBe(changed);
    expect((await dns(['--restore'])).json.error?.code).toBe('dns-no-change');
    await writeFile(lan.pcResolvConfPath, ORIGINAL);
  });

  it('while another process is changing DNS, a second change is refused and touches nothing', async () => {
    const args = [boxName, '--reference-dns', PUBLIC, '--doh', 'off', '--fix', 'this-device'];
    // This test process holds the lock, as a CLI or app in the middle of a change would.
    const lock = join(dataDir, 'dns-change.lock');
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() }));
    const refused = await dns(args);
    expect(refused.json.changeError?.code).toBe('dns-change-busy');
    expect(refused.code).toBe(1);
    expect(lan.readPcResolvConf()).toBe(ORIGINAL);
    await rm(lock);
    const fixed = await dns(args);
    expect(fixed.json.change?.state).toBe('confirmed');
    const undone = await dns(['--restore']);
    expect(undone.json.change?.state).toBe('restored');
    expect(lan.readPcResolvConf()).toBe(ORIGINAL);
  });
});
