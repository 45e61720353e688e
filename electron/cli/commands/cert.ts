import { parseArgs } from 'node:util';

import { isCertificateGood } from '../../core/certificate/certificate-service';
import type {
  CertificateProgress,
  CertificateReport,
  HttpsVerification,
} from '../../shared/schemas/certificate';
import { formatBoxAddress, reportsOtherAddress } from '../../shared/box-address';
import { certificateViews } from '../../shared/certificate-views';
import type { BoxAddress } from '../../shared/schemas/box';
import en from '../../shared/locales/en.json';
import { createCliCore } from '../cli-core';
import { boxArgument, fillTemplate, printFailure } from '../cli-output';
import { CERTIFICATE_FLAGS, certificateOptions } from '../cli-options';
import type { CliCommand } from '../cli-command';
import { EXIT_OK, EXIT_PROBLEM, UsageError } from '../io';

const USAGE = `Usage: iotbox cert <box> [--json] [--wait SECONDS] [--via name|ip] [--https-port PORT]

Shows the box's own view of its HTTPS certificate, explains any problem with the next steps, and
verifies HTTPS from this computer the way a browser would.

  <box>               the box's IP address, host name or URL (its API on port 8069 by default)
  --wait SECONDS      when the box has no certificate, ask it to get one from odoo.com and wait
                      up to SECONDS (0–600) for the result; without it, only read the status.
                      Newer boxes try odoo.com up to 6 times, 95 s each: --wait 600 covers it
  --via name|ip       name (default): resolve the box's odoo-iot name with this computer's DNS;
                      ip: connect to the box's IP with the name, checking TLS without DNS
  --https-port PORT   the box's HTTPS port when it is not 443 (port forwarding)
  --odoo-com-url URL  where this computer checks its own access to odoo.com
                      (default https://www.odoo.com/)
  --json              print one JSON document

Exit codes: 0 the certificate is valid and verified from this computer, 1 it is not (or the box
could not be read), 2 bad usage.`;

type Texts = typeof en;

function parseWait(raw: string | undefined): number | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 600) {
    throw new UsageError(`--wait must be a number of seconds from 0 to 600, got '${raw}'`);
  }
  return value;
}

function verifyJson(verify: HttpsVerification | null) {
  if (verify === null) {
    return null;
  }
  return {
    ok: verify.ok,
    problem: verify.problem,
    hostname: verify.hostname,
    address: verify.address,
    nameResolved: verify.nameResolved,
    notBefore: verify.notBefore,
    notAfter: verify.notAfter,
    daysLeft: verify.daysLeft,
    issuer: verify.issuer,
    san: verify.san,
    fingerprint256: verify.fingerprint256,
  };
}

function supportText(texts: Texts, report: CertificateReport): string | null {
  const { explanation } = report;
  if (explanation.outcome !== 'request-status' || explanation.httpStatus === null) {
    return null;
  }
  return fillTemplate(texts.certificate.supportText, {
    ip: report.ip,
    api: report.api.toUpperCase(),
    version: report.version ?? '?',
    code: explanation.boxCode ?? `HTTP ${explanation.httpStatus}`,
    status: explanation.httpStatus,
  });
}

/**
 * `address` is where the box answered (what the user typed): the box's address, named first; `ip`
 * is only what the box reports about itself, as in `iotbox info`.
 */
function reportJson(report: CertificateReport, address: BoxAddress) {
  const texts = en.certificate;
  const { explanation } = report;
  const entry = texts.outcome[explanation.outcome];
  const values = { status: explanation.httpStatus ?? '' };
  return {
    ok: isCertificateGood(report),
    box: { address, ip: report.ip, api: report.api, version: report.version },
    status: report.status,
    outcome: explanation.outcome,
    title: fillTemplate(entry.title, values),
    explanation: fillTemplate(entry.description, values),
    actions: explanation.actions.map((id) => ({ id, text: texts.action[id] })),
    ...(explanation.actions.includes('check-eligibility')
      ? {
          eligibility: [
            texts.eligibility.production,
            texts.eligibility.subscription,
            texts.eligibility.code,
            texts.eligibility.iotLine,
            `${texts.eligibility.portal} ${explanation.subscriptionsUrl ?? ''}`.trim(),
            texts.eligibility.dispute,
          ],
        }
      : {}),
    docUrl: explanation.docUrl,
    boxCode: explanation.boxCode,
    httpStatus: explanation.httpStatus,
    exception: explanation.exception,
    odooComReachable: explanation.odooComReachable,
    supportText: supportText(en, report),
    verify: verifyJson(report.verify),
    differences: certificateViews(report).differences,
    checkedAt: report.checkedAt,
  };
}

