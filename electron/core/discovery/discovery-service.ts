import type {
  AddressCheckProgress,
  ChannelReport,
  DiscoveryProgress,
  DiscoveryReport,
  FoundBox,
  FoundBy,
  ScanChannel,
} from '../../shared/schemas/discovery';
import type { DiagnosisCode } from '../../shared/diagnosis';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import { DEFAULT_BOX_PORT, type BoxTarget } from '../box/box-target';
import type { ClockPort, MdnsPort, MdnsSession, NetworkInterfacesPort } from '../ports';
import { HELLO_TIMEOUT_MS } from '../box/hello';
import { formatIpv4 } from './ipv4';
import { normaliseName, readMdnsAnswer, WEB_SERVICE_TYPES } from './mdns-answers';
import { mergeBox } from './merge';
import {
  probeAddress,
  SILENT,
  type HelloLimits,
  type ProbeDeps,
  type ProbeOutcome,
} from './probe-address';
import { ProbeQueue } from './probe-queue';
import { ACCESS_POINT_BOX_IP, planScope, type DiscoveryScope, type ScopeError } from './scope';
import { BOX_PORTS, MDNS_HOST_NAMES, MDNS_SERVICE_TYPES } from './service-types';

export type DiscoveryTuning = {
  /** Addresses probed at once: a whole /24 is in flight together. */
  readonly concurrency: number;
  /**
   * An address that accepts no TCP connection within this is silent: a LAN host accepts or
   * refuses within milliseconds, while for an absent one ARP fails only after seconds.
   */
  readonly connectTimeoutMs: number;
  /** How long a host that accepted the connection may take to answer its hello. */
  readonly helloTimeoutMs: number;
  /**
   * mDNS listens at least this long: responders answer within 20–120 ms (RFC 6762 §6), and the
   * adapter asks again at 150 ms in case the first answer was lost on busy Wi-Fi.
   */
  readonly mdnsMinWindowMs: number;
  /**
   * With no sweep beside it, mDNS listens at least this long: through the adapter's third query
   * at 1 s, since a responder may hold back a record it multicast within the last second
   * (RFC 6762 §6) and stay silent to the first two.
   */
  readonly mdnsAloneWindowMs: number;
  /** …then until the sweep is done and no answer added anything for this long. */
  readonly mdnsSettleMs: number;
  /**
   * While no mDNS response at all has arrived, it listens at least this long before calling
   * multicast silent: a busy responder, or a slow Wi-Fi, may answer late.
   */
  readonly mdnsSilentWindowMs: number;
  /** Whole-scan deadline when the caller gives none. */
  readonly timeoutMs: number;
  /** Minimum spacing of progress events (a /24 would otherwise send 254 of them). */
  readonly progressIntervalMs: number;
  /**
   * How long a typed address is given: a box still starting refuses its port, or its nginx
   * answers "bad gateway", for a while; a busy or distant one answers after seconds.
   */
  readonly addressPatienceMs: number;
  /** The pause before asking a typed address again after it refused or stayed silent. */
  readonly addressRetryMs: number;
  /** How often the typed address's check says how long it has waited. */
  readonly addressProgressMs: number;
};

