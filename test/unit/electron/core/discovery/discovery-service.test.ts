import { describe, expect, it } from 'vitest';

import type {
  InterfaceAddress,
  MdnsAnswer,
  MdnsBrowseOptions,
  MdnsListener,
  MdnsPort,
} from '../../../../../electron/core/ports';
import { systemClock } from '../../../../../electron/core/adapters/system-clock';
import { discoveryHandlers } from '../../../../../electron/core/discovery/discovery-handlers';
import {
  DEFAULT_DISCOVERY_TUNING,
  DiscoveryService,
} from '../../../../../electron/core/discovery/discovery-service';
import type { Fingerprint } from '../../../../../electron/core/discovery/probe-address';
import { MDNS_SERVICE_TYPES } from '../../../../../electron/core/discovery/service-types';
import type {
  EventSink,
  HttpPort,
  HttpRequest,
  HttpResult,
  LogPort,
  TcpKnock,
  TcpPort,
} from '../../../../../electron/core/ports';
import type {
  AddressCheckProgress,
  DiscoveryProgress,
  FoundBox,
} from '../../../../../electron/shared/schemas/discovery';
import { sampleFoundBox } from '../../../../fakes/sample-box';

const silentLog: LogPort = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * `slow-box`: a box that takes SLOW_CONNECT_MS to accept a connection (Wi-Fi power save);
 * `slow-answer`: one that accepts at once but answers after SLOW_ANSWER_MS (busy, or loading);
 * `gateway`: a box's nginx while its Odoo service is down (HTTP 502).
 */
type HostBehaviour =
  'box' | 'decoy' | 'closed' | 'garbage-box' | 'slow-box' | 'slow-answer' | 'gateway';
const SLOW_CONNECT_MS = 120;
const SLOW_ANSWER_MS = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fake LAN behind the TcpPort and HttpPort: each host behaves as told; every other address is
 * silent (its connect times out).
 */
class FakeLan implements HttpPort, TcpPort {
  /** `host:port` of every connect, in order. */
  readonly knocks: string[] = [];
  /** URL of every HTTP request, in order. */
  readonly requests: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** When the last connect settled (performance.now()). */
  lastKnockAt = 0;
  constructor(
    private readonly hosts: Readonly<Record<string, HostBehaviour>>,
    private readonly silentDelayMs = 5,
  ) {}

  async knock(host: string, port: number, timeoutMs: number): Promise<TcpKnock> {
    this.knocks.push(`${host}:${port}`);
    const knock = await this.counted(async (): Promise<TcpKnock> => {
      const behaviour = this.hosts[host];
      if (behaviour === undefined) {
        await sleep(Math.min(this.silentDelayMs, timeoutMs));
        return 'silent';
      }
      if (behaviour === 'slow-box') {
        await sleep(Math.min(SLOW_CONNECT_MS, timeoutMs));
        return timeoutMs >= SLOW_CONNECT_MS ? 'open' : 'silent';
      }
      return behaviour === 'closed' ? 'refused' : 'open';
    });
    this.lastKnockAt = performance.now();
    return knock;
  }

  async request(request: HttpRequest): Promise<HttpResult> {
    this.requests.push(request.url);
    return this.counted(async (): Promise<HttpResult> => {
      const behaviour = this.hosts[new URL(request.url).hostname];
      if (behaviour === 'slow-answer') {
        await sleep(Math.min(SLOW_ANSWER_MS, request.timeoutMs));
        if (request.timeoutMs < SLOW_ANSWER_MS) {
          return { ok: false, error: { kind: 'timeout', message: 'no answer in time' } };
        }
      }
      if (behaviour === 'gateway') {
        return { ok: true, value: { status: 502, headers: {}, body: '502 Bad Gateway' } };
      }
      const body = behaviour === 'decoy' ? '<h1>hello</h1>' : 'ping';
      return { ok: true, value: { status: 200, headers: {}, body } };
    });
  }

  private async counted<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
    }
  }
}

