import type { BoxInfo } from '../../shared/schemas/box';
import type {
  DiscoveryProgress,
  DiscoveryReport,
  FoundBox,
  FoundBy,
} from '../../shared/schemas/discovery';
import type { DiagnosisCode } from '../../shared/diagnosis';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import { DEFAULT_BOX_PORT, parseBoxTarget, type BoxTarget } from '../box/box-target';
import type { HttpPort, LogPort } from '../ports';
import type { MdnsPort, MdnsSession, NetworkInterfacesPort } from './discovery-ports';
import { checkHello, HELLO_TIMEOUT_MS } from './hello-check';
import { formatIpv4 } from './ipv4';
import { normaliseName, readMdnsAnswer, WEB_SERVICE_TYPES } from './mdns-answers';
import { mergeBox } from './merge';
import { ProbeQueue } from './probe-queue';
import { ACCESS_POINT_BOX_IP, planScope, type DiscoveryScope, type ScopeError } from './scope';
import { BOX_PORTS, MDNS_HOST_NAMES, MDNS_SERVICE_TYPES } from './service-types';
import { systemClock } from '../adapters/system-clock';

/** Reads a confirmed box (one that answered `ping`); null when it cannot be read as a box. */
export type Fingerprint = (target: BoxTarget, signal: AbortSignal) => Promise<BoxInfo | null>;

export type DiscoveryTuning = {
  /** Hosts probed at once: 254 silent hosts in ~2 waves of the per-host timeout. */
  readonly concurrency: number;
  readonly helloTimeoutMs: number;
  /** How long mDNS listens at least (answers arrive within ~0.1–2 s of the first query). */
  readonly mdnsWindowMs: number;
  /** Whole-scan deadline when the caller gives none. */
  readonly timeoutMs: number;
  /** Minimum spacing of progress events (a /24 would otherwise send 254 of them). */
  readonly progressIntervalMs: number;
};

export const DEFAULT_DISCOVERY_TUNING: DiscoveryTuning = {
  concurrency: 128,
  helloTimeoutMs: HELLO_TIMEOUT_MS,
  mdnsWindowMs: 2_500,
  timeoutMs: 20_000,
  progressIntervalMs: 100,
};

export type ScanRequest = {
  readonly subnets?: readonly string[] | undefined;
  readonly interfaces?: readonly string[] | undefined;
  readonly mdns?: boolean | undefined;
  readonly sweep?: boolean | undefined;
  /** Check this computer itself (a Windows virtual box on localhost:8069). */
  readonly localhost?: boolean | undefined;
  readonly timeoutMs?: number | undefined;
};

export type ScanListener = {
  readonly onBoxFound?: (box: FoundBox) => void;
  readonly onBoxUpdated?: (box: FoundBox) => void;
  readonly onProgress?: (progress: DiscoveryProgress) => void;
};

export type DiscoveryDeps = {
  readonly http: HttpPort;
  readonly log: LogPort;
  readonly interfaces: NetworkInterfacesPort;
  readonly mdns: MdnsPort;
  readonly fingerprint: Fingerprint;
  /** Monotonic milliseconds. */
  readonly now?: () => number;
  readonly tuning?: Partial<DiscoveryTuning>;
};

const SCOPE_ERROR_CODES: Readonly<Record<ScopeError['kind'], DiagnosisCode>> = {
  'bad-subnet': 'discovery-subnet-invalid',
  'subnet-too-wide': 'discovery-subnet-invalid',
  'unknown-interface': 'discovery-interface-unknown',
};

/** What one address turned out to be. */
type ProbeOutcome = { readonly box: BoxInfo | null; readonly answered: boolean };

/**
 * Finds IoT boxes by every channel at once (mDNS, a sweep of the local subnets, this computer,
 * a box's access point) and lists only devices confirmed to be boxes: `/hw_proxy/hello` must
 * answer exactly `ping` and the box must then be readable. One scan runs at a time; starting a
 * new one, or `cancel()`, stops the previous.
 */
export class DiscoveryService {
  private readonly tuning: DiscoveryTuning;
  private readonly now: () => number;
  private current: AbortController | undefined;

  constructor(private readonly deps: DiscoveryDeps) {
    this.tuning = { ...DEFAULT_DISCOVERY_TUNING, ...deps.tuning };
    this.now = deps.now ?? (() => performance.now());
  }

  cancel(): void {
    this.current?.abort();
  }

  async scan(
    request: ScanRequest,
    listener: ScanListener,
    signal: AbortSignal,
  ): Promise<Result<DiscoveryReport, Failure>> {
    const planned = planScope(this.deps.interfaces(), request);
    if (!planned.ok) {
      return fail(SCOPE_ERROR_CODES[planned.error.kind], planned.error.value);
    }
    this.current?.abort();
    const cancel = new AbortController();
    this.current = cancel;
    const run = new ScanRun(this.deps, this.tuning, this.now, planned.scope, request, listener);
    try {
      return await run.execute(AbortSignal.any([signal, cancel.signal]));
    } finally {
      if (this.current === cancel) {
        this.current = undefined;
      }
    }
  }

