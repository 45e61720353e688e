import type { BoxInfo } from '../../shared/schemas/box';
import type {
  CertificateOutcome,
  CertificateProgress,
  CertificateReport,
  HttpsVerification,
} from '../../shared/schemas/certificate';
import { ok, type Failure, type Result } from '../../shared/result';
import type { BoxTarget } from '../box/box-target';
import type { ClockPort, HttpPort, LogPort, LookupPort, TlsPort } from '../ports';
import { isIpv4 } from '../odoo-iot-name';
import { verifyBoxHttps } from '../tls/https-verifier';
import { acquireCertificate } from './acquisition-flow';
import type { CertificateBox } from './certificate-box';
import { boxFinding, combinedFinding, explain } from './explain-status';
import { readCertificateLog, type CertificateLogReading } from './certificate-log';
import { canReachOdooCom, DEFAULT_ODOO_COM_URL } from './odoo-com-check';

export type CertificateServiceDeps = {
  readonly box: CertificateBox;
  readonly http: HttpPort;
  readonly lookup: LookupPort;
  readonly clock: ClockPort;
  readonly log: LogPort;
  /** Where this computer checks its own access to odoo.com (tests: a loopback server). */
  readonly odooComUrl?: string;
  /** PEM CAs trusted in addition to the system store (tests, preview: the lab CA). */
  readonly extraCa?: readonly string[];
  /** The box's TLS port (443; lab simulators without root use another). */
  readonly httpsPort?: number;
  readonly pollDelaysMs?: readonly number[];
  readonly verifyTimeoutMs?: number;
  readonly tls: TlsPort;
};

/** Certificate status, acquisition and HTTPS verification for one box at a time. */
export class CertificateService {
  private readonly deps: CertificateServiceDeps;

  constructor(deps: CertificateServiceDeps) {
    this.deps = deps;
  }

  /** The box's status, explained, and (when it has a real certificate) checked from here. */
  async getStatus(
    target: BoxTarget,
    signal: AbortSignal,
    via: 'name' | 'ip' = 'name',
  ): Promise<Result<CertificateReport, Failure>> {
    const info = await this.deps.box.getInfo(target, signal);
    return info.ok
      ? ok(await this.report(target, info.value, { timedOut: false, via }, signal))
      : info;
  }

  /**
   * Explains a status already read from the box (the diagnostics report reads it once: on
   * G2/G3 every /data read makes the box ask odoo.com again).
   */
  explain(
    target: BoxTarget,
    info: BoxInfo,
    signal: AbortSignal,
    via: 'name' | 'ip' = 'name',
  ): Promise<CertificateReport> {
    return this.report(target, info, { timedOut: false, via }, signal);
  }

  /** Guides the box to a certificate (bounded wait, progress events), then reports. */
  async acquire(
    target: BoxTarget,
    options: { readonly waitSeconds?: number | undefined; readonly via?: 'name' | 'ip' },
    onProgress: (progress: CertificateProgress) => void,
    signal: AbortSignal,
  ): Promise<Result<CertificateReport, Failure>> {
    const waitMs = options.waitSeconds === undefined ? null : options.waitSeconds * 1_000;
    const readings = new Map<BoxInfo, CertificateLogReading | null>();
    const acquired = await acquireCertificate(
      target,
      { waitMs, onProgress },
      {
        box: this.deps.box,
        clock: this.deps.clock,
        ...(this.deps.pollDelaysMs === undefined ? {} : { pollDelaysMs: this.deps.pollDelaysMs }),
        classify: async (info, classifySignal) => {
          const reading = await this.logReading(target, info, classifySignal);
          readings.set(info, reading);
          return {
            outcome: boxFinding(info, reading, new Date(this.deps.clock.now())).outcome,
            boxAttempt: reading?.attempt ?? null,
            fromLog: reading?.reason !== null && reading?.reason !== undefined,
          };
        },
      },
      signal,
    );
    if (!acquired.ok) {
      return acquired;
    }
    const { info, timedOut } = acquired.value;
    onProgress({
      ip: target.host,
      phase: 'verifying',
      attempt: 0,
      maxAttempts: 0,
      elapsedMs: 0,
      nextCheckInMs: null,
      status: info.certificate,
      boxAttempt: null,
      boxMaxAttempts: null,
      boxAttemptSeconds: null,
    });
    return ok(
      await this.report(
        target,
        info,
        { timedOut, via: options.via ?? 'name' },
        signal,
        readings.get(info),
      ),
    );
  }