const fingerprintFor =
  (lan: Record<string, HostBehaviour>): Fingerprint =>
  (target) =>
    Promise.resolve(
      lan[target.host] === 'box' ||
        lan[target.host] === 'slow-box' ||
        lan[target.host] === 'slow-answer'
        ? {
            ...sampleFoundBox,
            address: target,
            ip: target.host,
            identifier: `id-${target.host}`,
            mac: null,
          }
        : null,
    );

/** A fake mDNS: records what was bound and lets the test play answers. */
class FakeMdns implements MdnsPort {
  readonly sessions: {
    options: MdnsBrowseOptions;
    listener: MdnsListener;
    closed: boolean;
    /** When close() was called (performance.now()). */
    closedAt: number;
    resolved: string[];
  }[] = [];
  constructor(
    private readonly onBrowse: (
      listener: MdnsListener,
      resolveHost: (name: string) => void,
      closed: () => boolean,
    ) => void = () => {},
  ) {}
  browse(options: MdnsBrowseOptions, listener: MdnsListener) {
    const session = { options, listener, closed: false, closedAt: 0, resolved: [] as string[] };
    this.sessions.push(session);
    const resolveHost = (name: string) => session.resolved.push(name);
    queueMicrotask(() => this.onBrowse(listener, resolveHost, () => session.closed));
    return {
      resolveHost,
      close: () => {
        if (!session.closed) {
          session.closed = true;
          session.closedAt = performance.now();
        }
        return Promise.resolve();
      },
    };
  }
}

const eth0: InterfaceAddress = {
  name: 'eth0',
  address: '192.168.5.10',
  netmask: '255.255.255.0',
  family: 'IPv4',
  internal: false,
  mac: '00:00:00:00:00:10',
  cidr: '192.168.5.10/24',
};

function service(
  lan: Record<string, HostBehaviour>,
  options: {
    mdns?: FakeMdns;
    interfaces?: InterfaceAddress[];
    fingerprint?: Fingerprint;
    concurrency?: number;
    silentDelayMs?: number;
    helloTimeoutMs?: number;
    addressPatienceMs?: number;
    mdnsSilentWindowMs?: number;
  } = {},
) {
  const http = new FakeLan(lan, options.silentDelayMs);
  const mdns = options.mdns ?? new FakeMdns();
  const discovery = new DiscoveryService({
    http,
    tcp: http,
    log: silentLog,
    interfaces: () => options.interfaces ?? [eth0],
    mdns,
    clock: systemClock,
    fingerprint: options.fingerprint ?? fingerprintFor(lan),
    tuning: {
      concurrency: options.concurrency ?? 32,
      mdnsMinWindowMs: 20,
      mdnsAloneWindowMs: 80,
      mdnsSettleMs: 10,
      mdnsSilentWindowMs: options.mdnsSilentWindowMs ?? 100,
      connectTimeoutMs: 50,
      helloTimeoutMs: options.helloTimeoutMs ?? 50,
      addressPatienceMs: options.addressPatienceMs ?? 400,
      addressRetryMs: 20,
      addressProgressMs: 10,
    },
  });
  return { discovery, http, mdns };
}

function collect() {
  const found: FoundBox[] = [];
  const updated: FoundBox[] = [];
  const progress: DiscoveryProgress[] = [];
  return {
    found,
    updated,
    progress,
    listener: {
      onBoxFound: (box: FoundBox) => found.push(box),
      onBoxUpdated: (box: FoundBox) => updated.push(box),
      onProgress: (p: DiscoveryProgress) => progress.push(p),
    },
  };
}

const never = new AbortController().signal;

