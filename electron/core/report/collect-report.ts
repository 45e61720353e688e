import type { BoxInfo } from '../../shared/schemas/box';
import type { CertificateReport } from '../../shared/schemas/certificate';
import type { DiagnosticsReport, ReportCheck } from '../../shared/schemas/report';
import type { DnsReport } from '../../shared/schemas/dns';
import type { Failure, Result } from '../../shared/result';
import type { BoxTarget } from '../box/box-target';
import { redact } from '../redact';
import { reachedIpv4 } from '../../shared/box-address';

/** How much of the box's log a report carries: the recent end is what support reads. */
const MAX_LOG_LINES = 300;

export type ReportDeps = {
  /** The end of the box's log (the box client's readLog), or null when it offers none. */
  readonly readLog: (
    target: BoxTarget,
    info: BoxInfo,
    signal: AbortSignal,
  ) => Promise<string | null>;
  readonly getInfo: (target: BoxTarget, signal: AbortSignal) => Promise<Result<BoxInfo, Failure>>;
  /** Explains the status already read (no second read of the box). */
  readonly certificate: (
    target: BoxTarget,
    info: BoxInfo,
    signal: AbortSignal,
  ) => Promise<CertificateReport>;
  /** `expectedIp`: the address the box answered at, when it is an IPv4 address. */
  readonly dns: (
    name: string,
    expectedIp: string | undefined,
    signal: AbortSignal,
  ) => Promise<Result<DnsReport, Failure>>;
  readonly environment: () => Pick<DiagnosticsReport, 'app' | 'os' | 'interfaces'>;
  readonly now: () => Date;
};

/**
 * The box a report is about: the text it was asked for (the report names it so) and that text
 * parsed at the edge — a target, or why it is none, which the report states as its box check.
 */
export type ReportedBox = {
  readonly ref: string;
  readonly target: Result<BoxTarget, Failure>;
};

function failed(id: ReportCheck['id'], failure: Failure): ReportCheck {
  return { id, ok: false, verdict: failure.code, httpStatus: null, evidence: failure };
}

/**
 * Runs every check on one box — its status, the certificate as the box sees it, HTTPS from this
 * computer, the DNS differential for its name — and gathers the box's log, into one report with
 * every secret removed. Each check that cannot run says why instead of stopping the others.
 */
export async function collectReport(
  { ref, target }: ReportedBox,
  deps: ReportDeps,
  signal: AbortSignal,
): Promise<DiagnosticsReport> {
  const checks: ReportCheck[] = [];
  let box: BoxInfo | null = null;
  let boxLogs: string | null = null;

  if (!target.ok) {
    checks.push(failed('box', target.error));
  } else {
    const info = await deps.getInfo(target.value, signal);
    if (!info.ok) {
      checks.push(failed('box', info.error));
    } else {
      box = info.value;
      checks.push({
        id: 'box',
        // Only the database UUID is needed for a certificate (the code may legitimately be empty).
        ok: info.value.serverUrl !== null && info.value.dbUuidSet !== false,
        verdict:
          info.value.serverUrl === null
            ? 'not-connected'
            : info.value.dbUuidSet === false
              ? 'credentials-missing'
              : 'connected',
        httpStatus: null,
        evidence: info.value,
      });
      const log = await deps.readLog(target.value, info.value, signal);
      boxLogs =
        log === null || log.trim() === '' ? null : log.split('\n').slice(-MAX_LOG_LINES).join('\n');
    }
  }

  if (box !== null && target.ok) {
    const report = await deps.certificate(target.value, box, signal);
    checks.push({
      id: 'certificate',
      ok: report.status.state === 'ok',
      // The box's own code when it has one (support knows those), else the outcome.
      verdict: report.explanation.boxCode ?? report.explanation.outcome,
      httpStatus: report.explanation.httpStatus,
      evidence: { status: report.status, explanation: report.explanation },
    });
    const verify = report.verify;
    if (verify !== null) {
      checks.push({
        id: 'https',
        ok: verify.ok,
        verdict: verify.problem ?? 'ok',
        httpStatus: null,
        evidence: verify,
      });
      if (verify.hostname !== null) {
        const dns = await deps.dns(verify.hostname, reachedIpv4(box), signal);
        checks.push(
          dns.ok
            ? {
                id: 'dns',
                ok: dns.value.verdict === 'ok',
                verdict: dns.value.verdict,
                httpStatus: null,
                evidence: dns.value,
              }
            : failed('dns', dns.error),
        );
      }
    }
  }

  return redact({
    generatedAt: deps.now().toISOString(),
    ...deps.environment(),
    target: ref,
    box,
    checks,
    boxLogs,
  });
}
