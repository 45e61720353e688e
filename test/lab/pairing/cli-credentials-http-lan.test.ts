import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLabLan, LAB_ADDRESSES, requireLab, type LabLan } from '../netns';
import type { TrackedProcess } from '../netns';

// `iotbox credentials --from-db` on the lab PC against an Odoo database elsewhere on the shop's
// LAN that answers only plain http: the password would cross the network in clear text, so the
// CLI says so and sends nothing until --allow-http. What reached the database is read from the
// database simulator's own request log.

const lab = requireLab();
const CLI = 'out/main/cli.js';
const DB_PORT = 8070;
const DB_URL = `http://${LAB_ADDRESSES.decoy}:${DB_PORT}`;
const READY = /^\{.*"ready"\s*:\s*true.*\}\s*$/m;

describe.skipIf(lab.skip)('iotbox credentials --from-db over plain http on the LAN', () => {
  let lan: LabLan | undefined;
  let db: TrackedProcess | undefined;

  beforeAll(async () => {
    lan = await createLabLan({ boxes: [{ api: 'g4', mdns: false }] });
    db = lan.spawn(
      'decoy',
      [
        process.execPath,
        '--import',
        'tsx',
        'test/lab/cli/odoo-db.ts',
        '--host',
        LAB_ADDRESSES.decoy,
        '--port',
        String(DB_PORT),
      ],
      { label: 'odoo-db' },
    );
    await db.waitFor(READY, 30_000, 'stdout');
  });
  afterAll(async () => {
    await lan?.close();
  });

  const credentials = (extra: readonly string[]) => {
    if (lan === undefined) throw new Error('lab did not come up');
    return lan.exec(
      'pc',
      [
        process.execPath,
        CLI,
        'credentials',
        LAB_ADDRESSES.firstBox,
        '--from-db',
        DB_URL,
        '--login',
        'admin',
        ...extra,
      ],
      { env: { IOTBOX_PASSWORD: 'admin' } },
    );
  };

  it('refuses before the password leaves this computer, and says how to go on', async () => {
    const run = await credentials([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('This database address is not encrypted');
    expect(run.stderr).toContain('--allow-http');
    expect(db?.stderr).toContain('request /web/webclient/version_info');
    expect(db?.stderr).not.toContain('common.authenticate');
  });

  it('--allow-http sends it, with a warning, and the box gets its credentials', async () => {
    const run = await credentials(['--allow-http', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Warning: --allow-http');
    expect(db?.stderr).toContain('common.authenticate');
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      box: { dbUuidSet: true, enterpriseCodeSet: true },
    });
  });
});
