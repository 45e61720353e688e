import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { avahiDaemonConf, dbusConf } from './avahi';
import { publicDnsArgs, routerDnsArgs } from './dnsmasq';
import type { RouterDnsMode } from './dnsmasq';
import { assertLabTarget, registeredLabSubnets, LAB_SUBNETS_ENV } from './guard';
import { labCommand, missingLabPrerequisites } from './prereqs';
import type { ReadyLine } from './probe-types';
import { execCommand, processStartTime, run, TrackedProcess } from './proc';
import { topologyBatches } from './topology';
import type { ExecOptions, ExecResult } from './proc';
import {
  claimMarker,
  cleanupLeftovers,
  LAB_PREFIX_PATTERN,
  listNamespaces,
  registerLive,
  teardown,
  teardownSync,
  TMP_DIR_PREFIX,
  writeMarker,
} from './registry';
import type { LabMarker, LeftoverReport, RecordedPid, TeardownReport } from './registry';

/**
 * avahi announces each record it has just established three times, 0–250 ms, about 1 s and about
 * 3 s later (avahi-core/announce.c: four iterations, the delay doubling from 1 s), and lets
 * questions for a record it has just multicast go by. A box that has been up a while is past
 * that; a lab box is waited through it, so a test's first questions meet a settled responder.
 */
const AVAHI_ANNOUNCING_MS = 4_000;

export type { RouterDnsMode } from './dnsmasq';

/** Repository root, resolved from this file so the lab works from any clone or CI folder. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PROBE_DIR = fileURLToPath(new URL('./probes', import.meta.url));

export const LAB_ADDRESSES = {
  lanSubnet: '192.168.77.0/24',
  gateway: '192.168.77.1',
  pc: '192.168.77.10',
  /** Boxes get .20, .21, … in order. */
  firstBox: '192.168.77.20',
  decoy: '192.168.77.30',
  /** Another client of the shop (a tablet running the point of sale), when asked for. */
  tablet: '192.168.77.40',
  wanGateway: '203.0.113.1',
  publicDns: '203.0.113.53',
  /** Reserved for a simulated odoo.com (test/lab/cli/odoo-com.ts). */
  odooCom: '203.0.113.80',
  /** The Internet provider's resolver, when the lab runs one (`ispDns`). */
  ispDns: '203.0.113.54',
} as const;

/** Router models the gateway can pretend to be (probes/router-sim.ts). */
export type LabRouterVariant = 'fritzbox' | 'openwrt' | 'tim-hub' | 'vodafone-station';

/** Each model's MAC (its maker's prefix) and the local names its DNS answers. */
const ROUTER_IDENTITIES: Readonly<
  Record<LabRouterVariant, { readonly mac: string; readonly localNames: readonly string[] }>
> = {
  fritzbox: { mac: '3c:a6:2f:77:00:01', localNames: ['fritz.box'] },
  openwrt: { mac: '02:77:00:00:00:01', localNames: [] },
  'tim-hub': { mac: '00:cb:7a:77:00:01', localNames: [] },
  'vodafone-station': { mac: '74:36:6d:77:00:01', localNames: [] },
};

export const DEFAULT_HASH = 'a1b2c3d4';
/** odoo.com's certificate endpoint path (the simulator serves the same path). */
export const X509_PATH = '/odoo-enterprise/iot/x509';
const MAX_BOXES = 9;

export interface LabMdnsService {
  /** Instance name, e.g. 'IoT Box'. */
  readonly name: string;
  /** Full DNS-SD type, e.g. '_http._tcp' or '_odoo-iot._tcp'. */
  readonly type: string;
  readonly port: number;
  /** TXT entries as `key=value`. */
  readonly txt?: readonly string[];
}

export interface LabMdnsOptions {
  /** avahi host name (publishes `<hostName>.local`); default 'iotbox', 'iotbox-2', … */
  readonly hostName?: string;
  readonly services?: readonly LabMdnsService[];
}

export type LabBoxServer = 'auto' | 'sim' | 'fallback' | 'none';

export interface LabBoxOptions {
  /** false = this box publishes nothing over mDNS (like most real boxes). Default: host name only. */
  readonly mdns?: false | LabMdnsOptions;
  /**
   * What listens on the box: 'sim' = test/lab/cli/sim.ts (required), 'fallback' = the tiny
   * `/hw_proxy/hello → ping` server, 'auto' = sim if the CLI exists, else fallback; 'none'.
   */
  readonly server?: LabBoxServer;
  /** sim `--api` (default g4). */
  readonly api?: string;
  /** Hash label of `<ip-with-dashes>.<hash>.odoo-iot.com`; default the LAN's hash. */
  readonly hash?: string;
  /**
   * sim `--x509-url`. Default: the simulated odoo.com when the lab runs one, else none; `null`
   * forces none (odoo.com unreachable for this box).
   */
  readonly x509Url?: string | null;
  readonly caDir?: string;
  readonly restartDowntimeMs?: number;
  /** Extra sim CLI arguments, appended verbatim. */
  readonly simArgs?: readonly string[];
  /**
   * A busy box: it accepts connections at once but answers `/hw_proxy/hello` this many ms late.
   * The simulator then listens on the box's loopback (HTTPS too) behind probes/slow-box.ts.
   */
  readonly helloDelayMs?: number;
}