  /** Checks one address the user typed; confirmed boxes carry `foundBy: ['manual']`. */
  async checkAddress(ref: string, signal: AbortSignal): Promise<Result<FoundBox, Failure>> {
    const target = parseBoxTarget(ref);
    if (!target.ok) {
      return target;
    }
    const { host, port } = target.value;
    // Without an explicit port the API port comes first, then nginx's port 80.
    const ports = port === DEFAULT_BOX_PORT ? BOX_PORTS : [port];
    const outcome = await probeAddress(this.deps, host, ports, this.tuning.helloTimeoutMs, signal);
    if (signal.aborted) {
      return fail('cancelled');
    }
    if (outcome.box !== null) {
      return ok({ ...outcome.box, foundBy: ['manual'] });
    }
    return outcome.answered
      ? fail('box-not-odoo', `${host} answered, but not as an IoT box`)
      : fail('box-unreachable', `${host} did not answer on ${ports.join(', ')}`);
  }
}

/**
 * `/hw_proxy/hello` on each port in order, then the fingerprint. A host silent on the first port
 * is not asked again on the next: nothing answered there (no ARP reply, or a firewall dropping
 * everything, which Odoo's docs open for 8069 and 80 together), and waiting twice per silent
 * address would double the sweep.
 */
async function probeAddress(
  deps: Pick<DiscoveryDeps, 'http' | 'fingerprint' | 'log'>,
  host: string,
  ports: readonly number[],
  helloTimeoutMs: number,
  signal: AbortSignal,
): Promise<ProbeOutcome> {
  let answered = false;
  for (const port of ports) {
    if (signal.aborted) {
      break;
    }
    const hello = await checkHello(deps.http, host, port, signal, helloTimeoutMs);
    if (hello === 'silent') {
      break;
    }
    answered = true;
    if (hello === 'ping') {
      const box = await deps.fingerprint({ host, port }, signal).catch((error: unknown) => {
        deps.log.warn('fingerprint threw', { host, port, error: String(error) });
        return null;
      });
      if (box === null && !signal.aborted) {
        deps.log.info('answered ping but could not be read as a box; not listed', { host, port });
      }
      return { box, answered };
    }
  }
  return { box: null, answered };
}

/** The state of one scan: channels feed candidates, a bounded queue probes them. */
class ScanRun {
  private boxes: FoundBox[] = [];
  /** One probe per address, whichever channel named it first. */
  private readonly probes = new Map<
    string,
    { readonly job: () => Promise<void>; readonly outcome: Promise<ProbeOutcome> }
  >();
  private probed = 0;
  private total = 0;
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private anyHostAnswered = false;
  private mdnsHeardSomething = false;
  private sweepFinished = false;
  /** Names worth an A answer: the box's default names and hosts named by services. */
  private readonly wantedHosts = new Set(MDNS_HOST_NAMES.map(normaliseName));
  private readonly startedAt: number;

  constructor(
    private readonly deps: DiscoveryDeps,
    private readonly tuning: DiscoveryTuning,
    private readonly now: () => number,
    private readonly scope: DiscoveryScope,
    private readonly request: ScanRequest,
    private readonly listener: ScanListener,
  ) {
    this.startedAt = now();
  }

