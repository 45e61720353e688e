import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLabLan, requireLab, type LabLan } from '../netns';
import { loadOrCreateLabCa } from '../sim/lab-ca';

// `iotbox doctor` on the lab PC against a connected G2 box with a real certificate, behind a
// router that filters the box's odoo-iot name: every check runs, the report names the cause,
// and the files written for support carry no secret.

const lab = requireLab();
const CLI = 'out/main/cli.js';
const DB_UUID = '0b7d54e2-9a55-4b8e-8f5c-1f2e3d4c5b6a';
const ENTERPRISE_CODE = 'M2403151234567';
const TOKEN = 'tok3nS3cr3tValue';

type Check = { id: string; ok: boolean; verdict: string; httpStatus: number | null };
type Report = { box: { api: string } | null; checks: Check[]; boxLogs: string | null };

describe.skipIf(lab.skip)('iotbox doctor in the namespace LAN', () => {
  let lan: LabLan | undefined;
  let work = '';
  let caPath = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'iotbox-doctor-lab-'));
    ({ caCertPath: caPath } = await loadOrCreateLabCa(work));
    lan = await createLabLan({
      decoy: false,
      routerDns: 'rebind-block',
      boxes: [
        {
          api: 'g2',
          mdns: false,
          x509Url: null,
          caDir: work,
          simArgs: [
            '--certificate',
            'valid',
            '--server-url',
            'https://shop.example.test',
            '--token',
            TOKEN,
            '--db-uuid',
            DB_UUID,
            '--enterprise-code',
            ENTERPRISE_CODE,
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await lan?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('runs every check, finds the router filter, and writes a report without secrets', async () => {
    if (lan === undefined) throw new Error('lab did not come up');
    const box = lan.boxes[0];
    if (box === undefined) throw new Error('no box');
    const reportBase = join(work, 'ticket');
    const result = await lan.exec(
      'pc',
      [
        process.execPath,
        CLI,
        'doctor',
        box.ip,
        '--json',
        '--report',
        reportBase,
        '--reference-dns',
        '203.0.113.53',
        '--doh',
        'off',
        '--odoo-com-url',
        'http://127.0.0.1:9/',
      ],
      { env: { NODE_EXTRA_CA_CERTS: caPath }, timeoutMs: 60_000 },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.box?.api).toBe('g2');
    const byId = Object.fromEntries(report.checks.map((check) => [check.id, check]));
    expect(byId['box']).toMatchObject({ ok: true, verdict: 'connected' });
    expect(byId['certificate']).toMatchObject({ ok: true });
    expect(byId['https']).toMatchObject({ ok: false, verdict: 'name-does-not-resolve' });
    expect(byId['dns']).toMatchObject({ ok: false, verdict: 'rebind-blocked' });
    expect(report.boxLogs).not.toBeNull();

    const html = await readFile(`${reportBase}.html`, 'utf8');
    const json = await readFile(`${reportBase}.json`, 'utf8');
    expect(html).toContain('dns: rebind-blocked');
    for (const text of [result.stdout, html, json]) {
      expect(text).not.toContain(ENTERPRISE_CODE);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(DB_UUID);
    }
  });
});
