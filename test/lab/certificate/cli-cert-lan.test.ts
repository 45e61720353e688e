import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLabLan, requireLab, type LabLan } from '../netns';
import { loadOrCreateLabCa } from '../sim/lab-ca';

// The CLI's real path: `iotbox cert` on the lab PC resolves the box's odoo-iot name with the
// PC's own resolver (the lab router), trusts the lab CA through NODE_EXTRA_CA_CERTS and talks
// TLS to the G4 simulator on 192.168.77.20:443. The router's rebind filter hides the name until
// the `odoo-iot.com` exception is set, exactly the situation the DNS step repairs.

const lab = requireLab();
const CLI = 'out/main/cli.js';
// This computer's own odoo.com check must stay inside the lab (nothing listens there).
const NO_ODOO_COM = 'http://127.0.0.1:9/';

type CertJson = {
  ok: boolean;
  outcome: string;
  actions: { id: string }[];
  verify: {
    ok: boolean;
    problem: string | null;
    hostname: string | null;
    daysLeft: number | null;
    issuer: string | null;
  } | null;
};

describe.skipIf(lab.skip)('iotbox cert in the namespace LAN', () => {
  let lan: LabLan | undefined;
  let caDir = '';
  let caPath = '';

  beforeAll(async () => {
    caDir = await mkdtemp(join(tmpdir(), 'iotbox-cert-lab-'));
    ({ caCertPath: caPath } = await loadOrCreateLabCa(caDir));
    lan = await createLabLan({
      decoy: false,
      routerDns: 'rebind-block',
      boxes: [
        {
          api: 'g4',
          mdns: false,
          x509Url: null,
          caDir,
          simArgs: [
            '--certificate',
            'valid',
            '--server-url',
            'https://shop.example.test',
            '--db-uuid',
            '0b7d54e2-9a55-4b8e-8f5c-1f2e3d4c5b6a',
            '--enterprise-code',
            'M2403151234567',
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await lan?.close();
    await rm(caDir, { recursive: true, force: true });
  });

  const theLan = (): LabLan => {
    if (lan === undefined) throw new Error('lab did not come up');
    return lan;
  };
  const cert = async (): Promise<{ code: number | null; report: CertJson }> => {
    const box = theLan().boxes[0];
    if (box === undefined) throw new Error('no box');
    const result = await theLan().exec(
      'pc',
      [process.execPath, CLI, 'cert', box.ip, '--json', '--odoo-com-url', NO_ODOO_COM],
      { env: { NODE_EXTRA_CA_CERTS: caPath }, timeoutMs: 30_000 },
    );
    return { code: result.code, report: JSON.parse(result.stdout) as CertJson };
  };

  it('sends the user to the DNS repair when the router filters the box name', async () => {
    const { code, report } = await cert();
    expect(code).toBe(1);
    expect(report.outcome).toBe('https-name-does-not-resolve');
    expect(report.actions.map((action) => action.id)).toEqual(['repair-dns']);
    expect(report.verify).toMatchObject({
      ok: false,
      problem: 'name-does-not-resolve',
      hostname: theLan().boxes[0]?.dnsName,
    });
  });

  it('verifies the box by name once the router lets odoo-iot.com through', async () => {
    await theLan().setRouterDns('rebind-exception');
    const { code, report } = await cert();
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, outcome: 'valid' });
    expect(report.verify).toMatchObject({
      ok: true,
      problem: null,
      hostname: theLan().boxes[0]?.dnsName,
      issuer: 'IoT Box Assistant Lab CA (IoT Box Assistant lab)',
    });
    // The router really answered the name (the PC used its system resolver).
    expect(theLan().dnsLog('router')).toContain(theLan().boxes[0]?.dnsName ?? 'missing');
  });
});
