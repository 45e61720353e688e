import { describe, expect, it } from 'vitest';

import { avahiDaemonConf } from './avahi';
import { publicDnsArgs, routerDnsArgs } from './dnsmasq';
import {
  assertLabTarget,
  isLabTarget,
  LAB_SUBNETS_ENV,
  labSubnets,
  registerLabSubnet,
} from './guard';
import { decodeMessage, encodeQuery, TYPE_A } from './mdns-packet';
import { requireLab } from './prereqs';
import { topologyBatches } from './topology';

// The pure parts of the lab: no root, no namespaces, so these run everywhere.

describe('assertLabTarget', () => {
  it('allows loopback and the lab subnets, with or without ports and URLs', () => {
    for (const target of [
      '127.0.0.1',
      '127.0.77.2:5302',
      '::1',
      '192.168.77.20',
      '192.168.77.1#53',
      '203.0.113.53',
      'http://192.168.77.20:8069/hw_proxy/hello',
      'https://[::1]:8443/',
    ]) {
      expect(() => assertLabTarget(target), target).not.toThrow();
    }
  });

  it('refuses public, private-but-real and named targets', () => {
    for (const target of [
      '8.8.8.8',
      '8.8.8.8:53',
      '192.168.1.1',
      '192.168.78.1',
      '10.0.0.1',
      '203.0.114.1',
      'dns.google',
      'https://www.odoo.com/',
      'http://192-168-77-20.a1b2c3d4.odoo-iot.com/',
    ]) {
      expect(() => assertLabTarget(target), target).toThrow(/lab guard/);
    }
  });

  it('allows 10.11.12.0/24 only while registered, and nothing arbitrary', () => {
    expect(isLabTarget('10.11.12.1')).toBe(false);
    const release = registerLabSubnet('10.11.12.0/24');
    const again = registerLabSubnet('10.11.12.0/24');
    expect(isLabTarget('10.11.12.1')).toBe(true);
    release();
    expect(isLabTarget('10.11.12.1')).toBe(true);
    again();
    expect(isLabTarget('10.11.12.1')).toBe(false);
    expect(() => registerLabSubnet('0.0.0.0/0')).toThrow(/not a lab subnet/);
  });

  it('ignores anything but known lab subnets in the environment', () => {
    const saved = process.env[LAB_SUBNETS_ENV];
    process.env[LAB_SUBNETS_ENV] = '0.0.0.0/0,10.11.12.0/24';
    try {
      expect(labSubnets()).not.toContain('0.0.0.0/0');
      expect(isLabTarget('8.8.8.8')).toBe(false);
      expect(isLabTarget('10.11.12.5')).toBe(true);
    } finally {
      if (saved === undefined) delete process.env[LAB_SUBNETS_ENV];
      else process.env[LAB_SUBNETS_ENV] = saved;
    }
  });
});

describe('dnsmasq arguments', () => {
  it('builds each router mode', () => {
    const forward = routerDnsArgs('forward', '192.168.77.1', '203.0.113.53', 0);
    expect(forward).toContain('--server=203.0.113.53');
    expect(forward).not.toContain('--stop-dns-rebind');
    expect(routerDnsArgs('rebind-block', '192.168.77.1', '203.0.113.53', 0)).toContain(
      '--stop-dns-rebind',
    );
    const exception = routerDnsArgs('rebind-exception', '192.168.77.1', '203.0.113.53', 0);
    expect(exception).toEqual(
      expect.arrayContaining(['--stop-dns-rebind', '--rebind-domain-ok=/odoo-iot.com/']),
    );
    for (const args of [forward, exception]) {
      expect(args).toEqual(
        expect.arrayContaining([
          '--conf-file=/dev/null',
          '--no-resolv',
          '--bind-interfaces',
          '--log-facility=-',
        ]),
      );
    }
  });

  it('refuses a non-lab upstream', () => {
    expect(() => routerDnsArgs('forward', '192.168.77.1', '8.8.8.8', 0)).toThrow(/lab guard/);
  });

  it('publishes box names and keeps the zone local', () => {
    const args = publicDnsArgs('203.0.113.53', [
      { name: '192-168-77-20.abc.odoo-iot.com', address: '192.168.77.20' },
    ]);
    expect(args).toEqual(
      expect.arrayContaining([
        '--local=/odoo-iot.com/',
        '--host-record=192-168-77-20.abc.odoo-iot.com,192.168.77.20',
      ]),
    );
  });
});

