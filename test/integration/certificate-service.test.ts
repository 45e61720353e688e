import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { CertificateService } from '../../electron/core/certificate/certificate-service';
import type { CertificateOptions } from '../../electron/core/certificate/create-certificate';
import type { Handlers } from '../../electron/core/dispatch';
import type { EventSink, LookupPort, Ports } from '../../electron/core/ports';
import type { EventChannel } from '../../electron/shared/contract';
import type { CertificateProgress } from '../../electron/shared/schemas/certificate';
import { locales } from '../../electron/shared/locales';
import {
  startBoxSimulator,
  type BoxSimulator,
  type BoxSimulatorOptions,
} from '../lab/sim/box-simulator';
import { createLabCa, type LabCa } from '../lab/sim/lab-ca';
import {
  startOdooComSimulator,
  type OdooComMode,
  type OdooComSimulator,
} from '../lab/sim/odoo-com-simulator';
import { testCore } from '../support/test-ports';

// The whole certificate flow against the lab's box simulator (G1–G4) and simulated odoo.com, on
// loopback: real HTTP, real TLS with the lab CA, box names resolved through an injected table.

const DB_UUID = '6f1c0e2a-6c1d-4c83-9e0b-5a7d2b1f9c33';
const ENTERPRISE_CODE = 'M2403151234567';
let ca: LabCa;
let cleanup: (() => Promise<void>)[] = [];
let nextHost = 60;

beforeAll(() => {
  ca = createLabCa();
});
afterEach(async () => {
  await Promise.allSettled(cleanup.map((close) => close()));
  cleanup = [];
});

function loopbackLookup(table: Map<string, string>): LookupPort {
  return {
    lookup: (name) => {
      const address = table.get(name);
      return Promise.resolve(
        address === undefined
          ? { ok: false, code: 'ENOTFOUND', message: `${name} unknown` }
          : { ok: true, addresses: [address] },
      );
    },
  };
}

/** The certificate service of a core over these ports, and the core's contract handlers. */
async function certificateCore(
  ports: Partial<Ports>,
  options: CertificateOptions,
): Promise<{ service: CertificateService; handlers: Handlers }> {
  const { core, handlers } = testCore(ports, { certificate: options });
  return { service: await core.services.certificate(), handlers };
}

type Lab = {
  box: BoxSimulator;
  com: OdooComSimulator;
  service: CertificateService;
  handlers: Handlers;
  /** Hears every event the core emits. */
  listen: (listener: (channel: EventChannel, payload: unknown) => void) => void;
  names: Map<string, string>;
  hostname: string;
};

async function lab(
  generation: 'g1' | 'g2' | 'g3' | 'g4',
  mode: OdooComMode,
  box: { connected?: boolean; credentials?: boolean; certificate?: 'temporary' | 'valid' } = {},
  extra: Partial<BoxSimulatorOptions> = {},
): Promise<Lab> {
  const com = await startOdooComSimulator({ ca, mode: mode === 'unreachable' ? 'issue' : mode });
  cleanup.push(() => com.close());
  const x509Url = com.x509Url;
  if (mode === 'unreachable') {
    await com.setMode('unreachable');
  }
  const host = `127.0.0.${nextHost++}`;
  const connected = box.connected ?? true;
  const credentials = box.credentials ?? true;
  const simulator = await startBoxSimulator({
    generation,
    host,
    port: 0,
    httpsPort: 0,
    ca,
    x509Url,
    restartDowntimeMs: 100,
    delayScale: 0.01,
    certificate: box.certificate ?? 'temporary',
    checkCertificateAtStart: false,
    certificateHash: com.hashFor(DB_UUID),
    ...(connected ? { serverUrl: 'https://shop.example.test' } : {}),
    ...(credentials ? { dbUuid: DB_UUID, enterpriseCode: ENTERPRISE_CODE } : {}),
    ...extra,
  });
  cleanup.push(() => simulator.close());
  const hostname = `${host.replace(/\./g, '-')}.${com.hashFor(DB_UUID)}.odoo-iot.com`;
  const names = new Map([[hostname, host]]);
  const listeners: ((channel: EventChannel, payload: unknown) => void)[] = [];
  const events: EventSink = {
    emit: (channel, payload) => listeners.forEach((listener) => listener(channel, payload)),
  };
  const { service, handlers } = await certificateCore(
    { lookup: loopbackLookup(names), events },
    {
      extraCa: [ca.certPem],
      httpsPort: simulator.httpsPort ?? 0,
      // This computer's own odoo.com check goes to the simulator too (closed when unreachable).
      odooComUrl: com.url,
      pollDelaysMs: [100, 200],
    },
  );
  const listen = (listener: (channel: EventChannel, payload: unknown) => void): void => {
    listeners.push(listener);
  };
  return { box: simulator, com, service, handlers, listen, names, hostname };
}