  /** This computer's HTTPS check alone (the DNS repair re-checks with `via: 'ip'`). */
  async verify(
    target: BoxTarget,
    via: 'name' | 'ip',
    signal: AbortSignal,
  ): Promise<Result<HttpsVerification, Failure>> {
    if (isIpv4(target.host)) {
      return ok(await this.verifyHttps(target, target.host, null, via, signal));
    }
    const info = await this.deps.box.getInfo(target, signal);
    if (!info.ok) {
      return info;
    }
    return ok(await this.verifyHttps(target, info.value.ip, subjectOf(info.value), via, signal));
  }

  private async report(
    target: BoxTarget,
    info: BoxInfo,
    { timedOut, via }: { readonly timedOut: boolean; readonly via: 'name' | 'ip' },
    signal: AbortSignal,
    knownReading?: CertificateLogReading | null,
  ): Promise<CertificateReport> {
    const now = new Date(this.deps.clock.now());
    const reading =
      knownReading === undefined ? await this.logReading(target, info, signal) : knownReading;
    const fromBox = boxFinding(info, reading, now);
    // A box that did not say (no certificate fields) and a refusal are checked from here too.
    const verify = VERIFIED_STATES.has(info.certificate.state)
      ? await this.verifyHttps(target, info.ip, subjectOf(info), via, signal)
      : null;
    let finding = combinedFinding(fromBox, verify, info.certificate.state);
    if (timedOut && (finding.outcome === 'temporary' || finding.outcome === 'missing')) {
      finding = { outcome: 'pending' };
    }
    const reachable =
      finding.outcome === 'request-exception'
        ? await canReachOdooCom(
            this.deps.http,
            this.deps.odooComUrl ?? DEFAULT_ODOO_COM_URL,
            signal,
          )
        : null;
    this.deps.log.info('certificate report', {
      ip: info.ip,
      api: info.api,
      outcome: finding.outcome,
      verify: verify?.problem ?? (verify ? 'ok' : 'skipped'),
    });
    return {
      ip: info.ip,
      api: info.api,
      version: info.version,
      status: info.certificate,
      explanation: explain(finding, reachable),
      verify,
      checkedAt: now.toISOString(),
    };
  }

  /** What the box's log says, for boxes that report no code (G4, refactored G2/G3 trees). */
  private async logReading(
    target: BoxTarget,
    info: BoxInfo,
    signal: AbortSignal,
  ): Promise<CertificateLogReading | null> {
    const state = info.certificate.state;
    if (info.api === 'g1' || (state !== 'missing' && state !== 'unknown')) {
      return null;
    }
    const log = await this.deps.box.readLog(target, info, signal);
    return log.ok ? readCertificateLog(log.value.text) : null;
  }

  /** Checks HTTPS at the confirmed address only; `ip` (the box's claim) just names it. */
  private verifyHttps(
    target: BoxTarget,
    ip: string,
    subject: string | null,
    via: 'name' | 'ip',
    signal: AbortSignal,
  ): Promise<HttpsVerification> {
    return verifyBoxHttps(
      {
        ip,
        address: target.host,
        via,
        ...(subject === null ? {} : { name: subject }),
        ...(this.deps.httpsPort === undefined ? {} : { port: this.deps.httpsPort }),
      },
      {
        lookup: this.deps.lookup,
        tls: this.deps.tls,
        now: () => new Date(this.deps.clock.now()),
        ...(this.deps.extraCa === undefined ? {} : { extraCa: this.deps.extraCa }),
        ...(this.deps.verifyTimeoutMs === undefined
          ? {}
          : { timeoutMs: this.deps.verifyTimeoutMs }),
      },
      signal,
    );
  }
}

const VERIFIED_STATES: ReadonlySet<BoxInfo['certificate']['state']> = new Set([
  'ok',
  'unknown',
  'refused',
]);

function subjectOf(info: BoxInfo): string | null {
  return info.certificate.state === 'ok' ? info.certificate.subject : null;
}

/** Whether a report means "valid and verified from this computer" (the CLI's exit 0). */
export function isCertificateGood(report: CertificateReport): boolean {
  const good: readonly CertificateOutcome[] = ['valid', 'expiring-soon'];
  return good.includes(report.explanation.outcome) && report.verify?.ok === true;
}