function humanReport(report: CertificateReport, address: BoxAddress): string {
  const json = reportJson(report, address);
  const claim = reportsOtherAddress({ ip: report.ip, address }) ? `, reports ${report.ip}` : '';
  const texts = en.certificate;
  const lines = [
    `Box ${formatBoxAddress(address)} (${report.api.toUpperCase()}${report.version ? `, ${report.version}` : ''}${claim})`,
    '',
    `${json.ok ? '✔' : '✘'} ${json.title}`,
    `  ${json.explanation}`,
  ];
  if (json.boxCode !== null) {
    lines.push(`  ${fillTemplate(texts.boxCode, { code: json.boxCode })}`);
  }
  if (json.odooComReachable !== null) {
    lines.push(`  ${json.odooComReachable ? texts.odooComReachable : texts.odooComUnreachable}`);
  }
  if (json.exception !== null) {
    lines.push(`  ${texts.exception}: ${json.exception.split('\n')[0] ?? ''}`);
  }
  const verify = report.verify;
  if (verify !== null) {
    lines.push('', `${texts.checks}${verify.hostname ? ` (${verify.hostname})` : ''}:`);
    const yesNo = (value: boolean | null) => (value === null ? '?' : value ? texts.yes : texts.no);
    lines.push(`  ${texts.trusted}: ${yesNo(verify.trusted)}`);
    lines.push(`  ${texts.nameMatches}: ${yesNo(verify.nameMatches)}`);
    lines.push(`  ${texts.notExpired}: ${yesNo(verify.notExpired)}`);
    if (verify.notAfter !== null && verify.daysLeft !== null) {
      lines.push(
        `  ${fillTemplate(texts.validUntil, { date: verify.notAfter.slice(0, 10), days: verify.daysLeft })}`,
      );
    }
    if (verify.issuer !== null) {
      lines.push(`  ${texts.issuer}: ${verify.issuer}`);
    }
    if (verify.san.length > 0) {
      lines.push(`  ${texts.names}: ${verify.san.join(', ')}`);
    }
    if (verify.fingerprint256 !== null) {
      lines.push(`  ${texts.fingerprint}: ${verify.fingerprint256}`);
    }
    if (verify.ok && verify.hostname !== null) {
      lines.push(`  ${texts.address}: https://${verify.hostname}/`);
    }
  }
  lines.push(...viewLines(report));
  lines.push('', `${texts.whatToDo}:`);
  json.actions.forEach((action, index) => {
    lines.push(`  ${index + 1}. ${action.text}`);
    if (action.id === 'check-computer-clock' && verify?.notBefore && verify.notAfter) {
      // The dates "check the date" rests on: this computer's, and the certificate's.
      lines.push(
        `     ${fillTemplate(texts.clockBasis, {
          today: report.checkedAt.slice(0, 10),
          from: verify.notBefore.slice(0, 10),
          until: verify.notAfter.slice(0, 10),
        })}`,
      );
    }
  });
  for (const item of json.eligibility ?? []) {
    lines.push(`     - ${item}`);
  }
  if (json.supportText !== null) {
    lines.push('', `${texts.supportHeading}:`, `  ${json.supportText}`);
  }
  lines.push('', `${texts.docLink}: ${json.docUrl}`, '');
  return lines.join('\n');
}

/**
 * Where the box's own view of its certificate differs from what this computer sees: both, with
 * their dates and this computer's date (the wizard's "The box says… / This computer sees…").
 */
function viewLines(report: CertificateReport): string[] {
  const facts = en.certificate.facts;
  const views = certificateViews(report);
  const { box, computer } = views;
  if (box === null || computer === null || views.differences.length === 0) {
    return [];
  }
  const day = (iso: string | null): string => (iso === null ? '?' : iso.slice(0, 10));
  const seen = fillTemplate(computer.valid === false ? facts.ended : facts.running, {
    from: day(computer.notBefore),
    until: day(computer.notAfter),
    days: Math.abs(computer.daysLeft ?? 0),
  });
  const boxSays =
    box.notAfter === null
      ? en.certificate.yes
      : fillTemplate(facts.boxValidUntil, { date: day(box.notAfter) });
  return [
    '',
    ...views.differences.map((difference) => facts.differs[difference]),
    `  ${facts.boxSays}: ${boxSays}${box.subject === null ? '' : ` (${box.subject})`}`,
    `  ${facts.computerSees}: ${seen}`,
    `  ${fillTemplate(facts.today, { date: day(computer.checkedAt) })}`,
  ];
}

function progressLine(progress: CertificateProgress): string | null {
  const texts = en.certificate;
  if (
    progress.boxAttempt !== null &&
    progress.boxMaxAttempts !== null &&
    progress.boxAttemptSeconds !== null &&
    progress.phase === 'waiting'
  ) {
    return fillTemplate(texts.boxAttempt, {
      attempt: progress.boxAttempt,
      max: progress.boxMaxAttempts,
      seconds: progress.boxAttemptSeconds,
    });
  }
  switch (progress.phase) {
    case 'checking':
      return texts.checking;
    case 'requesting':
      return texts.requesting;
    case 'restarting':
      return texts.restarting;
    case 'waiting':
      return fillTemplate(texts.waiting, {
        seconds: Math.round((progress.nextCheckInMs ?? 0) / 1000),
        attempt: progress.attempt + 1,
        max: progress.maxAttempts,
      });
    case 'verifying':
      return texts.verifying;
    default:
      return progress.phase satisfies never;
  }
}

export const certCommand: CliCommand = {
  usage: USAGE,
  run: async (argv, io, signal) => {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean' },
        wait: { type: 'string' },
        via: { type: 'string' },
        ...CERTIFICATE_FLAGS,
      },
      strict: true,
      allowPositionals: true,
    });
    const asked = boxArgument(positionals);
    const via = values.via ?? 'name';
    if (via !== 'name' && via !== 'ip') {
      throw new UsageError(`--via must be 'name' or 'ip', got '${via}'`);
    }
    const wait = parseWait(values.wait);
    const certificate = certificateOptions(values);
    const json = values.json === true;

    const service = await createCliCore(io, {}, { certificate }).services.certificate();
    const onProgress = (progress: CertificateProgress): void => {
      const line = json ? null : progressLine(progress);
      if (line !== null) {
        io.stderr(`${line}\n`);
      }
    };
    const result =
      wait === undefined || wait === 0
        ? await service.getStatus(asked, signal, via)
        : await service.acquire(asked, { waitSeconds: wait, via }, onProgress, signal);
    if (!result.ok) {
      return printFailure(io, json, result.error);
    }
    io.stdout(
      json
        ? `${JSON.stringify(reportJson(result.value, asked), null, 2)}\n`
        : humanReport(result.value, asked),
    );
    return isCertificateGood(result.value) ? EXIT_OK : EXIT_PROBLEM;
  },
};
