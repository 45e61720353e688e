import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LAB_ADDRESSES, REPO_ROOT, createLabLan } from './lab-lan';
import type { LabLan } from './lab-lan';
import { requireLab } from './prereqs';
import type {
  DnsProbeOutput,
  DnsQuery,
  DnsQueryResult,
  HttpProbeOutput,
  MdnsProbeOutput,
} from './probe-types';
import { TrackedProcess, execCommand, isAlive } from './proc';
import { cleanupLeftovers, listNamespaces, markerPath } from './registry';

// One LAN for the whole file (bring-up is the expensive part); tests reconfigure it at runtime
// and each restores what it changed, so order does not matter except for the final teardown check.

const lab = requireLab();

const STALE_NAME = '192-168-77-99.a1b2c3d4.odoo-iot.com';
const PUBLIC_CONTROL = 'public.odoo-iot.com';
const UNPUBLISHED = '192-168-77-20.ffffffff.odoo-iot.com';

describe.skipIf(lab.skip)('lab LAN in network namespaces', () => {
  let lan: LabLan | undefined;

  const theLan = (): LabLan => {
    if (lan === undefined) throw new Error('lab did not come up');
    return lan;
  };
  const box1 = (): NonNullable<LabLan['boxes'][number]> => {
    const box = theLan().boxes[0];
    if (box === undefined) throw new Error('no box1');
    return box;
  };
  const dns = async (queries: readonly DnsQuery[]): Promise<DnsProbeOutput> =>
    theLan().probe<DnsProbeOutput>('pc', 'dns-query', { queries });
  const result = (output: DnsProbeOutput, index: number): DnsQueryResult => {
    const found = output.results[index];
    if (found === undefined) throw new Error(`no result ${index}`);
    return found;
  };

  beforeAll(async () => {
    lan = await createLabLan({
      // The box simulator currently refuses x509 URLs outside RFC 1918/loopback, so the boxes are
      // not pointed at the simulated odoo.com on 203.0.113.80 (x509Url: null).
      odooCom: { mode: 'issue' },
      boxes: [
        {
          x509Url: null,
          mdns: {
            services: [
              { name: 'IoT Box HTTP', type: '_http._tcp', port: 8069 },
              { name: 'IoT Box', type: '_odoo-iot._tcp', port: 8069, txt: ['version=18.0'] },
            ],
          },
        },
        // Most real boxes publish nothing at all.
        { mdns: false, x509Url: null },
      ],
      extraPublicRecords: [
        { name: STALE_NAME, address: '192.168.77.99' },
        // 198.18/15 is outside dnsmasq's rebind list: a control that passes the filter.
        { name: PUBLIC_CONTROL, address: '198.18.0.80' },
      ],
      routerDns: 'rebind-block',
    });
    console.info(
      `[lab] ${theLan().prefix} up in ${theLan().timings.upMs} ms`,
      theLan().timings.steps,
    );
  });

  afterAll(async () => {
    await lan?.close();
  });

  it('builds the documented topology with a per-run prefix', async () => {
    const current = theLan();
    expect(current.prefix).toMatch(/^ib[0-9a-f]{4}$/);
    const names = listNamespaces();
    for (const ns of Object.values(current.namespaces)) expect(names).toContain(ns);
    const addr = await current.exec('pc', ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
    expect(addr.stdout).toContain('192.168.77.10/24');
    const routes = await current.exec('pc', ['ip', 'route']);
    expect(routes.stdout).toContain('default via 192.168.77.1');
    expect(routes.stdout).toContain('224.0.0.0/4 dev eth0');
    const bridge = await current.exec('sw', [
      'cat',
      '/sys/class/net/br0/bridge/multicast_snooping',
    ]);
    expect(bridge.stdout.trim()).toBe('0');
    // Nothing of the lab exists in the root namespace: no veth end, no lab address.
    const rootLinks = await execCommand(['ip', '-o', 'link', 'show']);
    expect(rootLinks.stdout).not.toMatch(/\sp-pc[@:]/);
    const rootAddresses = await execCommand(['ip', '-4', '-o', 'addr', 'show']);
    expect(rootAddresses.stdout).not.toContain('192.168.77.');
    expect(rootAddresses.stdout).not.toContain('203.0.113.');
    expect(box1().dnsName).toBe('192-168-77-20.a1b2c3d4.odoo-iot.com');
    expect(current.readPcResolvConf()).toBe(
      'nameserver 192.168.77.1\noptions timeout:1 attempts:1\n',
    );
  });

  it('rebind-block: the box name is an empty NOERROR locally, the public DNS has the private IP', async () => {
    const name = box1().dnsName;
    const output = await dns([
      { name, method: 'lookup' },
      { name, method: 'resolve4' },
      { name, method: 'resolve4', server: LAB_ADDRESSES.publicDns },
      { name: PUBLIC_CONTROL, method: 'lookup' },
    ]);
    expect(output.resolvConf).toEqual(['192.168.77.1']);
    expect(result(output, 0)).toMatchObject({ ok: false, code: 'ENOTFOUND', errno: -3007 });
    expect(result(output, 1)).toMatchObject({ ok: false, code: 'ENODATA' });
    expect(result(output, 2)).toMatchObject({ ok: true, addresses: ['192.168.77.20'] });
    expect(result(output, 3)).toMatchObject({ ok: true, addresses: ['198.18.0.80'] });
    expect(theLan().dnsLog('router')).toContain(`possible DNS-rebind attack detected: ${name}`);
    expect(theLan().dnsLog('public')).toContain(`query[A] ${name} from 192.168.77.1`);
  });

  it('a name nobody publishes is NXDOMAIN; a stale record still answers', async () => {
    const output = await dns([
      { name: UNPUBLISHED, method: 'lookup' },
      { name: UNPUBLISHED, method: 'resolve4', server: LAB_ADDRESSES.publicDns },
      { name: STALE_NAME, method: 'resolve4', server: LAB_ADDRESSES.publicDns },
    ]);
    expect(result(output, 0)).toMatchObject({ ok: false, code: 'ENOTFOUND', errno: -3008 });
    expect(result(output, 1)).toMatchObject({ ok: false, code: 'ENOTFOUND' });
    expect(result(output, 2)).toMatchObject({ ok: true, addresses: ['192.168.77.99'] });
  });

  it('rebind-exception and forward modes resolve the box name via the system resolver', async () => {
    const current = theLan();
    const name = box1().dnsName;
    try {
      for (const mode of ['rebind-exception', 'forward'] as const) {
        await current.setRouterDns(mode);
        expect(current.routerDnsMode).toBe(mode);
        const output = await dns([
          { name, method: 'lookup' },
          { name, method: 'resolve4' },
        ]);
        expect(result(output, 0), mode).toMatchObject({ ok: true, addresses: ['192.168.77.20'] });
        expect(result(output, 1), mode).toMatchObject({ ok: true, addresses: ['192.168.77.20'] });
      }
      await current.setRouterDns('down');
      const down = await dns([
        { name, method: 'resolve4' },
        { name, method: 'lookup' },
      ]);
      expect(result(down, 0)).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
      expect(result(down, 1)).toMatchObject({ ok: false, code: 'EAI_AGAIN', errno: -3001 });
    } finally {
      await current.setRouterDns('rebind-block');
    }
    // The history keeps every instance's log, so earlier modes stay assertable.
    expect(current.dnsLog('router')).toContain('query[A]');
  });

  it('rewriting the pc resolv.conf in place to the public DNS makes dns.lookup succeed', async () => {
    const current = theLan();
    const inode = statSync(current.pcResolvConfPath).ino;
    try {
      current.setPcResolvers([LAB_ADDRESSES.publicDns]);
      expect(statSync(current.pcResolvConfPath).ino).toBe(inode);
      expect(current.readPcResolvConf()).toContain(`nameserver ${LAB_ADDRESSES.publicDns}`);
      const output = await dns([{ name: box1().dnsName, method: 'lookup' }]);
      expect(output.resolvConf).toEqual([LAB_ADDRESSES.publicDns]);
      expect(result(output, 0)).toMatchObject({ ok: true, addresses: ['192.168.77.20'] });
    } finally {
      current.setPcResolvers([LAB_ADDRESSES.gateway]);
    }
    expect(() => current.setPcResolvers(['8.8.8.8'])).toThrow(/lab guard/);
    expect(current.readPcResolvConf()).toContain('nameserver 192.168.77.1');
  });

  it('setWanReachable(false) makes the public DNS unreachable from the LAN only', async () => {
    const current = theLan();
    const name = box1().dnsName;
    try {
      await current.setRouterDns('forward');
      await current.setWanReachable(false, 'reject');
      const output = await dns([
        { name, method: 'resolve4', server: LAB_ADDRESSES.publicDns, timeoutMs: 1_000 },
        // The router itself still reaches its upstream.
        { name, method: 'lookup' },
      ]);
      expect(result(output, 0).ok).toBe(false);
      expect(result(output, 0).code).toBe('ECONNREFUSED');
      expect(result(output, 1)).toMatchObject({ ok: true, addresses: ['192.168.77.20'] });
      // 'drop' (the default) is silent: the client waits for its own timeout.
      await current.setWanReachable(true);
      await current.setWanReachable(false);
      expect(current.wanReachable).toBe(false);
      const dropped = await dns([
        { name, method: 'resolve4', server: LAB_ADDRESSES.publicDns, timeoutMs: 500 },
      ]);
      expect(result(dropped, 0)).toMatchObject({ ok: false, code: 'ETIMEOUT' });
    } finally {
      await current.setWanReachable(true);
      await current.setRouterDns('rebind-block');
    }
    const back = await dns([{ name, method: 'resolve4', server: LAB_ADDRESSES.publicDns }]);
    expect(result(back, 0)).toMatchObject({ ok: true, addresses: ['192.168.77.20'] });
  });

  it('setPublicDns(false) stops the public DNS itself; true brings it back', async () => {
    const current = theLan();
    const name = box1().dnsName;
    try {
      await current.setPublicDns(false);
      expect(current.publicDnsRunning).toBe(false);
      const output = await dns([{ name, method: 'resolve4', server: LAB_ADDRESSES.publicDns }]);
      expect(result(output, 0)).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    } finally {
      await current.setPublicDns(true);
    }
    expect(current.publicDnsRunning).toBe(true);
    const back = await dns([{ name, method: 'resolve4', server: LAB_ADDRESSES.publicDns }]);
    expect(result(back, 0)).toMatchObject({ ok: true, addresses: ['192.168.77.20'] });
  });

  it('iotbox.local resolves over mDNS and published services are browsed from the pc', async () => {
    const output = await theLan().probe<MdnsProbeOutput>('pc', 'mdns-query', {
      interfaceIp: LAB_ADDRESSES.pc,
      hosts: ['iotbox.local', 'iotbox-2.local'],
      browse: ['http', 'odoo-iot'],
      // Stops as soon as each type has answered; the long limit only matters on a loaded
      // machine, where avahi's first announcements can take several seconds.
      expectServices: 1,
      timeoutMs: 12_000,
    });
    expect(output.hosts['iotbox.local']).toEqual(['192.168.77.20']);
    // box2 runs no avahi: nothing answers for it.
    expect(output.hosts['iotbox-2.local']).toEqual([]);
    const http = output.services.find((service) => service.type === 'http');
    const odoo = output.services.find((service) => service.type === 'odoo-iot');
    expect(http).toMatchObject({ name: 'IoT Box HTTP', host: 'iotbox.local', port: 8069 });
    // bonjour-service may report no address (see MdnsFoundService); the host name always resolves.
    expect(http?.hostAddresses).toEqual(['192.168.77.20']);
    expect(['192.168.77.20', undefined]).toContain(http?.addresses[0]);
    expect(odoo).toMatchObject({ name: 'IoT Box', port: 8069, txt: { version: '18.0' } });
    expect(output.services.every((service) => service.host === 'iotbox.local')).toBe(true);
  });

  it('box1 answers ping on :8069/hw_proxy/hello; the decoy answers 200 but not ping', async () => {
    const current = theLan();
    const get = (url: string): Promise<HttpProbeOutput> =>
      current.probe<HttpProbeOutput>('pc', 'http-get', { url, timeoutMs: 3_000 });
    const [box, box2, decoy, decoyRoot] = await Promise.all([
      get('http://192.168.77.20:8069/hw_proxy/hello'),
      get('http://192.168.77.21:8069/hw_proxy/hello'),
      get(`http://${LAB_ADDRESSES.decoy}:8069/hw_proxy/hello`),
      get(`http://${LAB_ADDRESSES.decoy}/`),
    ]);
    expect(box).toMatchObject({ ok: true, status: 200, body: 'ping' });
    expect(box2).toMatchObject({ ok: true, status: 200, body: 'ping' });
    expect(decoy.status).toBe(200);
    expect(decoy.body).not.toBe('ping');
    expect(decoyRoot.body).toContain('hello');
    const simExists = existsSync(path.join(REPO_ROOT, 'test/lab/cli/sim.ts'));
    expect(box1().server).toBe(simExists ? 'sim' : 'fallback');
    expect(box1().ready?.ready).toBe(true);
  });

  it('the simulated odoo.com listens at 203.0.113.80, reachable from the LAN through gw', async () => {
    const current = theLan();
    expect(current.odooCom?.ready).toBe(true);
    const url = current.odooComX509Url ?? '';
    expect(url).toBe('http://203.0.113.80:80/odoo-enterprise/iot/x509');
    const output = await current.probe<HttpProbeOutput>('pc', 'http-get', {
      url,
      timeoutMs: 3_000,
    });
    // Any HTTP answer proves routing pc → gw → wan and back; the x509 API itself wants a POST.
    expect(output.ok).toBe(true);
    expect(output.status).toBeGreaterThanOrEqual(200);
  });

  it('probes refuse targets outside the lab', async () => {
    await expect(
      theLan().probe('pc', 'http-get', { url: 'http://8.8.8.8/', timeoutMs: 500 }),
    ).rejects.toThrow(/lab guard/);
  });

  it('close() leaves no namespace, overlay, process, temp dir or marker behind', async () => {
    const current = theLan();
    const pids = current.recordedPids();
    expect(pids.length).toBeGreaterThan(5);
    const report = await current.close();
    expect(report?.errors).toEqual([]);
    expect(listNamespaces().filter((ns) => ns.startsWith(`${current.prefix}-`))).toEqual([]);
    for (const ns of Object.values(current.namespaces)) {
      expect(existsSync(path.join('/etc/netns', ns))).toBe(false);
    }
    expect(pids.filter((entry) => isAlive(entry.pid, entry.startTime))).toEqual([]);
    expect(existsSync(current.tmpDir)).toBe(false);
    expect(existsSync(markerPath(current.prefix))).toBe(false);
    // Idempotent.
    await expect(current.close()).resolves.toEqual(report);
  });
});

describe.skipIf(lab.skip)('lab cleanup when the owner dies', () => {
  const startOwner = async (): Promise<{ child: TrackedProcess; prefix: string }> => {
    const child = new TrackedProcess(
      'lab-owner',
      [process.execPath, '--import', 'tsx', path.join(import.meta.dirname, 'probes/lab-owner.ts')],
      { cwd: REPO_ROOT },
    );
    const match = await child.waitFor(/"prefix":"(ib[0-9a-f]{4})"/, 20_000, 'stdout');
    const prefix = match[1];
    if (prefix === undefined) throw new Error('no prefix');
    expect(listNamespaces().some((ns) => ns.startsWith(`${prefix}-`))).toBe(true);
    return { child, prefix };
  };
  const leftovers = (prefix: string): string[] =>
    listNamespaces().filter((ns) => ns.startsWith(`${prefix}-`));

  it('SIGTERM to the owner runs its exit hook', async () => {
    const { child, prefix } = await startOwner();
    try {
      child.kill('SIGTERM');
      const exit = await child.exited;
      expect(exit.signal).toBe('SIGTERM');
      expect(leftovers(prefix)).toEqual([]);
      expect(existsSync(markerPath(prefix))).toBe(false);
    } finally {
      await child.stop();
    }
  });

  it('a SIGKILLed owner is cleaned up by the next cleanupLeftovers()', async () => {
    const { child, prefix } = await startOwner();
    try {
      child.kill('SIGKILL');
      await child.exited;
      expect(leftovers(prefix).length).toBeGreaterThan(0);
      const report = cleanupLeftovers();
      expect(report.removed.map((entry) => entry.prefix)).toContain(prefix);
      expect(leftovers(prefix)).toEqual([]);
      expect(existsSync(markerPath(prefix))).toBe(false);
    } finally {
      await child.stop();
      cleanupLeftovers();
    }
  });
});