export const DEFAULT_DISCOVERY_TUNING: DiscoveryTuning = {
  concurrency: 256,
  connectTimeoutMs: 300,
  helloTimeoutMs: HELLO_TIMEOUT_MS,
  mdnsMinWindowMs: 300,
  mdnsAloneWindowMs: 1_100,
  mdnsSettleMs: 200,
  mdnsSilentWindowMs: 1_000,
  timeoutMs: 20_000,
  progressIntervalMs: 100,
  addressPatienceMs: 15_000,
  addressRetryMs: 1_000,
  addressProgressMs: 250,
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

/** A typed address's wait so far; the caller, who holds the text typed, names the address. */
export type AddressWait = Omit<AddressCheckProgress, 'address'>;

/** For a sweep, where most addresses are empty: silent ones are given up quickly. */
const sweepLimits = (tuning: DiscoveryTuning): HelloLimits => ({
  connectMs: tuning.connectTimeoutMs,
  answerMs: tuning.helloTimeoutMs,
});

/** For an address a channel said is there (mDNS named it): the whole limit to connect too. */
const patientLimits = (tuning: DiscoveryTuning): HelloLimits => ({
  connectMs: tuning.helloTimeoutMs,
  answerMs: tuning.helloTimeoutMs,
});

export type DiscoveryDeps = ProbeDeps & {
  readonly interfaces: NetworkInterfacesPort;
  readonly mdns: MdnsPort;
  /** Every wait, and the durations a scan reports. */
  readonly clock: ClockPort;
  readonly tuning?: Partial<DiscoveryTuning>;
};

const SCOPE_ERROR_CODES: Readonly<Record<ScopeError['kind'], DiagnosisCode>> = {
  'bad-subnet': 'discovery-subnet-invalid',
  'subnet-too-wide': 'discovery-subnet-invalid',
  'unknown-interface': 'discovery-interface-unknown',
};

/**
 * Finds IoT boxes by every channel at once (mDNS, a sweep of the local subnets, this computer,
 * a box's access point) and lists only devices confirmed to be boxes: `/hw_proxy/hello` must
 * answer exactly `ping` and the box must then be readable. One scan runs at a time; starting a
 * new one, or `cancel()`, stops the previous.
 */
export class DiscoveryService {
  private readonly tuning: DiscoveryTuning;
  private current: AbortController | undefined;

  constructor(private readonly deps: DiscoveryDeps) {
    this.tuning = { ...DEFAULT_DISCOVERY_TUNING, ...deps.tuning };
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
    const run = new ScanRun(this.deps, this.tuning, planned.scope, request, listener);
    try {
      return await run.execute(AbortSignal.any([signal, cancel.signal]));
    } finally {
      if (this.current === cancel) {
        this.current = undefined;
      }
    }
  }

  /**
   * Checks one address the user typed, patiently: asked again while it refuses, stays silent or
   * answers like a box still starting, for up to `addressPatienceMs` (with progress), and given
   * all the time left to answer, so a slow or still-starting box is found rather than called
   * silent. Something answering in a way no box does ends the check at once. Confirmed boxes
   * carry `foundBy: ['manual']`.
   */
  async checkAddress(
    target: BoxTarget,
    signal: AbortSignal,
    onProgress: (progress: AddressWait) => void = () => undefined,
  ): Promise<Result<FoundBox, Failure>> {
    const { host, port } = target;
    // Without an explicit port the API port comes first, then nginx's port 80.
    const ports = port === DEFAULT_BOX_PORT ? BOX_PORTS : [port];
    const { addressPatienceMs: budgetMs, addressRetryMs, addressProgressMs } = this.tuning;
    const started = this.deps.clock.now();
    const elapsed = (): number => Math.min(budgetMs, Math.round(this.deps.clock.now() - started));
    let attempt = 0;
    let last: AddressCheckProgress['last'] = null;
    const report = (): void => onProgress({ elapsedMs: elapsed(), budgetMs, attempt, last });
    const ticker = setInterval(report, addressProgressMs);
    try {
      for (;;) {
        attempt += 1;
        report();
        const left = Math.max(1, budgetMs - elapsed());
        const limits = { connectMs: Math.min(this.tuning.helloTimeoutMs, left), answerMs: left };
        const outcome = await probeAddress(this.deps, host, ports, limits, signal);
        if (signal.aborted) {
          return fail('cancelled');
        }
        if (outcome.box !== null) {
          return ok({ ...outcome.box, foundBy: ['manual'], alsoClaimedBy: [] });
        }
        if (outcome.notBox) {
          return fail('box-not-odoo', `${host} answered, but not as an IoT box`);
        }
        last = outcome.starting ? 'starting' : last === 'starting' ? last : 'silent';
        if (budgetMs - elapsed() <= addressRetryMs) {
          break;
        }
        await this.deps.clock.sleep(addressRetryMs, signal);
      }
    } finally {
      clearInterval(ticker);
    }
    if (signal.aborted) {
      return fail('cancelled');
    }
    return last === 'starting'
      ? fail('box-starting', `${host} refused or was not ready on ${ports.join(', ')}`)
      : fail('box-unreachable', `${host} did not answer on ${ports.join(', ')}`);
  }
}

/** The state of one scan: channels feed candidates, a bounded queue probes them. */
class ScanRun {
  private boxes: FoundBox[] = [];
  /** One probe per address, whichever channel named it first. */
  private readonly probes = new Map<
    string,
    {
      readonly job: () => Promise<void>;
      readonly outcome: Promise<ProbeOutcome>;
      /** Some channel saw the host (mDNS…), not only the sweep: worth the whole limit. */
      readonly state: { named: boolean };
    }
  >();
  private probed = 0;
  private total = 0;
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private anyHostAnswered = false;
  private mdnsHeardSomething = false;
  private sweepFinished = false;
  /** Names worth an A answer: the box's default names and hosts named by services. */
  private readonly wantedHosts = new Set(MDNS_HOST_NAMES.map(normaliseName));
  /** Wanted names an A answer has come for. */
  private readonly resolvedHosts = new Set<string>();
  /** Hosts asked for again because a service named them before their address came. */
  private readonly followedHosts = new Set<string>();
  /** Addresses mDNS has named, and when an answer last named a new one (or a new host). */
  private readonly mdnsNamed = new Set<string>();
  private lastMdnsNewsAt: number;
  /** When each channel used had nothing more to add, in ms from the start. */
  private readonly channelEnds = new Map<ScanChannel, number | null>();
  private readonly hello: HelloLimits;
  private readonly patientHello: HelloLimits;
  private readonly startedAt: number;

  constructor(
    private readonly deps: DiscoveryDeps,
    private readonly tuning: DiscoveryTuning,
    private readonly scope: DiscoveryScope,
    private readonly request: ScanRequest,
    private readonly listener: ScanListener,
  ) {
    this.startedAt = deps.clock.now();
    this.lastMdnsNewsAt = this.startedAt;
    this.hello = sweepLimits(tuning);
    this.patientHello = patientLimits(tuning);
  }

  async execute(outer: AbortSignal): Promise<Result<DiscoveryReport, Failure>> {
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(),
      this.request.timeoutMs ?? this.tuning.timeoutMs,
    );
    const signal = AbortSignal.any([outer, deadline.signal]);
    // Dropped jobs never settle: every wait below also ends when the scan is stopped.
    const stopped = this.deps.clock.sleep(Number.POSITIVE_INFINITY, signal);
    const queue = new ProbeQueue(this.tuning.concurrency, signal);
    const useMdns = this.request.mdns !== false && this.scope.mdnsInterfaces.length > 0;
    const useSweep = this.request.sweep !== false && this.scope.sweepNetworks.length > 0;
    const channels: Promise<void>[] = [];
    let sessions: MdnsSession[] = [];
    try {
      if (this.request.localhost !== false && this.scope.localhost) {
        channels.push(this.single(queue, '127.0.0.1', [DEFAULT_BOX_PORT], 'localhost', signal));
      }
      if (this.scope.accessPoint) {
        channels.push(this.single(queue, ACCESS_POINT_BOX_IP, BOX_PORTS, 'access-point', signal));
      }
      const sweepDone = useSweep ? this.startSweep(queue, signal) : Promise.resolve();
      channels.push(sweepDone);
      if (useMdns) {
        sessions = this.startMdns(queue, signal);
        const minimumMs = useSweep ? this.tuning.mdnsMinWindowMs : this.tuning.mdnsAloneWindowMs;
        channels.push(this.closeMdnsWhenDone(sessions, minimumMs, sweepDone, stopped, signal));
      }
      await Promise.race([Promise.all(channels), stopped]);
      await queue.idle();
    } finally {
      clearTimeout(timer);
      // Closing twice is harmless; this covers cancellation before mDNS was done.
      await Promise.all(sessions.map((session) => session.close()));
    }
    this.emitProgress(true);
    if (outer.aborted) {
      return fail('cancelled');
    }
    return ok({
      boxes: this.boxes,
      durationMs: this.elapsed(),
      channels: this.channelReports(),
      probed: this.probed,
      reasons: this.reasons(useMdns, useSweep),
    });
  }

  private elapsed(): number {
    return Math.max(0, Math.round(this.deps.clock.now() - this.startedAt));
  }

  private started(channel: ScanChannel): void {
    this.channelEnds.set(channel, null);
  }

  private finished(channel: ScanChannel): void {
    if (this.channelEnds.get(channel) === null) {
      this.channelEnds.set(channel, this.elapsed());
    }
  }

  /** Each channel used; one the deadline cut short ends with the scan. */
  private channelReports(): Partial<Record<ScanChannel, ChannelReport>> {
    const end = this.elapsed();
    return Object.fromEntries(
      [...this.channelEnds].map(([channel, at]) => [
        channel,
        {
          durationMs: at ?? end,
          boxes: this.boxes.filter((box) => box.foundBy.includes(channel)).length,
        },
      ]),
    );
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

  /** A channel of one address (this computer, a box's access point). */
  private async single(
    queue: ProbeQueue,
    ip: string,
    ports: readonly number[],
    channel: ScanChannel,
    signal: AbortSignal,
  ): Promise<void> {
    this.started(channel);
    await this.candidate(queue, ip, ports, channel, signal, true);
    this.finished(channel);
  }

  private startSweep(queue: ProbeQueue, signal: AbortSignal): Promise<void> {
    this.started('sweep');
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
      this.finished('sweep');
    });
    return Promise.race([all, this.deps.clock.sleep(Number.POSITIVE_INFINITY, signal)]);
  }

  /**
   * mDNS stops listening once it has nothing more to add: its minimum window has passed, the
   * sweep has covered the subnets (a box it missed could still announce itself), something has
   * answered (or the silent window has passed), and no answer has named anything new for the
   * settle time. Repeats of what it already heard do not count.
   */
  private async closeMdnsWhenDone(
    sessions: readonly MdnsSession[],
    minimumMs: number,
    sweepDone: Promise<void>,
    stopped: Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    await this.deps.clock.sleep(minimumMs, signal);
    await Promise.race([sweepDone, stopped]);
    for (;;) {
      const now = this.deps.clock.now();
      const untilQuiet = this.tuning.mdnsSettleMs - (now - this.lastMdnsNewsAt);
      const untilSilent = this.mdnsHeardSomething
        ? 0
        : this.tuning.mdnsSilentWindowMs - (now - this.startedAt);
      const wait = Math.max(untilQuiet, untilSilent);
      if (signal.aborted || wait <= 0) {
        break;
      }
      // Checked again at least every settle time: a first answer ends the silent wait early.
      await this.deps.clock.sleep(Math.min(wait, this.tuning.mdnsSettleMs), signal);
    }
    await Promise.all(sessions.map((session) => session.close()));
    this.finished('mdns');
  }

  private startMdns(queue: ProbeQueue, signal: AbortSignal): MdnsSession[] {
    this.started('mdns');
    const named = (address: string, ports: readonly number[]): void => {
      if (!this.mdnsNamed.has(address)) {
        this.mdnsNamed.add(address);
        this.lastMdnsNewsAt = this.deps.clock.now();
      }
      void this.candidate(queue, address, ports, 'mdns', signal, true);
    };
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
                this.resolvedHosts.add(answer.name);
                named(answer.address, BOX_PORTS);
              }
              return;
            }
            const ports = WEB_SERVICE_TYPES.has(answer.type)
              ? [...new Set([...BOX_PORTS, answer.port])]
              : BOX_PORTS;
            const addresses = answer.addresses.filter((address) => this.scope.allows(address));
            for (const address of addresses) {
              named(address, ports);
            }
            if (
              answer.addresses.length === 0 &&
              !this.resolvedHosts.has(answer.host) &&
              !this.followedHosts.has(answer.host)
            ) {
              // Announcements often carry PTR/SRV/TXT without the A record, and a responder may
              // have let our first questions for that host go by (avahi does, while busy): ask
              // for it now, and count it as news so the search waits for the answer.
              this.wantedHosts.add(answer.host);
              this.followedHosts.add(answer.host);
              this.lastMdnsNewsAt = this.deps.clock.now();
              session.resolveHost(answer.host);
            }
          },
        },
      );
      return session;
    });
  }

  /**
   * Queues an address once; a second channel naming it shares the first probe's outcome. A `named`
   * address (mDNS heard it, or it is this computer or a box's access point) is known to be there:
   * it jumps the sweep's queue and may take the whole hello limit to connect (a box on Wi-Fi in
   * power-save mode can be slow to). If the sweep's quicker probe already found it silent, the same
   * job asks once more with that patience.
   */
  private candidate(
    queue: ProbeQueue,
    ip: string,
    ports: readonly number[],
    channel: FoundBy,
    signal: AbortSignal,
    named: boolean,
  ): Promise<ProbeOutcome> {
    let entry = this.probes.get(ip);
    if (entry === undefined) {
      this.total += 1;
      this.emitProgress(false);
      const state = { named };
      let job: () => Promise<void> = () => Promise.resolve();
      const outcome = new Promise<ProbeOutcome>((resolve) => {
        job = async () => {
          const result = await this.probe(ip, ports, state, signal).catch((error: unknown) => {
            // An adapter broke its promise never to throw: the address counts as silent.
            this.deps.log.warn('probe failed', { ip, error: String(error) });
            return SILENT;
          });
          this.probed += 1;
          this.anyHostAnswered ||= result.answered;
          this.emitProgress(false);
          resolve(result);
        };
      });
      entry = { job, outcome, state };
      this.probes.set(ip, entry);
      queue.push(job, named);
    } else if (named) {
      entry.state.named = true;
      queue.promote(entry.job);
    }
    return entry.outcome.then((outcome) => {
      if (outcome.box !== null && !signal.aborted) {
        this.record({ ...outcome.box, foundBy: [channel], alsoClaimedBy: [] });
      }
      return outcome;
    });
  }

  /** The sweep's quick probe, or the patient one; patient again if a channel named it meanwhile. */
  private async probe(
    ip: string,
    ports: readonly number[],
    state: { readonly named: boolean },
    signal: AbortSignal,
  ): Promise<ProbeOutcome> {
    const patient = state.named;
    const first = await probeAddress(
      this.deps,
      ip,
      ports,
      patient ? this.patientHello : this.hello,
      signal,
    );
    return !first.answered && !patient && state.named && !signal.aborted
      ? probeAddress(this.deps, ip, ports, this.patientHello, signal)
      : first;
  }

  private record(box: FoundBox): void {
    const outcome = mergeBox(this.boxes, box);
    this.boxes = outcome.boxes;
    if (outcome.added !== null) {
      this.listener.onBoxFound?.(outcome.added);
    }
    for (const updated of outcome.updated) {
      this.listener.onBoxUpdated?.(updated);
    }
  }

  private emitProgress(force: boolean): void {
    const at = this.deps.clock.now();
    if (!force && at - this.lastProgressAt < this.tuning.progressIntervalMs) {
      return;
    }
    this.lastProgressAt = at;
    this.listener.onProgress?.({ probed: this.probed, total: this.total });
  }
}