  async execute(outer: AbortSignal): Promise<Result<DiscoveryReport, Failure>> {
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(),
      this.request.timeoutMs ?? this.tuning.timeoutMs,
    );
    const signal = AbortSignal.any([outer, deadline.signal]);
    const queue = new ProbeQueue(this.tuning.concurrency, signal);
    const useMdns = this.request.mdns !== false && this.scope.mdnsInterfaces.length > 0;
    const useSweep = this.request.sweep !== false && this.scope.sweepNetworks.length > 0;
    const sessions = useMdns ? this.startMdns(queue, signal) : [];
    try {
      if (this.request.localhost !== false && this.scope.localhost) {
        void this.candidate(queue, '127.0.0.1', [DEFAULT_BOX_PORT], 'localhost', signal, true);
      }
      if (this.scope.accessPoint) {
        void this.candidate(queue, ACCESS_POINT_BOX_IP, BOX_PORTS, 'access-point', signal, true);
      }
      const sweepDone = useSweep ? this.startSweep(queue, signal) : Promise.resolve();
      const mdnsWindow = useMdns ? systemClock.sleep(this.tuning.mdnsWindowMs, signal) : undefined;
      await Promise.all([sweepDone, mdnsWindow]);
      await Promise.all(sessions.map((session) => session.close()));
      await queue.idle();
    } finally {
      clearTimeout(timer);
      // Closing twice is harmless; this covers cancellation before the window ended.
      await Promise.all(sessions.map((session) => session.close()));
    }
    this.emitProgress(true);
    if (outer.aborted) {
      return fail('cancelled');
    }
    return ok({
      boxes: this.boxes,
      durationMs: Math.round(this.now() - this.startedAt),
      probed: this.probed,
      reasons: this.reasons(useMdns, useSweep),
    });
  }

  private reasons(usedMdns: boolean, usedSweep: boolean): DiagnosisCode[] {
    if (this.boxes.length > 0) {
      return [];
    }
    const reasons: DiagnosisCode[] = ['discovery-nothing-found'];
    if (this.scope.mdnsInterfaces.length === 0 && this.scope.sweepNetworks.length === 0) {
      reasons.push('discovery-no-interface');
    }
    if (usedMdns && !this.mdnsHeardSomething) {
      reasons.push('discovery-mdns-silent');
    }
    if (usedSweep) {
      reasons.push(this.anyHostAnswered ? 'discovery-no-box-answered' : 'discovery-sweep-silent');
      if (!this.sweepFinished) {
        reasons.push('discovery-incomplete');
      }
    }
    return reasons;
  }

  private startSweep(queue: ProbeQueue, signal: AbortSignal): Promise<void> {
    const pending: Promise<ProbeOutcome>[] = [];
    for (const network of this.scope.sweepNetworks) {
      const size = 2 ** (32 - network.prefix);
      const [first, last] = network.prefix >= 31 ? [0, size - 1] : [1, size - 2];
      for (let offset = first; offset <= last; offset += 1) {
        const ip = formatIpv4(network.base + offset);
        pending.push(this.candidate(queue, ip, BOX_PORTS, 'sweep', signal, false));
      }
    }
    const all = Promise.all(pending).then(() => {
      this.sweepFinished = true;
    });
    // Dropped jobs never settle; the scan must not wait for them once it is stopped.
    return Promise.race([all, systemClock.sleep(Number.POSITIVE_INFINITY, signal)]);
  }

  private startMdns(queue: ProbeQueue, signal: AbortSignal): MdnsSession[] {
    return this.scope.mdnsInterfaces.map((entry) => {
      const session: MdnsSession = this.deps.mdns.browse(
        {
          interfaceAddress: entry.address,
          serviceTypes: MDNS_SERVICE_TYPES,
          hostNames: MDNS_HOST_NAMES,
        },
        {
          onResponse: () => {
            this.mdnsHeardSomething = true;
          },
          onAnswer: (raw) => {
            const answer = readMdnsAnswer(raw);
            if (answer === null) {
              this.deps.log.debug('ignored an odd mDNS answer');
              return;
            }
            if (answer.kind === 'host') {
              if (this.wantedHosts.has(answer.name) && this.scope.allows(answer.address)) {
                void this.candidate(queue, answer.address, BOX_PORTS, 'mdns', signal, true);
              }
              return;
            }
            const ports = WEB_SERVICE_TYPES.has(answer.type)
              ? [...new Set([...BOX_PORTS, answer.port])]
              : BOX_PORTS;
            const addresses = answer.addresses.filter((address) => this.scope.allows(address));
            for (const address of addresses) {
              void this.candidate(queue, address, ports, 'mdns', signal, true);
            }
            if (answer.addresses.length === 0 && !this.wantedHosts.has(answer.host)) {
              // Announcements often carry PTR/SRV/TXT without the A record: ask for it.
              this.wantedHosts.add(answer.host);
              session.resolveHost(answer.host);
            }
          },
        },
      );
      return session;
    });
  }

  /** Queues an address once; a second channel naming it shares the first probe's outcome. */
  private candidate(
    queue: ProbeQueue,
    ip: string,
    ports: readonly number[],
    channel: FoundBy,
    signal: AbortSignal,
    urgent: boolean,
  ): Promise<ProbeOutcome> {
    let entry = this.probes.get(ip);
    if (entry === undefined) {
      this.total += 1;
      this.emitProgress(false);
      let job: () => Promise<void> = () => Promise.resolve();
      const outcome = new Promise<ProbeOutcome>((resolve) => {
        job = async () => {
          const result = await probeAddress(
            this.deps,
            ip,
            ports,
            this.tuning.helloTimeoutMs,
            signal,
          );
          this.probed += 1;
          this.anyHostAnswered ||= result.answered;
          this.emitProgress(false);
          resolve(result);
        };
      });
      entry = { job, outcome };
      this.probes.set(ip, entry);
      queue.push(job, urgent);
    } else if (urgent) {
      queue.promote(entry.job);
    }
    return entry.outcome.then((outcome) => {
      if (outcome.box !== null && !signal.aborted) {
        this.record({ ...outcome.box, foundBy: [channel] });
      }
      return outcome;
    });
  }

  private record(box: FoundBox): void {
    const outcome = mergeBox(this.boxes, box);
    this.boxes = outcome.boxes;
    if (outcome.kind === 'added') {
      this.listener.onBoxFound?.(outcome.box);
    } else if (outcome.kind === 'updated') {
      this.listener.onBoxUpdated?.(outcome.box);
    }
  }

  private emitProgress(force: boolean): void {
    const at = this.now();
    if (!force && at - this.lastProgressAt < this.tuning.progressIntervalMs) {
      return;
    }
    this.lastProgressAt = at;
    this.listener.onProgress?.({ probed: this.probed, total: this.total });
  }
}
