import { arch, homedir, release } from 'node:os';

import { SYSTEM_RESOLV_CONF, type NodePorts, type SystemInfo } from '../ports';
import { createBonjourMdns } from './bonjour-mdns';
import { silentLog } from './console-log';
import { noSecretStore } from './no-secret-store';
import { createNodeCommand } from './node-command';
import { createNodeHttp } from './node-http';
import { createNodeLookup } from './node-lookup';
import { createNodeNetworkInfo } from './node-network-info';
import { createNodePageServer } from './node-page-server';
import { createNodeResolver } from './node-resolver';
import { createNodeScratchFile } from './node-scratch-file';
import { createNodeSsdp } from './node-ssdp';
import { createNodeTcp } from './node-tcp';
import { createNodeTextFile } from './node-text-file';
import { nodeTls } from './node-tls';
import { osNetworkInterfaces } from './os-network-interfaces';
import { systemClock } from './system-clock';

type Environment = Readonly<Record<string, string | undefined>>;

/** This computer and process, read once. */
export function nodeSystem(env: Environment = process.env): SystemInfo {
  return {
    platform: process.platform,
    env,
    home: homedir(),
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    // Tests and the lab point the DNS work at a file of their own.
    resolvConfPath: env['IOTBOX_RESOLV_CONF'] ?? SYSTEM_RESOLV_CONF,
    release: release(),
    arch: arch(),
  };
}

/**
 * The world's half of the composition root: every real adapter, built once, unless an override
 * stands in for it (a test's fake, the lab preview's confined one). Only electron/main, the CLI
 * and the preview call this. Calling it is cheap: an adapter loads its heavier module (node:tls,
 * node:http for the page server, child processes, mDNS) on first use.
 */
export function createNodePorts(
  overrides: Partial<NodePorts> & { readonly env?: Environment } = {},
): NodePorts {
  const log = overrides.log ?? silentLog;
  const system = overrides.system ?? nodeSystem(overrides.env);
  const command = overrides.command ?? createNodeCommand();
  return {
    log,
    system,
    command,
    clock: overrides.clock ?? systemClock,
    http: overrides.http ?? createNodeHttp(),
    tcp: overrides.tcp ?? createNodeTcp(),
    tls: overrides.tls ?? nodeTls,
    lookup: overrides.lookup ?? createNodeLookup(),
    resolver: overrides.resolver ?? createNodeResolver(),
    interfaces: overrides.interfaces ?? osNetworkInterfaces,
    networkInfo:
      overrides.networkInfo ??
      createNodeNetworkInfo({
        command,
        platform: system.platform,
        env: system.env,
        resolvConfPath: system.resolvConfPath,
      }),
    mdns: overrides.mdns ?? createBonjourMdns(log),
    ssdp: overrides.ssdp ?? createNodeSsdp(),
    pageServer: overrides.pageServer ?? createNodePageServer(),
    textFiles: overrides.textFiles ?? createNodeTextFile(),
    scratch: overrides.scratch ?? createNodeScratchFile(),
    secrets: overrides.secrets ?? noSecretStore,
  };
}