describe('DiscoveryService.scan', () => {
  it('sweeps the subnet, lists only hosts that answer ping and read as boxes', async () => {
    const lan: Record<string, HostBehaviour> = {
      '192.168.5.20': 'box',
      '192.168.5.30': 'decoy',
      '192.168.5.31': 'closed',
      '192.168.5.40': 'garbage-box',
    };
    const { discovery, http } = service(lan);
    const events = collect();
    const result = await discovery.scan({ mdns: false, localhost: false }, events.listener, never);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.boxes.map((box) => [box.ip, box.foundBy])).toEqual([
      ['192.168.5.20', ['sweep']],
    ]);
    expect(events.found.map((box) => box.ip)).toEqual(['192.168.5.20']);
    expect(result.value.probed).toBe(254);
    expect(result.value.reasons).toEqual([]);
    expect(events.progress.at(-1)).toEqual({ probed: 254, total: 254 });
    // 8069 first; 80 only for hosts that answered 8069 without being a box.
    expect(http.knocks).toContain('192.168.5.31:80');
    expect(http.knocks).toContain('192.168.5.30:80');
    expect(http.knocks).not.toContain('192.168.5.99:80');
    expect(http.knocks.filter((knock) => knock.endsWith(':8069'))).toHaveLength(254);
    // The hello goes only where a connection was accepted, never to a closed or silent address.
    expect([...new Set(http.requests.map((url) => new URL(url).hostname))].sort()).toEqual([
      '192.168.5.20',
      '192.168.5.30',
      '192.168.5.40',
    ]);
    expect(http.requests).toContain('http://192.168.5.30:80/hw_proxy/hello');
  });

  it('counts an address whose probe throws as silent and finishes the scan', async () => {
    const { discovery, http } = service({ '192.168.5.20': 'box' });
    const knock = http.knock.bind(http);
    http.knock = (host, port, timeoutMs) =>
      host === '192.168.5.7'
        ? Promise.reject(new Error('broken adapter'))
        : knock(host, port, timeoutMs);
    const result = await discovery.scan({ mdns: false, localhost: false }, {}, never);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.boxes.map((box) => box.ip)).toEqual(['192.168.5.20']);
    expect(result.value.probed).toBe(254);
    expect(result.value.reasons).toEqual([]);
  });

  it('never probes more hosts at once than its concurrency', async () => {
    const { discovery, http } = service({}, { concurrency: 7 });
    await discovery.scan({ mdns: false }, {}, never);
    expect(http.maxInFlight).toBe(7);
  });

  it('probes an mDNS-named box first and credits both channels when the sweep meets it', async () => {
    const lan: Record<string, HostBehaviour> = { '192.168.5.20': 'box', '192.168.5.21': 'box' };
    const mdns = new FakeMdns((listener) => {
      listener.onResponse();
      listener.onAnswer({ kind: 'host', name: 'iotbox.local.', address: '192.168.5.20' });
    });
    const { discovery, http } = service(lan, { mdns, concurrency: 4 });
    const events = collect();
    const result = await discovery.scan({ localhost: false }, events.listener, never);
    if (!result.ok) throw new Error(result.error.code);
    // It jumps the queue: in sweep order it would be the 20th connect.
    expect(http.knocks.indexOf('192.168.5.20:8069')).toBeLessThan(8);
    const byIp = Object.fromEntries(result.value.boxes.map((box) => [box.ip, box.foundBy]));
    expect(byIp).toEqual({ '192.168.5.20': ['mdns', 'sweep'], '192.168.5.21': ['sweep'] });
    // Streamed once when confirmed, then once more when the second channel is credited.
    expect(events.found.map((box) => box.ip).sort()).toEqual(['192.168.5.20', '192.168.5.21']);
    expect(events.updated.map((box) => [box.ip, box.foundBy])).toEqual([
      ['192.168.5.20', ['mdns', 'sweep']],
    ]);
    expect(mdns.sessions.map((session) => session.options.interfaceAddress)).toEqual([
      '192.168.5.10',
    ]);
    expect(mdns.sessions[0]?.options.serviceTypes).toEqual(MDNS_SERVICE_TYPES);
    expect(mdns.sessions[0]?.options.hostNames).toContain('iotbox-9.local');
    expect(mdns.sessions.every((session) => session.closed)).toBe(true);
    // What each channel found, and when it was done.
    expect(result.value.channels).toEqual({
      sweep: { durationMs: expect.any(Number) as unknown, boxes: 2 },
      mdns: { durationMs: expect.any(Number) as unknown, boxes: 1 },
    });
    for (const channel of Object.values(result.value.channels)) {
      expect(channel.durationMs).toBeLessThanOrEqual(result.value.durationMs);
    }
  });

  it('listens to mDNS until the sweep has covered the subnet, then until answers settle', async () => {
    const lan: Record<string, HostBehaviour> = { '192.168.5.20': 'box', '192.168.5.21': 'box' };
    let lastNewAt = 0;
    const mdns = new FakeMdns((listener) => {
      // A second box is announced late, after the first.
      listener.onAnswer({ kind: 'host', name: 'iotbox.local', address: '192.168.5.20' });
      void sleep(30).then(() => {
        lastNewAt = performance.now();
        listener.onAnswer({ kind: 'host', name: 'iotbox-2.local', address: '192.168.5.21' });
      });
    });
    // Silent addresses take 30 ms each, 32 at a time: the sweep outlasts the minimum window.
    const { discovery, http } = service(lan, { mdns, silentDelayMs: 30 });
    const result = await discovery.scan({ localhost: false }, {}, never);
    if (!result.ok) throw new Error(result.error.code);
    const [session] = mdns.sessions;
    expect(session?.closed).toBe(true);
    expect(session?.closedAt).toBeGreaterThanOrEqual(http.lastKnockAt);
    expect((session?.closedAt ?? 0) - lastNewAt).toBeGreaterThanOrEqual(10);
    expect(result.value.channels.mdns?.durationMs).toBeGreaterThanOrEqual(
      result.value.channels.sweep?.durationMs ?? Number.NaN,
    );
    expect(result.value.boxes.map((box) => box.foundBy)).toEqual([
      ['mdns', 'sweep'],
      ['mdns', 'sweep'],
    ]);
  });

  it('listens longer to mDNS when it is the only channel', async () => {
    const lan: Record<string, HostBehaviour> = { '192.168.5.20': 'box' };
    let answeredAt = 0;
    // Something answers at once; the box only 30 ms later (a responder holding its record back).
    const held = () =>
      new FakeMdns((listener) => {
        listener.onResponse();
        void sleep(30).then(() => {
          answeredAt = performance.now();
          listener.onAnswer({ kind: 'host', name: 'iotbox.local', address: '192.168.5.20' });
        });
      });
    const alone = held();
    const found = await service(lan, { mdns: alone }).discovery.scan(
      { sweep: false, localhost: false },
      {},
      never,
    );
    expect(found.ok && found.value.boxes.map((box) => box.foundBy)).toEqual([['mdns']]);
    expect(alone.sessions[0]?.closedAt).toBeGreaterThan(answeredAt);
  });

  it('stops listening to mDNS while a responder keeps repeating what it already said', async () => {
    const lan: Record<string, HostBehaviour> = { '192.168.5.20': 'box' };
    const mdns = new FakeMdns((listener, _resolve, closed) => {
      const repeat = (): void => {
        if (!closed()) {
          listener.onAnswer({ kind: 'host', name: 'iotbox.local', address: '192.168.5.20' });
          setTimeout(repeat, 3);
        }
      };
      repeat();
    });
    const { discovery } = service(lan, { mdns });
    // Waiting for this deadline would time the test out: the scan must end on its own.
    const result = await discovery.scan(
      { sweep: false, localhost: false, timeoutMs: 60_000 },
      {},
      never,
    );
    if (!result.ok) throw new Error(result.error.code);
    expect(mdns.sessions[0]?.closed).toBe(true);
    expect(result.value.boxes.map((box) => [box.ip, box.foundBy])).toEqual([
      ['192.168.5.20', ['mdns']],
    ]);
  });

  it('keeps listening to a silent mDNS for its silent window, and hears a late first answer', async () => {
    // The product's own window (1 s): an answer 60 ms in is late for every other window, and a
    // loaded machine has most of a second before the race could tip.
    const silentWindowMs = DEFAULT_DISCOVERY_TUNING.mdnsSilentWindowMs;
    const lan: Record<string, HostBehaviour> = { '192.168.5.20': 'box' };
    let answeredAt = 0;
    const late = new FakeMdns((listener) => {
      void sleep(60).then(() => {
        answeredAt = performance.now();
        listener.onResponse();
        listener.onAnswer({ kind: 'host', name: 'iotbox.local', address: '192.168.5.20' });
      });
    });
    const lateStarted = performance.now();
    const found = await service(lan, {
      mdns: late,
      mdnsSilentWindowMs: silentWindowMs,
    }).discovery.scan({ sweep: false, localhost: false }, {}, never);
    expect(found.ok && found.value.boxes.map((box) => box.foundBy)).toEqual([['mdns']]);
    expect(late.sessions[0]?.closedAt).toBeGreaterThan(answeredAt);
    // Heard something: it does not sit out the rest of the silent window.
    expect((late.sessions[0]?.closedAt ?? 0) - lateStarted).toBeLessThan(silentWindowMs);
    // Nobody answers at all: it listens out the whole silent window before saying so.
    const mute = new FakeMdns();
    const started = performance.now();
    const silent = await service(lan, {
      mdns: mute,
      mdnsSilentWindowMs: silentWindowMs,
    }).discovery.scan({ sweep: false, localhost: false }, {}, never);
    expect(silent.ok && silent.value.reasons).toContain('discovery-mdns-silent');
    expect((mute.sessions[0]?.closedAt ?? 0) - started).toBeGreaterThanOrEqual(silentWindowMs);
  });

  it('gives a silent address up quickly, but waits for a box mDNS names', async () => {
    const lan: Record<string, HostBehaviour> = { '192.168.5.20': 'slow-box' };
    // Sweep alone: the box takes longer to accept than a silent address is given.
    const alone = service(lan, { helloTimeoutMs: 500 });
    const swept = await alone.discovery.scan({ mdns: false, localhost: false }, {}, never);
    expect(swept.ok && swept.value.boxes).toEqual([]);
    // Named by mDNS, the sweep's probe of that address waits for it (asking again if needed).
    const mdns = new FakeMdns((listener) =>
      listener.onAnswer({ kind: 'host', name: 'iotbox.local', address: '192.168.5.20' }),
    );
    const named = service(lan, { mdns, helloTimeoutMs: 500 });
    const result = await named.discovery.scan({ localhost: false }, {}, never);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.boxes.map((box) => [box.ip, box.foundBy])).toEqual([
      ['192.168.5.20', ['mdns', 'sweep']],
    ]);
  });

  it('resolves the host of a service announced without addresses, then probes it', async () => {
    const lan: Record<string, HostBehaviour> = { '192.168.5.25': 'box' };
    let answer: ((a: MdnsAnswer) => void) | undefined;
    const mdns = new FakeMdns((listener, resolveHost) => {
      answer = listener.onAnswer;
      listener.onAnswer({
        kind: 'service',
        type: '_http._tcp',
        name: 'Shop box',
        host: 'shop-box.local',
        port: 80,
        addresses: ['fe80::1'],
      });
      void resolveHost;
    });
    const { discovery } = service(lan, { mdns });
    const pending = discovery.scan({ sweep: false, localhost: false }, {}, never);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(mdns.sessions[0]?.resolved).toEqual(['shop-box.local']);
    answer?.({ kind: 'host', name: 'SHOP-BOX.local', address: '192.168.5.25' });
    // An A record for a name nobody asked about is not a candidate.
    answer?.({ kind: 'host', name: 'printer.local', address: '192.168.5.26' });
    const result = await pending;
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.boxes.map((box) => [box.ip, box.foundBy])).toEqual([
      ['192.168.5.25', ['mdns']],
    ]);
    expect(result.value.probed).toBe(1);
  });

  it('asks again for a box name a service names before its address came, once, and not once known', async () => {
    const lan: Record<string, HostBehaviour> = { '192.168.5.20': 'box' };
    let answer: ((a: MdnsAnswer) => void) | undefined;
    const announce = (host: string): void =>
      answer?.({
        kind: 'service',
        type: '_http._tcp',
        name: 'IoT Box',
        host,
        port: 8069,
        addresses: [],
      });
    const mdns = new FakeMdns((listener) => {
      answer = listener.onAnswer;
      listener.onResponse();
      // iotbox.local was asked for from the start; its responder let those questions go by.
      announce('iotbox.local');
      announce('IOTBOX.local');
    });
    const { discovery } = service(lan, { mdns });
    const pending = discovery.scan({ sweep: false, localhost: false }, {}, never);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(mdns.sessions[0]?.resolved).toEqual(['iotbox.local']);
    answer?.({ kind: 'host', name: 'iotbox.local', address: '192.168.5.20' });
    // Known now: another announcement without the address asks nothing more.
    announce('iotbox.local');
    const result = await pending;
    if (!result.ok) throw new Error(result.error.code);
    expect(mdns.sessions[0]?.resolved).toEqual(['iotbox.local']);
    expect(result.value.boxes.map((box) => [box.ip, box.foundBy])).toEqual([
      ['192.168.5.20', ['mdns']],
    ]);
  });

  it('ignores odd mDNS names, oversized records, foreign types and addresses outside the scope', async () => {
    const lan: Record<string, HostBehaviour> = {
      '192.168.5.20': 'box',
      '10.9.9.9': 'box',
    };
    const mdns = new FakeMdns((listener) => {
      const base = { kind: 'service' as const, type: '_http._tcp', name: 'x', port: 80 };
      listener.onAnswer({ ...base, host: 'bad name!.local', addresses: ['192.168.5.20'] });
      listener.onAnswer({ ...base, host: `${'a'.repeat(300)}.local`, addresses: ['192.168.5.20'] });
      listener.onAnswer({
        ...base,
        host: 'ok.local',
        name: 'n'.repeat(10_000),
        addresses: ['192.168.5.20'],
      });
      listener.onAnswer({
        ...base,
        type: '_printer._tcp',
        host: 'ok.local',
        addresses: ['192.168.5.20'],
      });
      listener.onAnswer({ ...base, host: 'ok.local', port: 70_000, addresses: ['192.168.5.20'] });
      listener.onAnswer({ ...base, host: 'ok.local', addresses: Array(100).fill('192.168.5.20') });
      listener.onAnswer({ ...base, host: 'ok.local', addresses: ['10.9.9.9'] });
      listener.onAnswer({ kind: 'host', name: 'iotbox.local', address: 'not-an-ip' });
    });
    const { discovery, http } = service(lan, { mdns });
    const result = await discovery.scan({ sweep: false, localhost: false }, {}, never);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.boxes).toEqual([]);
    expect(http.knocks).toEqual([]);
  });

  it('checks this computer and a box access point as their own channels', async () => {
    const lan: Record<string, HostBehaviour> = { '127.0.0.1': 'box', '10.11.12.1': 'box' };
    const wlan: InterfaceAddress = { ...eth0, name: 'wlan0', address: '10.11.12.40' };
    const { discovery } = service(lan, { interfaces: [wlan] });
    const result = await discovery.scan({ mdns: false, sweep: false }, {}, never);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.boxes.map((box) => [box.ip, box.foundBy])).toEqual([
      ['127.0.0.1', ['localhost']],
      ['10.11.12.1', ['access-point']],
    ]);
    expect(Object.keys(result.value.channels).sort()).toEqual(['access-point', 'localhost']);
  });

  it('lists one identity answering at two addresses twice, each naming the other', async () => {
    const lan: Record<string, HostBehaviour> = { '127.0.0.1': 'box', '192.168.5.20': 'box' };
    const sameBox: Fingerprint = (target) =>
      Promise.resolve({ ...sampleFoundBox, address: target, ip: target.host });
    const updates: string[] = [];
    const { discovery } = service(lan, { fingerprint: sameBox });
    const result = await discovery.scan(
      { mdns: false },
      { onBoxUpdated: (box) => updates.push(box.address.host) },
      never,
    );
    if (!result.ok) throw new Error(result.error.code);
    const listed = result.value.boxes
      .map((box) => [box.address.host, box.foundBy, box.alsoClaimedBy.map((c) => c.host)])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(listed).toEqual([
      ['127.0.0.1', ['localhost'], ['192.168.5.20']],
      ['192.168.5.20', ['sweep'], ['127.0.0.1']],
    ]);
    // Whichever answered first is updated when the second claims its identity.
    expect(updates).toHaveLength(1);
  });

  it('explains an empty result: no interface', async () => {
    const { discovery } = service({}, { interfaces: [] });
    const result = await discovery.scan({}, {}, never);
    expect(result.ok && result.value.reasons).toEqual([
      'discovery-nothing-found',
      'discovery-no-interface',
    ]);
  });

  it('explains an empty result: multicast silent and only silent hosts', async () => {
    const { discovery } = service({});
    const result = await discovery.scan({ localhost: false }, {}, never);
    expect(result.ok && result.value.reasons).toEqual([
      'discovery-nothing-found',
      'discovery-mdns-silent',
      'discovery-sweep-silent',
    ]);
  });

  it('explains an empty result: devices answered but none is a box', async () => {
    const mdns = new FakeMdns((listener) => listener.onResponse());
    const { discovery } = service({ '192.168.5.30': 'decoy' }, { mdns });
    const result = await discovery.scan({ localhost: false }, {}, never);
    expect(result.ok && result.value.reasons).toEqual([
      'discovery-nothing-found',
      'discovery-no-box-answered',
    ]);
  });

  it('says the sweep was cut short when the deadline hits first', async () => {
    const { discovery } = service({}, { concurrency: 1 });
    const result = await discovery.scan(
      { mdns: false, localhost: false, timeoutMs: 30 },
      {},
      never,
    );
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.probed).toBeLessThan(254);
    expect(result.value.reasons).toContain('discovery-incomplete');
  });

  it('stops at once when cancelled: no new probe starts and mDNS is closed', async () => {
    const mdns = new FakeMdns();
    const { discovery, http } = service({}, { mdns, concurrency: 4 });
    const pending = discovery.scan({}, {}, never);
    await new Promise((resolve) => setTimeout(resolve, 12));
    discovery.cancel();
    const result = await pending;
    expect(result.ok ? 'ok' : result.error.code).toBe('cancelled');
    const sent = http.knocks.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(http.knocks.length).toBe(sent);
    expect(sent).toBeLessThan(254);
    expect(http.inFlight).toBe(0);
    expect(mdns.sessions.every((session) => session.closed)).toBe(true);
  });

  it('refuses a bad subnet or unknown interface before touching the network', async () => {
    const { discovery, http, mdns } = service({});
    const bad = await discovery.scan({ subnets: ['10.0.0.0/8'] }, {}, never);
    expect(bad.ok ? null : bad.error.code).toBe('discovery-subnet-invalid');
    const unknown = await discovery.scan({ interfaces: ['eth7'] }, {}, never);
    expect(unknown.ok ? null : unknown.error.code).toBe('discovery-interface-unknown');
    expect(http.knocks).toEqual([]);
    expect(mdns.sessions).toEqual([]);
  });
});

