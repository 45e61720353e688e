import type { BoxInfo } from '../../shared/schemas/box';
import type { CertificateReport } from '../../shared/schemas/certificate';
import type { DiagnosticsReport, ReportCheck } from '../../shared/schemas/report';
import type { DnsReport } from '../../shared/schemas/dns';
import type { Failure, Result } from '../../shared/result';
import { boxBaseUrl, parseBoxTarget, type BoxTarget } from '../box/box-target';
import type { HttpPort } from '../ports';
import { redact } from '../redact';

/** How much of the box's log a report carries: the recent end is what support reads. */
const MAX_LOG_LINES = 300;
const MAX_LOG_BYTES = 2 * 1024 * 1024;

/** Where each generation offers its log file (protocol doc §4: the download route, no side effects). */
const LOG_ROUTES: Readonly<Record<BoxInfo['api'], string>> = {
  g1: '/hw_drivers/download_logs',
  g2: '/hw_drivers/download_logs',
  g3: '/hw_drivers/download_logs',
  g4: '/iot_drivers/download_logs',
};

export type ReportDeps = {
  readonly http: HttpPort;
  readonly getInfo: (target: BoxTarget, signal: AbortSignal) => Promise<Result<BoxInfo, Failure>>;
  /** Explains the status already read (no second read of the box). */
  readonly certificate: (
    target: BoxTarget,
    info: BoxInfo,
    signal: AbortSignal,
  ) => Promise<CertificateReport>;
  readonly dns: (
    name: string,
    expectedIp: string,
    signal: AbortSignal,
  ) => Promise<Result<DnsReport, Failure>>;
  readonly environment: () => Pick<DiagnosticsReport, 'app' | 'os' | 'interfaces'>;
  readonly now: () => Date;
};

function failed(id: ReportCheck['id'], failure: Failure): ReportCheck {
  return { id, ok: false, verdict: failure.code, httpStatus: null, evidence: failure };
}

async function readBoxLogs(
  http: HttpPort,
  target: BoxTarget,
  info: BoxInfo,
  signal: AbortSignal,
): Promise<string | null> {
  const answer = await http.request(
    {
      method: 'GET',
      url: `${boxBaseUrl(target)}${LOG_ROUTES[info.api]}`,
      timeoutMs: 8_000,
      maxBodyBytes: MAX_LOG_BYTES,
    },
    signal,
  );
  if (!answer.ok || answer.value.status !== 200 || answer.value.body.trim() === '') {
    return null;
  }
  return answer.value.body.split('\n').slice(-MAX_LOG_LINES).join('\n');
}

/**
 * Runs every check on one box — its status, the certificate as the box sees it, HTTPS from this
 * computer, the DNS differential for its name — and gathers the box's log, into one report with
 * every secret removed. Each check that cannot run says why instead of stopping the others.
 */
export async function collectReport(
  ref: string,
  deps: ReportDeps,
  signal: AbortSignal,
): Promise<DiagnosticsReport> {
  const checks: ReportCheck[] = [];
  let box: BoxInfo | null = null;
  let boxLogs: string | null = null;

  const target = parseBoxTarget(ref);
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
      boxLogs = await readBoxLogs(deps.http, target.value, info.value, signal);
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
        const dns = await deps.dns(verify.hostname, box.ip, signal);
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
