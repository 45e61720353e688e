import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { createNodeResolver } from '../../../electron/core/adapters/node-resolver';
import type { DnsServer, LookupPort } from '../../../electron/core/ports';
import { publicDnsArgs, routerDnsArgs } from '../../lab/netns/dnsmasq';
import { assertLabTarget } from '../../lab/netns/guard';

/*
 * The lab recipe's loopback-only variant for the preview: a "public DNS" on 127.0.78.1:5301 that
 * publishes box names, and a "router" on 127.0.78.2:5302 with --stop-dns-rebind in front of it.
 * Nothing leaves loopback; both processes are stopped by PID.
 */

export const PUBLIC_DNS: DnsServer = { address: '127.0.78.1', port: 5301 };
export const ROUTER_DNS: DnsServer = { address: '127.0.78.2', port: 5302 };
/** resolv.conf cannot carry ports: the loopback "computer" maps its nameservers to them. */
const PORTS = new Map([
  [PUBLIC_DNS.address, PUBLIC_DNS.port],
  [ROUTER_DNS.address, ROUTER_DNS.port],
]);

export type LoopbackDns = { readonly close: () => Promise<void> };

function startDnsmasq(args: readonly string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('dnsmasq', [...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`dnsmasq did not start:\n${output}`));
    }, 10_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/started, version/.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dnsmasq exited (${code ?? 'signal'}):\n${output}`));
    });
  });
}

export async function startLoopbackDns(
  records: readonly { name: string; address: string }[],
): Promise<LoopbackDns> {
  const upstream = `${PUBLIC_DNS.address}#${PUBLIC_DNS.port}`;
  assertLabTarget(upstream);
  const started: ChildProcess[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(
      started.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.pid === undefined) {
              resolve();
              return;
            }
            child.once('exit', () => resolve());
            process.kill(child.pid, 'SIGTERM');
          }),
      ),
    );
  };
  try {
    started.push(
      await startDnsmasq([
        ...publicDnsArgs(PUBLIC_DNS.address, records),
        `--port=${PUBLIC_DNS.port}`,
      ]),
    );
    started.push(
      await startDnsmasq([
        ...routerDnsArgs('rebind-block', ROUTER_DNS.address, upstream, 0),
        `--port=${ROUTER_DNS.port}`,
      ]),
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { close };
}

export function loopbackNameservers(resolvConf: string): DnsServer[] {
  const text = readFileSync(resolvConf, 'utf8');
  return [...text.matchAll(/^\s*nameserver\s+(\S+)/gm)].flatMap((match) => {
    const address = match[1] ?? '';
    const port = PORTS.get(address);
    return port === undefined ? [] : [{ address, port }];
  });
}

/**
 * This loopback "computer"'s OS resolver: asks the first nameserver of its (temp) resolv.conf,
 * with getaddrinfo's error shape (ENOTFOUND plus the glibc errno).
 */
export function loopbackSystemLookup(resolvConf: string): LookupPort {
  const resolver = createNodeResolver();
  return {
    async lookup(name, { timeoutMs, signal }) {
      const [server] = loopbackNameservers(resolvConf);
      if (!server) {
        return { ok: false, code: 'EAI_AGAIN', message: 'no nameserver', errno: -3001 };
      }
      const result = await resolver.resolve4(name, server, {
        timeoutMs: Math.min(timeoutMs, 1_000),
        signal,
      });
      if (result.ok) {
        return result;
      }
      const errno = result.code === 'ENODATA' ? -3007 : result.code === 'ENOTFOUND' ? -3008 : -3001;
      return {
        ok: false,
        code: errno === -3001 ? 'EAI_AGAIN' : 'ENOTFOUND',
        message: result.message,
        errno,
      };
    },
  };
}