async function acquire(setup: Lab, waitSeconds = 5) {
  const progress: CertificateProgress[] = [];
  const result = await setup.service.acquire(
    { host: setup.box.host, port: setup.box.port },
    { waitSeconds },
    (event) => progress.push(event),
    new AbortController().signal,
  );
  if (!result.ok) {
    throw new Error(`acquire failed: ${JSON.stringify(result.error)}`);
  }
  return { report: result.value, progress };
}

const generations = ['g1', 'g2', 'g3', 'g4'] as const;

describe.each(generations)('certificate flow on %s', (generation) => {
  it('guides the box to a certificate from odoo.com and verifies HTTPS', async () => {
    const setup = await lab(generation, 'issue');
    const { report, progress } = await acquire(setup);
    expect(report.explanation.outcome).toBe('valid');
    expect(report.explanation.actions).toEqual(['open-box']);
    expect(report.status.state).toBe('ok');
    expect(report.verify).toMatchObject({
      ok: true,
      hostname: setup.hostname,
      trusted: true,
      nameMatches: true,
      notExpired: true,
    });
    expect(report.verify?.daysLeft).toBeGreaterThanOrEqual(89);
    expect(setup.com.received.length).toBeGreaterThanOrEqual(1);
    expect(progress.map((event) => event.phase)).toContain('checking');
    expect(progress.at(-1)?.phase).toBe('verifying');
  });

  it('explains odoo.com answering 404 with the status and a support path', async () => {
    const setup = await lab(generation, { status: 404 });
    const { report } = await acquire(setup);
    expect(report.explanation).toMatchObject({
      outcome: 'request-status',
      httpStatus: 404,
      actions: ['check-odoo-com', 'wait', 'retry', 'contact-odoo-support'],
    });
    expect(report.explanation.docUrl).toContain('#err-iot-https-load-request-status');
    // G1's urllib3 helpers name the status; G2/G3's requests helpers raise_for_status() and
    // say REQUEST_EXCEPTION with "404 Client Error…": odoo.com was reached all the same.
    expect(report.explanation.boxCode).toBe(
      {
        g1: 'ERR_IOT_HTTPS_LOAD_REQUEST_STATUS 404',
        g2: 'ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION',
        g3: 'ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION',
        g4: null,
      }[generation],
    );
    if (generation === 'g2' || generation === 'g3') {
      expect(report.explanation.exception).toBe(
        '404 Client Error: Not Found for url: https://www.odoo.com/odoo-enterprise/iot/x509',
      );
    }
    expect(report.verify).toBeNull();
  });

  it('explains odoo.com answering 500', async () => {
    const setup = await lab(generation, { status: 500 });
    const { report } = await acquire(setup);
    expect(report.explanation).toMatchObject({ outcome: 'request-status', httpStatus: 500 });
  });

  it('explains an unreachable odoo.com and checks odoo.com from this computer', async () => {
    const setup = await lab(generation, 'unreachable');
    const { report } = await acquire(setup);
    expect(report.explanation).toMatchObject({
      outcome: 'request-exception',
      actions: ['check-box-network', 'contact-network-admin', 'retry'],
      // The simulated odoo.com is down for this computer too: a general outage.
      odooComReachable: false,
    });
    expect(report.explanation.exception).toMatch(/Connection refused|ConnectionError/);
  });

  it('explains a refusal with the eligibility checklist', async () => {
    // G1 reads a falsy `result` as NO_RESULT; on G2/G3 it makes /data fail with HTTP 500; G4
    // logs `result.error` (doc §17 C10, §13).
    const setup = await lab(generation, generation === 'g4' ? 'refuse-result-error' : 'refuse');
    const { report } = await acquire(setup);
    expect(report.explanation).toMatchObject({
      outcome: 'no-result',
      actions: ['check-eligibility', 'restart-box', 'contact-odoo-support'],
      subscriptionsUrl: 'https://www.odoo.com/my/subscriptions',
    });
    if (generation === 'g1') {
      expect(report.explanation.boxCode).toBe('ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT');
    }
    if (generation === 'g2' || generation === 'g3') {
      expect(report.status).toEqual({
        state: 'refused',
        confirmed: true,
        detail: "TypeError: 'bool' object is not subscriptable",
      });
      // This computer's HTTPS check agrees: the box still serves its temporary certificate.
      expect(report.verify).toMatchObject({ ok: false, problem: 'temporary-certificate' });
    }
  });
});

