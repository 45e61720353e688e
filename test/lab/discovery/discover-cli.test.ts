import { existsSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLabLan, REPO_ROOT, requireLab, type LabLan } from '../netns';

/*
 * The built `iotbox discover` inside the lab's pc namespace: box1 is announced by a real avahi
 * (host name `iotbox.local`, plus a service with an odd name and a bulky TXT record), box2 only
 * answers the sweep, box3 is busy (it answers its hello 600 ms late, later than a silent address
 * is given up), and the decoy answers every path with a router page. The other 250 addresses of
 * the /24 are silent: nothing answers ARP there.
 */
const lab = requireLab();
const CLI = path.join(REPO_ROOT, 'out/main/cli.js');

type CliBox = { ip: string; port: number; api: string; foundBy: string[]; identifier: unknown };
type CliChannel = { durationMs: number; boxes: number };
type CliReport = {
  boxes: CliBox[];
  durationMs: number;
  channels: Record<string, CliChannel>;
  probed: number;
  reasons: string[];
};

describe.skipIf(lab.skip)('iotbox discover in the namespace LAN', () => {
  let lan: LabLan;

  beforeAll(async () => {
    if (!existsSync(CLI)) {
      throw new Error(
        'build the CLI first: npx electron-vite build --config build/electron.vite.config.ts',
      );
    }
    lan = await createLabLan({
      boxes: [
        {
          mdns: {
            hostName: 'iotbox',
            services: [
              {
                name: 'Odd \\\\ name ☃ with.dots',
                type: '_http._tcp',
                port: 8069,
                txt: Array.from({ length: 8 }, (_, index) => `k${index}=${'x'.repeat(200)}`),
              },
            ],
          },
        },
        { mdns: false },
        { mdns: false, helloDelayMs: 600 },
      ],
    });
  });
  afterAll(async () => {
    await lan.close();
  });

  it('finds the mDNS box, the sweep-only box and the busy box, never the decoy, as one JSON document', async () => {
    const run = await lan.exec(
      'pc',
      [
        process.execPath,
        CLI,
        'discover',
        '--json',
        '--subnet',
        '192.168.77.0/24',
        '--interface',
        'eth0',
      ],
      { timeoutMs: 40_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CliReport;
    const [box1, box2, busy] = lan.boxes;
    const byIp = new Map(report.boxes.map((box) => [box.ip, box]));
    expect(byIp.get(box1?.ip ?? '')?.foundBy).toEqual(['mdns', 'sweep']);
    expect(byIp.get(box2?.ip ?? '')?.foundBy).toEqual(['sweep']);
    expect(byIp.get(busy?.ip ?? '')?.foundBy).toEqual(['sweep']);
    expect(byIp.has('192.168.77.30')).toBe(false);
    expect(report.boxes).toHaveLength(3);
    expect(report.boxes.every((box) => box.api === 'g4' && box.port === 8069)).toBe(true);
    expect(report.probed).toBe(254);
    expect(report.reasons).toEqual([]);
    // What each channel took, and found; both end within the whole search.
    expect(Object.keys(report.channels).sort()).toEqual(['mdns', 'sweep']);
    expect(report.channels['mdns']?.boxes).toBe(1);
    expect(report.channels['sweep']?.boxes).toBe(3);
    for (const channel of Object.values(report.channels)) {
      expect(channel.durationMs).toBeGreaterThan(0);
      expect(channel.durationMs).toBeLessThanOrEqual(report.durationMs);
    }
    expect(Object.keys(report.boxes[0] ?? {}).sort()).toEqual(
      [
        'alsoClaimedBy',
        'api',
        'certificate',
        'foundBy',
        'identifier',
        'ip',
        'mac',
        'name',
        'port',
        'reportedIp',
        'serverUrl',
        'system',
        'version',
      ].sort(),
    );
  });

  it('finds the announced box by mDNS alone and exits 1 with reasons when nothing answers', async () => {
    const mdnsOnly = await lan.exec(
      'pc',
      [
        process.execPath,
        CLI,
        'discover',
        '--json',
        '--no-sweep',
        '--interface',
        'eth0',
        '--timeout',
        '5',
      ],
      { timeoutMs: 20_000 },
    );
    expect(mdnsOnly.code).toBe(0);
    const found = JSON.parse(mdnsOnly.stdout) as CliReport;
    expect(found.boxes.map((box) => [box.ip, box.foundBy])).toEqual([[lan.boxes[0]?.ip, ['mdns']]]);

    // A range with only the decoy and silent addresses: no box, and the reasons say why.
    const none = await lan.exec(
      'pc',
      [process.execPath, CLI, 'discover', '--json', '--no-mdns', '--subnet', '192.168.77.28/30'],
      { timeoutMs: 20_000 },
    );
    expect(none.code).toBe(1);
    const empty = JSON.parse(none.stdout) as CliReport;
    expect(empty.boxes).toEqual([]);
    expect(empty.reasons).toEqual(['discovery-nothing-found', 'discovery-no-box-answered']);
  });

  it('refuses an interface the pc does not have, sending nothing', async () => {
    const run = await lan.exec('pc', [process.execPath, CLI, 'discover', '--interface', 'wlan9'], {
      timeoutMs: 20_000,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('wlan9');
  });
});
