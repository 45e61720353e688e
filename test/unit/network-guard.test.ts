import dgram from 'node:dgram';
import dns from 'node:dns';
import { createServer } from 'node:net';
import net from 'node:net';

import { describe, expect, it } from 'vitest';

// The guard from test/setup/network-guard.ts is installed in every test process.
describe('test network guard', () => {
  it('refuses TCP to anything but loopback and lab subnets', () => {
    expect(() => net.connect({ host: '8.8.8.8', port: 53 })).toThrow(/network guard/);
    expect(() => net.connect(443, '192.168.1.1')).toThrow(/network guard/);
    expect(() => net.connect({ host: 'dns.google', port: 443 })).toThrow(/network guard/);
  });

  it('allows loopback', async () => {
    const server = createServer((socket) => socket.end('hi'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const text = await new Promise<string>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      let data = '';
      socket.on('data', (chunk) => (data += String(chunk)));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(text).toBe('hi');
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses listeners on every interface or on a real address', () => {
    const server = createServer();
    expect(() => server.listen(0)).toThrow(/network guard/);
    expect(() => server.listen(0, '0.0.0.0')).toThrow(/network guard/);
    expect(() => server.listen({ port: 0, host: '::' })).toThrow(/network guard/);
    expect(() => server.listen({ port: 0 })).toThrow(/network guard/);
    expect(() => server.listen(0, '192.168.1.10')).toThrow(/network guard/);
    expect(server.listening).toBe(false);
  });

  it('refuses UDP and multicast outside loopback', () => {
    const socket = dgram.createSocket('udp4');
    try {
      expect(() => socket.send('x', 53, '8.8.8.8')).toThrow(/network guard/);
      expect(() => socket.send('x', 5353, '224.0.0.251')).toThrow(/network guard/);
      expect(() => socket.addMembership('224.0.0.251')).toThrow(/network guard/);
      // SSDP's group only from inside a lab namespace: this process sits on real interfaces.
      expect(() => socket.send('x', 1900, '239.255.255.250')).toThrow(/network guard/);
    } finally {
      socket.close();
    }
  });

  it('the router search sends nothing from outside a lab namespace', async () => {
    const { createNodeSsdp } = await import('../../electron/core/adapters/node-ssdp');
    const replies = await createNodeSsdp().search('192.168.1.1', {
      timeoutMs: 200,
      signal: new AbortController().signal,
    });
    expect(replies).toEqual([]);
  });

  it('refuses the system resolver and non-lab DNS servers', () => {
    expect(() => dns.lookup('example.com', () => undefined)).toThrow(/network guard/);
    expect(() => dns.promises.lookup('odoo.com')).toThrow(/network guard/);
    expect(() => new dns.promises.Resolver().resolve4('example.com')).toThrow(/network guard/);
    expect(() => new dns.promises.Resolver().setServers(['8.8.8.8'])).toThrow(/network guard/);
    expect(() => dns.promises.resolve4('example.com')).toThrow(/network guard/);
    const lab = new dns.promises.Resolver();
    expect(() => lab.setServers(['127.0.77.2:5302', '203.0.113.53'])).not.toThrow();
  });
});