describe('preconditions stop the flow at once, without contacting odoo.com', () => {
  it.each(generations)('%s not connected to a database → connect step', async (generation) => {
    const setup = await lab(generation, 'issue', { connected: false, credentials: false });
    const { report, progress } = await acquire(setup, 60);
    expect(report.explanation.outcome).toBe('no-server');
    expect(report.explanation.actions).toEqual(['go-to-connect']);
    expect(setup.com.received).toEqual([]);
    // One status read, no trigger, no waiting.
    expect(progress.filter((event) => event.phase === 'waiting')).toEqual([]);
  });

  it.each(['g2', 'g3'] as const)(
    '%s without credentials → credentials step',
    async (generation) => {
      const setup = await lab(generation, 'issue', { credentials: false });
      const { report } = await acquire(setup, 60);
      expect(report.explanation).toMatchObject({
        outcome: 'no-credential',
        boxCode: 'ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL',
        actions: ['go-to-credentials', 'retry'],
      });
    },
  );
});

describe('what makes each box ask odoo.com, and how long to wait for it', () => {
  const requested = (setup: Lab): string[] => setup.box.received.map((request) => request.path);

  it('G1: reading the homepage is the request; check_certificate (a check only) is never used', async () => {
    const setup = await lab('g1', 'issue');
    const { report } = await acquire(setup);
    expect(report.explanation.outcome).toBe('valid');
    expect(setup.com.received.length).toBeGreaterThanOrEqual(1);
    expect(requested(setup)).not.toContain('/hw_drivers/check_certificate');
  });

  it.each([
    ['g4', '/iot_drivers/restart_odoo_service'],
    ['g3', '/hw_posbox_homepage/restart_odoo_service'],
  ] as const)(
    '%s fetching at Odoo start (no certificate fields on G3): an Odoo restart is the request',
    async (generation, restart) => {
      const setup = await lab(generation, 'issue', {}, { certificateFields: false });
      const { report } = await acquire(setup, 30);
      expect(report.explanation.outcome).toBe('valid');
      if (generation === 'g3') {
        // The box said nothing about its certificate: this computer's HTTPS check decided.
        expect(report.status.state).toBe('unknown');
        expect(report.verify).toMatchObject({ ok: true, problem: null });
      }
      expect(requested(setup)).toContain(restart);
      expect(requested(setup)).not.toContain('/iot_drivers/check_certificate');
    },
  );

  it.each([
    ['G4', 'g4', {}],
    ['a G3 tree with the certificate refactor', 'g3', { certificateFields: false }],
  ] as const)(
    '%s with the database UUID only (a database without a code): the flow goes on, and succeeds',
    async (_name, generation, extra) => {
      const setup = await lab(
        generation,
        'issue',
        { credentials: false },
        { dbUuid: DB_UUID, ...extra },
      );
      const { report } = await acquire(setup, 30);
      expect(report.explanation.outcome).toBe('valid');
      expect(setup.com.received.at(-1)?.body).toBe(
        `{"params": {"db_uuid": "${DB_UUID}", "enterprise_code": null}}`,
      );
    },
  );

  it('G2 without the code says LOAD_NO_CREDENTIAL itself: its older code needs both', async () => {
    const setup = await lab('g2', 'issue', { credentials: false }, { dbUuid: DB_UUID });
    const { report } = await acquire(setup, 30);
    expect(report.explanation).toMatchObject({
      outcome: 'no-credential',
      boxCode: 'ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL',
    });
  });

  it("G4 retrying a slow odoo.com: progress names the box's attempts, and the wait ends with the certificate", async () => {
    // Each of the box's attempts gives up after 1 s (95 s on a real box): odoo.com must answer
    // before the sixth ends. The box is down for 1 s while it restarts, as a real one is for
    // longer, so the wait sees the restart: a restart too quick to see costs the wait its 8 s
    // grace, in which all six attempts would run out unwatched.
    const setup = await lab('g4', 'hang', {}, { x509TimeoutMs: 1_000, restartDowntimeMs: 1_000 });
    const progress: CertificateProgress[] = [];
    let switched = false;
    const result = await setup.service.acquire(
      { host: setup.box.host, port: setup.box.port },
      {},
      (event) => {
        progress.push(event);
        if (!switched && (event.boxAttempt ?? 0) >= 2) {
          switched = true;
          void setup.com.setMode('issue');
        }
      },
      new AbortController().signal,
    );
    expect(result.ok && result.value.explanation.outcome).toBe('valid');
    expect(progress.find((event) => (event.boxAttempt ?? 0) >= 2)).toMatchObject({
      boxMaxAttempts: 6,
      boxAttemptSeconds: 95,
    });
    expect(setup.box.logs.join('\n')).toContain(
      'An error occurred while trying to reach odoo.com to get a new certificate: HTTPSConnectionPool',
    );
  });

  it('"Stop waiting" (certificate:cancel) ends the wait at once; the box keeps trying', async () => {
    const setup = await lab('g4', 'hang', {}, { x509TimeoutMs: 60_000 });
    const { handlers } = setup;
    setup.listen((channel, payload) => {
      if (
        channel === 'certificate:progress' &&
        (payload as CertificateProgress).phase === 'waiting'
      ) {
        void handlers['certificate:cancel']([], { signal: new AbortController().signal });
      }
    });
    const result = await handlers['certificate:acquire'](
      [`${setup.box.host}:${setup.box.port}`, {}],
      { signal: new AbortController().signal },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});

describe('status and verification', () => {
  it('tells the box (G2) from this computer when odoo.com is blocked only for the box', async () => {
    const setup = await lab('g2', 'unreachable');
    // This computer reaches "odoo.com" (a loopback stand-in) while the box cannot.
    const reachable = await startOdooComSimulator({ ca });
    cleanup.push(() => reachable.close());
    const { service } = await certificateCore(
      { lookup: loopbackLookup(setup.names) },
      { extraCa: [ca.certPem], odooComUrl: reachable.url },
    );
    const status = await service.getStatus(
      { host: setup.box.host, port: setup.box.port },
      new AbortController().signal,
    );
    expect(status.ok && status.value.explanation).toMatchObject({
      outcome: 'request-exception',
      odooComReachable: true,
    });
  });

  it('hands a good certificate whose name does not resolve to the DNS step', async () => {
    const setup = await lab('g4', 'issue', { certificate: 'valid' });
    setup.names.clear();
    const status = await setup.service.getStatus(
      { host: setup.box.host, port: setup.box.port },
      new AbortController().signal,
    );
    expect(status.ok).toBe(true);
    if (!status.ok) {
      return;
    }
    expect(status.value.explanation.outcome).toBe('https-name-does-not-resolve');
    expect(status.value.explanation.actions).toEqual(['repair-dns']);
    // By IP with the name as SNI the certificate itself checks out.
    const byIp = await setup.service.verify(
      { host: setup.box.host, port: setup.box.port },
      'ip',
      new AbortController().signal,
    );
    expect(byIp.ok && byIp.value).toMatchObject({ ok: true, via: 'ip', hostname: setup.hostname });
  });

  it('reports an unreachable box as a failure code, not an outcome', async () => {
    const { service } = await certificateCore({}, { odooComUrl: 'http://127.0.0.1:1/' });
    const result = await service.getStatus(
      { host: '127.0.0.59', port: 1 },
      new AbortController().signal,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'box-unreachable' } });
  });

  it('emits progress events through the contract handlers', async () => {
    const setup = await lab('g3', 'issue');
    const events: unknown[] = [];
    setup.listen((channel, payload) => events.push({ channel, payload }));
    const { handlers } = setup;
    const result = await handlers['certificate:acquire'](
      [`${setup.box.host}:${setup.box.port}`, { waitSeconds: 5 }],
      { signal: new AbortController().signal },
    );
    expect(result.ok && result.value.explanation.outcome).toBe('valid');
    expect(events.length).toBeGreaterThan(1);
    expect(events[0]).toMatchObject({
      channel: 'certificate:progress',
      payload: { ip: setup.box.host, phase: 'checking' },
    });
  });

  it('has English and Italian texts for every outcome it produced', () => {
    for (const language of ['en', 'it'] as const) {
      const outcomes = locales[language].certificate.outcome;
      expect(Object.keys(outcomes)).toContain('request-status');
      expect(outcomes['request-status'].description).toContain('{{status}}');
    }
  });
});