/**
 * The address check as the renderer calls it: the typed text parsed at the contract's handler,
 * the wait reported as `discovery:address-progress` events naming that text.
 */
function checkAt(
  discovery: DiscoveryService,
  ref: string,
  signal: AbortSignal,
  onProgress: (progress: AddressCheckProgress) => void = () => undefined,
) {
  const events: EventSink = {
    emit(channel, payload) {
      if (channel === 'discovery:address-progress') {
        onProgress(payload as AddressCheckProgress);
      }
    },
  };
  return discoveryHandlers(() => Promise.resolve(discovery), events)['discovery:check-address'](
    [ref],
    { signal },
  );
}

describe('DiscoveryService.checkAddress', () => {
  const lan: Record<string, HostBehaviour> = {
    '192.168.5.20': 'box',
    '192.168.5.30': 'decoy',
  };

  it('confirms a typed address, URL or host:port as a manual box', async () => {
    const { discovery } = service(lan);
    for (const ref of ['192.168.5.20', 'http://192.168.5.20/', '192.168.5.20:8069']) {
      const result = await checkAt(discovery, ref, never);
      expect(result.ok && result.value.foundBy).toEqual(['manual']);
    }
  });

  it('tells a device that is not a box from an address where nothing answers', async () => {
    const { discovery } = service(lan);
    const decoy = await checkAt(discovery, '192.168.5.30', never);
    expect(decoy.ok ? null : decoy.error.code).toBe('box-not-odoo');
    const silent = await checkAt(discovery, '192.168.5.99', never);
    expect(silent.ok ? null : silent.error.code).toBe('box-unreachable');
    const typo = await checkAt(discovery, '192.168.5', never);
    expect(typo.ok ? null : typo.error.code).toBe('box-address-invalid');
  });

  it('waits for a box still starting: refused at first, found once its service is up', async () => {
    const starting: Record<string, HostBehaviour> = { '192.168.5.40': 'closed' };
    const { discovery, http } = service(starting);
    const progress: AddressCheckProgress[] = [];
    setTimeout(() => {
      starting['192.168.5.40'] = 'box';
    }, 150);
    const result = await checkAt(discovery, '192.168.5.40:8069', never, (p) => progress.push(p));
    expect(result.ok && result.value.foundBy).toEqual(['manual']);
    // Asked again and again while it refused, each refusal said as "starting".
    expect(http.knocks.length).toBeGreaterThan(2);
    expect(progress.some((p) => p.last === 'starting' && p.attempt > 1)).toBe(true);
    expect(progress.every((p) => p.budgetMs === 400 && p.address === '192.168.5.40:8069')).toBe(
      true,
    );
  });

  it('gives a slow box the time left to answer, not the sweep limit', async () => {
    // The sweep gives a hello 50 ms here; this box answers after 150 ms.
    const { discovery } = service({ '192.168.5.41': 'slow-answer' });
    const result = await checkAt(discovery, '192.168.5.41', never);
    expect(result.ok && result.value.ip).toBe('192.168.5.41');
  });

  it('says "not ready yet" when the box refuses, or its nginx answers 502, to the end', async () => {
    const { discovery } = service({ '192.168.5.42': 'closed', '192.168.5.43': 'gateway' });
    const progress: AddressCheckProgress[] = [];
    const refused = await checkAt(discovery, '192.168.5.42', never, (p) => progress.push(p));
    expect(refused.ok ? null : refused.error.code).toBe('box-starting');
    const gateway = await checkAt(discovery, '192.168.5.43', never);
    expect(gateway.ok ? null : gateway.error.code).toBe('box-starting');
    // The wait was reported as it went, up to the whole budget.
    expect(Math.max(...progress.map((p) => p.elapsedMs))).toBeGreaterThanOrEqual(300);
  });

  it('stops at once for a device that answers in a way no box does', async () => {
    const { discovery, http } = service(lan);
    const started = performance.now();
    const decoy = await checkAt(discovery, '192.168.5.30', never);
    expect(decoy.ok ? null : decoy.error.code).toBe('box-not-odoo');
    // One round over the box's ports, no second attempt.
    expect(http.knocks).toEqual(['192.168.5.30:8069', '192.168.5.30:80']);
    expect(performance.now() - started).toBeLessThan(300);
  });

  it('stops waiting when cancelled', async () => {
    const { discovery } = service({ '192.168.5.44': 'closed' }, { addressPatienceMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await checkAt(discovery, '192.168.5.44', controller.signal);
    expect(result.ok ? null : result.error.code).toBe('cancelled');
  });
});