export interface LabDnsRecord {
  readonly name: string;
  readonly address: string;
}

export interface LabOdooComOptions {
  /** odoo-com.ts `--mode`: issue, refuse, refuse-error, empty-certificate, hang, 404, 500, 503, … */
  readonly mode: string;
  /** Plain HTTP port on 203.0.113.80 (default 80). */
  readonly port?: number;
  readonly caDir?: string;
  readonly args?: readonly string[];
}

export interface LabLanOptions {
  /** One entry per box namespace; default one box with mDNS host name `iotbox`. */
  readonly boxes?: readonly LabBoxOptions[];
  /** Default hash for box names; default 'a1b2c3d4'. */
  readonly hash?: string;
  /** Initial router DNS mode; default 'rebind-block'. */
  readonly routerDns?: RouterDnsMode;
  /** Router dnsmasq cache size; default 0 so mode and upstream changes show at once. */
  readonly routerCacheSize?: number;
  /** The gateway answers SSDP, serves a UPnP description and an admin page as this model. */
  readonly routerVariant?: LabRouterVariant;
  /** Run the Internet provider's resolver (203.0.113.54), filtering private answers. */
  readonly ispDns?: boolean;
  /** Where the router's DNS forwards: the public DNS (default) or the provider's resolver. */
  readonly routerUpstream?: 'public' | 'isp';
  /** More A records on the public DNS (a stale box address, a public control name, …). */
  readonly extraPublicRecords?: readonly LabDnsRecord[];
  /** More "Internet" addresses on the wan namespace, each in 203.0.113.0/24 (e.g. '203.0.113.90'). */
  readonly extraWanAddresses?: readonly string[];
  /** Start the decoy HTTP device at 192.168.77.30 (default true). */
  readonly decoy?: boolean;
  /**
   * Add a second client at 192.168.77.40 (node `tablet`): nothing runs there until a test starts
   * it (a browser); its resolv.conf points at the router like the PC's.
   */
  readonly tablet?: boolean;
  /**
   * Run test/lab/cli/odoo-com.ts in the wan namespace at 203.0.113.80; boxes without an explicit
   * x509Url then use it. Share a pre-created CA (`caDir`) between it and the boxes.
   */
  readonly odooCom?: LabOdooComOptions;
  /** Readiness timeout for each started process (default 20 s: tsx compiles on first start). */
  readonly readyTimeoutMs?: number;
  /** Progress lines (default: silent). */
  readonly log?: (line: string) => void;
}

export interface LabBox {
  readonly index: number;
  /** Node name for exec/spawn: 'box1', 'box2', … */
  readonly node: LabNodeName;
  readonly ns: string;
  readonly ip: string;
  readonly hash: string;
  /** `<ip-with-dashes>.<hash>.odoo-iot.com`, answered by the public DNS. */
  readonly dnsName: string;
  /** `<hostName>.local`, or undefined when the box publishes no mDNS. */
  readonly mdnsName: string | undefined;
  readonly server: 'sim' | 'fallback' | 'none';
  /** The parsed ready line of the box server, if any. */
  readonly ready: ReadyLine | undefined;
}

export type LabNodeName = 'sw' | 'pc' | 'gw' | 'wan' | 'decoy' | 'tablet' | `box${number}`;

export interface LabSpawnOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly label?: string;
}

export interface LabTimings {
  /** Wall time of createLabLan, from call to resolved. */
  readonly upMs: number;
  readonly steps: Readonly<Record<string, number>>;
}