describe('topology batches', () => {
  it('creates every veth end inside a namespace and keeps names short', () => {
    const batches = topologyBatches({
      switchNs: 'ib0000-sw',
      gatewayNs: 'ib0000-gw',
      wanNs: 'ib0000-wan',
      allNamespaces: ['ib0000-sw', 'ib0000-pc', 'ib0000-gw', 'ib0000-wan'],
      devices: [
        { ns: 'ib0000-pc', port: 'p-pc', ip: '192.168.77.10', isGateway: false },
        { ns: 'ib0000-gw', port: 'p-gw', ip: '192.168.77.1', isGateway: true },
      ],
      gatewayIp: '192.168.77.1',
      wanGatewayIp: '203.0.113.1',
      wanAddresses: ['203.0.113.53'],
      lanSubnet: '192.168.77.0/24',
    });
    for (const line of batches.root.filter((entry) => entry.startsWith('link add'))) {
      expect(line.match(/ netns /g)).toHaveLength(2);
    }
    expect(batches.perNamespace['ib0000-pc']).toContain('route add 224.0.0.0/4 dev eth0');
    expect(batches.perNamespace['ib0000-gw']).not.toContain('route add default via 192.168.77.1');
    expect(batches.perNamespace['ib0000-sw']).toContain(
      'link add br0 type bridge mcast_snooping 0',
    );
    expect(() =>
      topologyBatches({
        switchNs: 's',
        gatewayNs: 'g',
        wanNs: 'w',
        allNamespaces: [],
        devices: [{ ns: 'x', port: 'p-a-very-long-name', ip: '1.1.1.1', isGateway: false }],
        gatewayIp: '',
        wanGatewayIp: '',
        wanAddresses: [],
        lanSubnet: '',
      }),
    ).toThrow(/too long/);
  });
});

describe('mDNS packet codec', () => {
  it('round-trips a query and decodes a compressed A answer', () => {
    const query = encodeQuery('iotbox.local', TYPE_A, 0x1234);
    const decodedQuery = decodeMessage(query);
    expect(decodedQuery).toMatchObject({ id: 0x1234, questions: ['iotbox.local'], answers: [] });
    // Response: the question, then an answer whose name is a pointer to offset 12.
    const answer = Buffer.from([0xc0, 12, 0, 1, 0x80, 1, 0, 0, 0, 120, 0, 4, 192, 168, 77, 20]);
    const response = Buffer.concat([query, answer]);
    response.writeUInt16BE(0x8400, 2);
    response.writeUInt16BE(1, 6);
    const decoded = decodeMessage(response);
    expect(decoded.answers).toEqual([
      { name: 'iotbox.local', type: TYPE_A, klass: 1, ttl: 120, address: '192.168.77.20' },
    ]);
  });

  it('rejects truncated and looping packets', () => {
    expect(() => decodeMessage(Buffer.alloc(5))).toThrow(/truncated/);
    const loop = Buffer.concat([Buffer.alloc(12), Buffer.from([0xc0, 12, 0, 1, 0, 1])]);
    loop.writeUInt16BE(1, 4);
    expect(() => decodeMessage(loop)).toThrow(/loop/);
  });
});

describe('avahi config and lab gate', () => {
  it('pins the host name and IPv4 on one interface', () => {
    const conf = avahiDaemonConf('iotbox', 'eth0');
    expect(conf).toMatch(/host-name=iotbox\n/);
    expect(conf).toMatch(/use-ipv6=no/);
    expect(conf).toMatch(/allow-interfaces=eth0/);
    expect(conf).toMatch(/publish-workstation=no/);
    expect(() => avahiDaemonConf('bad name', 'eth0')).toThrow();
  });

  it('skips locally but fails in CI when prerequisites are missing', () => {
    expect(requireLab({}, [])).toEqual({ skip: false, reason: undefined });
    const lines: string[] = [];
    const gate = requireLab({ CI: 'false' }, ['root', 'dnsmasq (apt: dnsmasq-base)'], (line) =>
      lines.push(line),
    );
    expect(lines).toEqual([
      '[lab] skipped: lab namespace tests need: root, dnsmasq (apt: dnsmasq-base)',
    ]);
    expect(gate.skip).toBe(true);
    expect(gate.reason).toContain('dnsmasq (apt: dnsmasq-base)');
    expect(() => requireLab({ CI: 'true' }, ['root'])).toThrow(/CI=true/);
  });
});
