import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLabLan, requireLab, type LabLan } from '../netns';
import { labDnsJson } from './dns-cli';

// The verdict needs no outside help: behind a filtering router, with reference servers that never
// answer (the LAN cannot reach the "Internet" on any port) and DoH off, the box's own name and the
// box answering at the address it encodes are enough to say "rebind filtering" and lead with the
// router exception.

const lab = requireLab();

type CliJson = {
  verdict: string;
  basis: string | null;
  boxReached: boolean;
  publishedAddresses: string[];
  resolvers: { roles: string[]; outcome: string }[];
  plans: { kind: string }[];
};

describe.skipIf(lab.skip)('iotbox dns without any reference answering', () => {
  let lan: LabLan;
  const dns = (name: string) => labDnsJson<CliJson>(lan, name);

  beforeAll(async () => {
    // A box with its real certificate (the name is read from it, as the wizard does).
    lan = await createLabLan({
      boxes: [{ server: 'sim', mdns: false, simArgs: ['--certificate', 'valid'] }],
      decoy: false,
    });
    await lan.setWanReachable(false, 'drop');
  });
  afterAll(async () => {
    await lan?.close();
  });

  it('a filtering router and a box that answers at its address → rebind-blocked, exception first', async () => {
    const name = lan.boxes[0]?.dnsName ?? '';
    const { code, report } = await dns(name);
    expect(report.verdict).toBe('rebind-blocked');
    expect(report).toMatchObject({ basis: 'name', boxReached: true, publishedAddresses: [] });
    expect(code).toBe(1);
    const reference = report.resolvers.find((probe) => probe.roles.includes('reference'));
    expect(reference?.outcome).toBe('timeout');
    expect(report.plans[0]?.kind).toBe('router-exception');
    // Google cannot be reached here: nothing offers to point a device at it.
    expect(report.plans.map((plan) => plan.kind)).not.toContain('this-device');
  });

  it('the same silence for a name whose box is not there stays "cannot tell"', async () => {
    // Same hash, another address: nothing answers at 192.168.77.99.
    const { report } = await dns(`192-168-77-99.${lan.hash}.odoo-iot.com`);
    expect(report).toMatchObject({ verdict: 'reference-unreachable', boxReached: false });
  });
});