export interface LabLan {
  readonly prefix: string;
  readonly tmpDir: string;
  /** Namespace name per node. */
  readonly namespaces: Readonly<Record<string, string>>;
  readonly boxes: readonly LabBox[];
  readonly hash: string;
  readonly routerDnsMode: RouterDnsMode;
  readonly wanReachable: boolean;
  readonly publicDnsRunning: boolean;
  readonly timings: LabTimings;
  readonly leftovers: LeftoverReport;
  /** The simulated odoo.com's ready line (`x509` = its URL), when `odooCom` was requested. */
  readonly odooCom: ReadyLine | undefined;
  /** The x509 URL the boxes were given by default, when `odooCom` was requested. */
  readonly odooComX509Url: string | undefined;
  /** Path of the pc namespace's resolv.conf overlay (`/etc/netns/<pc>/resolv.conf`). */
  readonly pcResolvConfPath: string;
  nsOf(node: LabNodeName): string;
  /** Restarts the router's dnsmasq (by PID) in another mode; 'down' leaves it stopped. */
  setRouterDns(mode: RouterDnsMode): Promise<void>;
  /** Points the router's DNS at the public DNS or the provider's (restarts it, same mode). */
  setRouterUpstream(upstream: 'public' | 'isp'): Promise<void>;
  /**
   * false: the gateway stops forwarding LAN → 203.0.113.0/24 (the router itself still reaches the
   * public DNS). `how: 'drop'` = silent (timeouts), 'reject' = ICMP unreachable (fast errors).
   */
  setWanReachable(reachable: boolean, how?: 'drop' | 'reject'): Promise<void>;
  /** Stops or restarts the public DNS itself (203.0.113.53). */
  setPublicDns(running: boolean): Promise<void>;
  /** Rewrites the pc's resolv.conf IN PLACE (the netns bind mount pins the inode). */
  setPcResolvers(servers: readonly string[], options?: string): void;
  /** The same for any client node (e.g. the tablet): which DNS servers it asks. */
  setResolvers(node: LabNodeName, servers: readonly string[], options?: string): void;
  readPcResolvConf(): string;
  /** dnsmasq output (with --log-queries) since start, across restarts. */
  dnsLog(which: 'public' | 'router'): string;
  exec(node: LabNodeName, argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** A tracked long-lived process in a namespace; stopped by close(). */
  spawn(node: LabNodeName, argv: readonly string[], options?: LabSpawnOptions): TrackedProcess;
  /** `node --import tsx <script> ...args` in a namespace, cwd = repo root. */
  execNode(
    node: LabNodeName,
    script: string,
    args: readonly string[],
    options?: ExecOptions,
  ): Promise<ExecResult>;
  /** Runs probes/<name>.ts with one JSON argument and returns its parsed last stdout line. */
  probe<T>(node: LabNodeName, name: string, input: unknown, timeoutMs?: number): Promise<T>;
  /** PIDs the lab started or recorded (for leak checks). */
  recordedPids(): readonly RecordedPid[];
  /** Idempotent teardown: processes, namespaces, /etc/netns overlays, temp dir, marker. */
  close(): Promise<TeardownReport | undefined>;
}

const RESOLV_OPTIONS = 'options timeout:1 attempts:1';

function resolvConf(servers: readonly string[], options = RESOLV_OPTIONS): string {
  return `${servers.map((server) => `nameserver ${server}`).join('\n')}\n${options}\n`;
}

function dashed(ip: string): string {
  return ip.replaceAll('.', '-');
}

function boxIp(index: number): string {
  return `192.168.77.${20 + index - 1}`;
}

function newPrefix(): string {
  const taken = new Set(listNamespaces().map((ns) => LAB_PREFIX_PATTERN.exec(ns)?.[1]));
  for (;;) {
    const prefix = `ib${randomBytes(2).toString('hex')}`;
    if (!taken.has(prefix) && !existsSync(`/run/iotbox-lab/${prefix}.json`)) return prefix;
  }
}

function parseReadyLine(text: string): ReadyLine | undefined {
  for (const line of text.split('\n').reverse()) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        (parsed as Record<string, unknown>)['ready'] === true
      ) {
        return parsed as ReadyLine;
      }
    } catch {
      // Not JSON; keep looking.
    }
  }
  return undefined;
}

const READY_PATTERN = /^\{.*"ready"\s*:\s*true.*\}\s*$/m;
/** Where a slow box's simulator listens on the box's loopback, behind probes/slow-box.ts. */
const SLOW_BOX_UPSTREAM_PORT = 18069;

/**
 * Builds the lab LAN (see README.md for the diagram) and starts its services. Throws — after
 * tearing down whatever was built — if anything fails to come up.
 */
export async function createLabLan(options: LabLanOptions = {}): Promise<LabLan> {
  const missing = missingLabPrerequisites();
  if (missing.length > 0) throw new Error(`lab: missing prerequisites: ${missing.join(', ')}`);
  const started = performance.now();
  const steps: Record<string, number> = {};
  let stepStart = started;
  const step = (name: string): void => {
    const now = performance.now();
    steps[name] = Math.round(now - stepStart);
    stepStart = now;
  };
  const log = options.log ?? ((): void => undefined);
  const readyTimeoutMs = options.readyTimeoutMs ?? 20_000;

  const leftovers = cleanupLeftovers();
  for (const report of leftovers.removed) log(`removed leftovers of ${report.prefix}`);
  step('cleanupLeftovers');

  const boxOptions = options.boxes ?? [{}];
  if (boxOptions.length > MAX_BOXES) throw new Error(`lab: at most ${MAX_BOXES} boxes`);
  const hash = options.hash ?? DEFAULT_HASH;
  const extraWanAddresses = options.extraWanAddresses ?? [];
  for (const address of extraWanAddresses) {
    if (!/^203\.0\.113\.\d{1,3}$/.test(address)) {
      throw new Error(`lab: extra WAN address must be in 203.0.113.0/24: ${address}`);
    }
  }
  const withDecoy = options.decoy ?? true;
  const prefix = newPrefix();
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), `${TMP_DIR_PREFIX}${prefix}-`));

  const namespaces: Record<string, string> = {};
  const roles: string[] = ['sw', 'pc', 'gw', 'wan'];
  if (withDecoy) roles.push('decoy');
  if (options.tablet === true) roles.push('tablet');
  boxOptions.forEach((_box, index) => roles.push(`box${index + 1}`));
  for (const role of roles) namespaces[role] = `${prefix}-${role}`;

  const nsOf = (node: LabNodeName): string => {
    const ns = namespaces[node];
    if (ns === undefined)
      throw new Error(`lab: no node ${node} (have ${Object.keys(namespaces).join(', ')})`);
    return ns;
  };

  // --- ownership first: the marker exists before the first namespace does ---
  const recorded: RecordedPid[] = [];
  const tracked = new Set<TrackedProcess>();
  const marker = (): LabMarker => ({
    version: 1,
    prefix,
    ownerPid: process.pid,
    ownerStartTime: processStartTime(process.pid),
    namespaces: Object.values(namespaces),
    pids: [...recorded],
    tmpDir,
    createdAt: new Date(started + performance.timeOrigin).toISOString(),
  });
  try {
    claimMarker(marker());
  } catch (error) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  }
  const unregister = registerLive(prefix, () => {
    teardownSync(marker());
  });

  const spawnIn = (
    node: LabNodeName,
    argv: readonly string[],
    spawnOptions: LabSpawnOptions = {},
  ): TrackedProcess => {
    const label = spawnOptions.label ?? `${node}:${path.basename(argv[0] ?? '?')}`;
    const child = new TrackedProcess(
      label,
      [labCommand('ip'), 'netns', 'exec', nsOf(node), ...argv],
      {
        env: { [LAB_SUBNETS_ENV]: registeredLabSubnets(), ...spawnOptions.env },
        cwd: spawnOptions.cwd ?? REPO_ROOT,
        logFile: path.join(tmpDir, `${label.replaceAll(/[^a-z0-9.-]+/gi, '_')}.log`),
      },
    );
    tracked.add(child);
    // `ip netns exec` execs the command, so this PID is the program itself.
    recorded.push({ pid: child.pid, startTime: child.startTime, label });
    writeMarker(marker());
    return child;
  };

  const ipn = (node: LabNodeName, args: readonly string[]): Promise<string> =>
    run([labCommand('ip'), '-n', nsOf(node), ...args]);

  let closed: Promise<TeardownReport | undefined> | undefined;
  const close = (): Promise<TeardownReport | undefined> => {
    closed ??= (async () => {
      const report = await teardown(marker());
      unregister();
      // Reap children so no handle keeps the test worker alive.
      await Promise.race([
        Promise.all([...tracked].map((child) => child.exited)),
        new Promise((resolve) => setTimeout(resolve, 3_000)),
      ]);
      return report;
    })();
    return closed;
  };

  const boxes: LabBox[] = [];
  let routerMode: RouterDnsMode = options.routerDns ?? 'rebind-block';
  let routerUpstream: 'public' | 'isp' = options.routerUpstream ?? 'public';
  if (routerUpstream === 'isp' && options.ispDns !== true) {
    throw new Error('lab: routerUpstream isp needs ispDns');
  }
  const identity =
    options.routerVariant === undefined ? undefined : ROUTER_IDENTITIES[options.routerVariant];
  // The router tells its upstream (FRITZ!Box IGD): the simulator reads it from here each time.
  const upstreamFile = path.join(tmpDir, 'router-upstream');
  const upstreamAddress = (): string =>
    routerUpstream === 'isp' ? LAB_ADDRESSES.ispDns : LAB_ADDRESSES.publicDns;
  let router: TrackedProcess | undefined;
  let publicDns: TrackedProcess | undefined;
  let routerHistory = '';
  let publicHistory = '';
  let wanReachable = true;
  const pcResolvConfPath = path.join('/etc/netns', nsOf('pc'), 'resolv.conf');
  const extraPublicRecords = options.extraPublicRecords ?? [];
  // Boxes default to the simulated odoo.com when the lab runs one (the real path, on a lab IP).
  const odooComUrl =
    options.odooCom === undefined
      ? undefined
      : `http://${LAB_ADDRESSES.odooCom}:${options.odooCom.port ?? 80}${X509_PATH}`;
  let odooComLine: ReadyLine | undefined;

  const startPublicDns = async (): Promise<void> => {
    const records = [
      ...boxes.map((box) => ({ name: box.dnsName, address: box.ip })),
      ...extraPublicRecords,
    ];
    publicDns = spawnIn(
      'wan',
      [labCommand('dnsmasq'), ...publicDnsArgs(LAB_ADDRESSES.publicDns, records)],
      {
        label: 'public-dns',
      },
    );
    await publicDns.waitFor(/started, version/, readyTimeoutMs, 'stderr');
  };

  const startRouter = async (mode: RouterDnsMode): Promise<void> => {
    routerMode = mode;
    writeFileSync(upstreamFile, upstreamAddress());
    if (mode === 'down') return;
    assertLabTarget(upstreamAddress());
    router = spawnIn(
      'gw',
      [
        labCommand('dnsmasq'),
        ...routerDnsArgs(
          mode,
          LAB_ADDRESSES.gateway,
          upstreamAddress(),
          options.routerCacheSize ?? 0,
          identity?.localNames ?? [],
        ),
      ],
      { label: `router-dns-${mode}` },
    );
    await router.waitFor(/started, version/, readyTimeoutMs, 'stderr');
  };

  const stopProcess = async (child: TrackedProcess | undefined): Promise<string> => {
    if (child === undefined) return '';
    await child.stop();
    return child.stderr;
  };

  // mDNS presence: one private dbus + one avahi per box (one shared bus confuses instances).
  // Ready once its records are established and announced, as on a box that has been up a while.
  const startAvahi = async (info: LabBox, mdns: LabMdnsOptions): Promise<void> => {
    const dir = path.join(tmpDir, info.node);
    mkdirSync(dir, { recursive: true });
    const socket = path.join(dir, 'bus.sock');
    writeFileSync(path.join(dir, 'dbus.conf'), dbusConf(socket));
    // /etc/netns/<box>/avahi is bind-mounted over /etc/avahi: our config, and empty services/
    // and hosts so the package's static service files are not published by the box.
    const etcAvahi = path.join('/etc/netns', info.ns, 'avahi');
    mkdirSync(path.join(etcAvahi, 'services'), { recursive: true });
    writeFileSync(path.join(etcAvahi, 'hosts'), '');
    const hostName = (info.mdnsName ?? 'iotbox.local').replace(/\.local$/, '');
    writeFileSync(path.join(etcAvahi, 'avahi-daemon.conf'), avahiDaemonConf(hostName, 'eth0'));

    const dbus = spawnIn(
      info.node,
      [
        labCommand('dbus-daemon'),
        `--config-file=${path.join(dir, 'dbus.conf')}`,
        '--nofork',
        '--print-address',
      ],
      {
        label: `${info.node}-dbus`,
      },
    );
    await dbus.waitFor(/unix:path=/, readyTimeoutMs, 'stdout');
    const busEnv = { DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${socket}` };
    // avahi writes /run/avahi-daemon/{pid,socket}, shared by every namespace. A tmpfs on /run in
    // this process's private mount namespace (ip netns exec made one) keeps the instances, and
    // the host's own avahi, apart.
    const avahi = spawnIn(
      info.node,
      [
        'sh',
        '-c',
        'mount -t tmpfs -o size=1m,mode=0755 iotbox-lab-run /run && mkdir -p /run/avahi-daemon && exec "$0" --no-drop-root --no-chroot --no-rlimits -f /etc/avahi/avahi-daemon.conf',
        labCommand('avahi-daemon'),
      ],
      { env: busEnv, label: `${info.node}-avahi` },
    );
    await avahi.waitFor(/Server startup complete/, readyTimeoutMs, 'stderr');
    await Promise.all(
      (mdns.services ?? []).map(async (service, serviceIndex) => {
        const publisher = spawnIn(
          info.node,
          [
            labCommand('avahi-publish'),
            '-s',
            service.name,
            service.type,
            String(service.port),
            ...(service.txt ?? []),
          ],
          { env: busEnv, label: `${info.node}-publish-${serviceIndex}` },
        );
        await publisher.waitFor(/Established under name/, readyTimeoutMs);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, AVAHI_ANNOUNCING_MS));
  };

  // Serialise runtime reconfiguration: two overlapping setRouterDns calls must not both start one.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  try {
    // --- /etc/netns overlays, then namespaces and links ---
    for (const role of roles) {
      // Every lab namespace gets its own resolv.conf/nsswitch.conf/hosts BEFORE any process
      // starts there: otherwise it would inherit the host's resolver configuration (and an nss
      // module such as `resolve` could reach the real resolver over a unix socket).
      const etc = path.join('/etc/netns', nsOf(role as LabNodeName));
      mkdirSync(etc, { recursive: true });
      const nameserver =
        role === 'wan' || role === 'gw' ? LAB_ADDRESSES.publicDns : LAB_ADDRESSES.gateway;
      writeFileSync(path.join(etc, 'resolv.conf'), resolvConf([nameserver]));
      writeFileSync(path.join(etc, 'nsswitch.conf'), 'hosts: files dns\nnetworks: files\n');
      writeFileSync(path.join(etc, 'hosts'), '127.0.0.1 localhost\n');
    }
    const lanDevices: { node: LabNodeName; ip: string }[] = [
      { node: 'pc', ip: LAB_ADDRESSES.pc },
      { node: 'gw', ip: LAB_ADDRESSES.gateway },
      ...(withDecoy ? [{ node: 'decoy' as const, ip: LAB_ADDRESSES.decoy }] : []),
      ...(options.tablet === true ? [{ node: 'tablet' as const, ip: LAB_ADDRESSES.tablet }] : []),
      ...boxOptions.map((_box, index) => ({
        node: `box${index + 1}` as const,
        ip: boxIp(index + 1),
      })),
    ];
    const batches = topologyBatches({
      switchNs: nsOf('sw'),
      gatewayNs: nsOf('gw'),
      wanNs: nsOf('wan'),
      allNamespaces: Object.values(namespaces),
      devices: lanDevices.map(({ node, ip }) => ({
        ns: nsOf(node),
        port: `p-${node}`,
        ip,
        isGateway: node === 'gw',
      })),
      gatewayIp: LAB_ADDRESSES.gateway,
      wanGatewayIp: LAB_ADDRESSES.wanGateway,
      wanAddresses: [
        LAB_ADDRESSES.publicDns,
        LAB_ADDRESSES.odooCom,
        ...(options.ispDns === true ? [LAB_ADDRESSES.ispDns] : []),
        ...extraWanAddresses,
      ],
      lanSubnet: LAB_ADDRESSES.lanSubnet,
    });
    await run([labCommand('ip'), '-batch', '-'], { input: `${batches.root.join('\n')}\n` });
    step('namespaces');
    await Promise.all([
      ...Object.entries(batches.perNamespace).map(([ns, lines]) =>
        run([labCommand('ip'), '-n', ns, '-batch', '-'], { input: `${lines.join('\n')}\n` }),
      ),
      run([
        labCommand('ip'),
        'netns',
        'exec',
        nsOf('gw'),
        'sh',
        '-c',
        'echo 1 > /proc/sys/net/ipv4/ip_forward',
      ]),
    ]);
    step('links');

    // --- boxes: identities first (the public DNS needs every name) ---
    const simCli = path.join(REPO_ROOT, 'test/lab/cli/sim.ts');
    boxOptions.forEach((box, offset) => {
      const index = offset + 1;
      const ip = boxIp(index);
      const boxHash = box.hash ?? hash;
      const mdns = box.mdns ?? {};
      const requested = box.server ?? 'auto';
      const server = requested === 'auto' ? (existsSync(simCli) ? 'sim' : 'fallback') : requested;
      if (server === 'sim' && !existsSync(simCli))
        throw new Error(`lab: box${index} wants the simulator but ${simCli} is missing`);
      boxes.push({
        index,
        node: `box${index}`,
        ns: nsOf(`box${index}`),
        ip,
        hash: boxHash,
        dnsName: `${dashed(ip)}.${boxHash}.odoo-iot.com`,
        mdnsName:
          mdns === false
            ? undefined
            : `${mdns.hostName ?? (index === 1 ? 'iotbox' : `iotbox-${index}`)}.local`,
        server,
        ready: undefined,
      });
    });

    const waits: Promise<unknown>[] = [];
    const servicesStart = performance.now();
    // Per-service readiness times end up in timings.steps as `ready:<name>`.
    const timed = (name: string, promise: Promise<unknown>): void => {
      waits.push(
        promise.then(() => {
          steps[`ready:${name}`] = Math.round(performance.now() - servicesStart);
        }),
      );
    };
    timed('public-dns', startPublicDns());
    timed('router-dns', startRouter(routerMode));
    if (options.ispDns === true) {
      // The provider's resolver, in the "Internet": it drops private answers itself.
      const isp = spawnIn(
        'wan',
        [
          labCommand('dnsmasq'),
          ...routerDnsArgs('rebind-block', LAB_ADDRESSES.ispDns, LAB_ADDRESSES.publicDns, 0),
        ],
        { label: 'isp-dns' },
      );
      timed('isp-dns', isp.waitFor(/started, version/, readyTimeoutMs, 'stderr'));
    }
    if (options.routerVariant !== undefined && identity !== undefined) {
      await ipn('gw', ['link', 'set', 'eth0', 'address', identity.mac]);
      const sim = spawnIn(
        'gw',
        [
          process.execPath,
          '--import',
          'tsx',
          path.join(PROBE_DIR, 'router-sim.ts'),
          '--variant',
          options.routerVariant,
          '--host',
          LAB_ADDRESSES.gateway,
          '--upstream-file',
          upstreamFile,
        ],
        { label: 'router-sim' },
      );
      timed('router-sim', sim.waitFor(READY_PATTERN, readyTimeoutMs, 'stdout'));
    }

    if (withDecoy) {
      const decoy = spawnIn(
        'decoy',
        [
          process.execPath,
          '--import',
          'tsx',
          path.join(PROBE_DIR, 'decoy.ts'),
          '--host',
          LAB_ADDRESSES.decoy,
          '--ports',
          '80,8069',
        ],
        { label: 'decoy' },
      );
      timed('decoy', decoy.waitFor(READY_PATTERN, readyTimeoutMs, 'stdout'));
    }

    // The simulated odoo.com starts first: a box checks its certificate at start-up, so the
    // x509 service must already listen when the box servers begin.
    let odooComReady: Promise<unknown> = Promise.resolve();
    if (odooComUrl !== undefined && options.odooCom !== undefined) {
      const cli = path.join(REPO_ROOT, 'test/lab/cli/odoo-com.ts');
      if (!existsSync(cli)) throw new Error(`lab: odooCom requested but ${cli} is missing`);
      const odoo = options.odooCom;
      const odooCom = spawnIn(
        'wan',
        [
          process.execPath,
          '--import',
          'tsx',
          cli,
          '--host',
          LAB_ADDRESSES.odooCom,
          '--port',
          String(odoo.port ?? 80),
          '--mode',
          odoo.mode,
          '--hash',
          hash,
          ...(odoo.caDir === undefined ? [] : ['--ca-dir', odoo.caDir]),
          ...(odoo.args ?? []),
        ],
        { label: 'odoo-com' },
      );
      odooComReady = odooCom.waitFor(READY_PATTERN, readyTimeoutMs, 'stdout').then(() => {
        odooComLine = parseReadyLine(odooCom.stdout);
      });
      timed('odoo-com', odooComReady);
    }

    boxOptions.forEach((box, offset) => {
      const info = boxes[offset];
      if (info === undefined) return;
      const x509Url = box.x509Url === null ? undefined : (box.x509Url ?? odooComUrl);
      if (x509Url !== undefined) assertLabTarget(x509Url);
      if (info.server !== 'none') {
        const argv =
          info.server === 'sim'
            ? [
                process.execPath,
                '--import',
                'tsx',
                simCli,
                '--api',
                box.api ?? 'g4',
                ...(box.helloDelayMs === undefined
                  ? ['--host', info.ip, '--port', '8069']
                  : [
                      '--host',
                      '127.0.0.1',
                      '--port',
                      String(SLOW_BOX_UPSTREAM_PORT),
                      '--ip',
                      info.ip,
                    ]),
                '--https-port',
                '443',
                '--hash',
                info.hash,
                ...(x509Url === undefined ? [] : ['--x509-url', x509Url]),
                ...(box.caDir === undefined ? [] : ['--ca-dir', box.caDir]),
                ...(box.restartDowntimeMs === undefined
                  ? []
                  : ['--restart-downtime-ms', String(box.restartDowntimeMs)]),
                ...(box.simArgs ?? []),
              ]
            : [
                process.execPath,
                '--import',
                'tsx',
                path.join(PROBE_DIR, 'fake-box.ts'),
                '--host',
                info.ip,
                '--port',
                '8069',
              ];
        timed(
          `${info.node}-${info.server}`,
          odooComReady.then(async () => {
            const child = spawnIn(info.node, argv, { label: `${info.node}-${info.server}` });
            await child.waitFor(READY_PATTERN, readyTimeoutMs, 'stdout');
            boxes[offset] = { ...info, ready: parseReadyLine(child.stdout) };
            if (box.helloDelayMs !== undefined && info.server === 'sim') {
              const front = spawnIn(
                info.node,
                [
                  process.execPath,
                  '--import',
                  'tsx',
                  path.join(PROBE_DIR, 'slow-box.ts'),
                  '--host',
                  info.ip,
                  '--port',
                  '8069',
                  '--upstream-port',
                  String(SLOW_BOX_UPSTREAM_PORT),
                  '--hello-delay-ms',
                  String(box.helloDelayMs),
                ],
                { label: `${info.node}-slow-box` },
              );
              await front.waitFor(READY_PATTERN, readyTimeoutMs, 'stdout');
              boxes[offset] = { ...info, ready: parseReadyLine(front.stdout) };
            }
          }),
        );
      }
      const mdns = box.mdns ?? {};
      if (mdns !== false && info.mdnsName !== undefined) {
        timed(`${info.node}-mdns`, startAvahi(info, mdns));
      }
    });

    // allSettled first so every started process is accounted for before a failure tears down.
    const settled = await Promise.allSettled(waits);
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure !== undefined && failure.status === 'rejected') throw failure.reason;
    step('services');
  } catch (error) {
    await close();
    throw error;
  }

  const upMs = Math.round(performance.now() - started);
  log(`lab ${prefix} up in ${upMs} ms`);

  const lan: LabLan = {
    prefix,
    tmpDir,
    namespaces,
    boxes,
    hash,
    get routerDnsMode() {
      return routerMode;
    },
    get wanReachable() {
      return wanReachable;
    },
    get publicDnsRunning() {
      return publicDns?.running === true;
    },
    timings: { upMs, steps },
    leftovers,
    odooCom: odooComLine,
    odooComX509Url: odooComUrl,
    pcResolvConfPath,
    nsOf,
    setRouterDns: (mode) =>
      serial(async () => {
        routerHistory += await stopProcess(router);
        router = undefined;
        await startRouter(mode);
      }),
    setRouterUpstream: (upstream) =>
      serial(async () => {
        if (upstream === 'isp' && options.ispDns !== true) {
          throw new Error('lab: no ISP resolver in this lab (ispDns)');
        }
        routerUpstream = upstream;
        routerHistory += await stopProcess(router);
        router = undefined;
        await startRouter(routerMode);
      }),
    setWanReachable: (reachable, how = 'drop') =>
      serial(async () => {
        if (reachable === wanReachable) return;
        // A policy rule for traffic arriving from the LAN only: the router's own queries (iif lo)
        // still reach the public DNS, like a firewall that blocks clients' outbound DNS.
        if (reachable) await ipn('gw', ['rule', 'del', 'pref', '100']);
        else {
          const action = how === 'drop' ? 'blackhole' : 'prohibit';
          await ipn('gw', [
            'rule',
            'add',
            'pref',
            '100',
            'iif',
            'eth0',
            'to',
            '203.0.113.0/24',
            action,
          ]);
        }
        wanReachable = reachable;
      }),
    setPublicDns: (running) =>
      serial(async () => {
        if (running === (publicDns?.running === true)) return;
        if (running) await startPublicDns();
        else {
          publicHistory += await stopProcess(publicDns);
          publicDns = undefined;
        }
      }),
    setPcResolvers: (servers, resolvOptions) => lan.setResolvers('pc', servers, resolvOptions),
    setResolvers: (node, servers, resolvOptions = RESOLV_OPTIONS) => {
      for (const server of servers) assertLabTarget(server);
      const file = path.join('/etc/netns', nsOf(node), 'resolv.conf');
      const before = statSync(file).ino;
      // writeFileSync truncates and rewrites the same inode; mv/rename would leave the bind mount
      // in the namespace pointing at the old file.
      writeFileSync(file, resolvConf(servers, resolvOptions));
      if (statSync(file).ino !== before) throw new Error('lab: resolv.conf inode changed');
    },
    readPcResolvConf: () => readFileSync(pcResolvConfPath, 'utf8'),
    dnsLog: (which) =>
      which === 'router'
        ? routerHistory + (router?.stderr ?? '')
        : publicHistory + (publicDns?.stderr ?? ''),
    exec: (node, argv, execOptions = {}) =>
      execCommand([labCommand('ip'), 'netns', 'exec', nsOf(node), ...argv], {
        cwd: REPO_ROOT,
        ...execOptions,
        env: { [LAB_SUBNETS_ENV]: registeredLabSubnets(), ...execOptions.env },
      }),
    spawn: (node, argv, spawnOptions) => spawnIn(node, argv, spawnOptions),
    execNode: (node, script, args, execOptions) =>
      lan.exec(node, [process.execPath, '--import', 'tsx', script, ...args], execOptions),
    probe: async <T>(
      node: LabNodeName,
      name: string,
      input: unknown,
      timeoutMs = 15_000,
    ): Promise<T> => {
      const result = await lan.execNode(
        node,
        path.join(PROBE_DIR, `${name}.ts`),
        [JSON.stringify(input)],
        { timeoutMs },
      );
      const last = result.stdout.trim().split('\n').at(-1) ?? '';
      if (result.code !== 0 || !last.startsWith('{')) {
        throw new Error(
          `probe ${name} in ${node} failed (${result.code ?? result.signal}):\n${result.stderr.trim()}\n${result.stdout.trim()}`,
        );
      }
      return JSON.parse(last) as T;
    },
    recordedPids: () => [...recorded],
    close,
  };
  return lan;
}
