import type { BoxInfo } from '../../shared/schemas/box';
import type {
  CertificateExplanation,
  CertificateOutcome,
  HttpsVerification,
} from '../../shared/schemas/certificate';
import { RENEWAL_WINDOW_DAYS } from '../tls/https-verifier';
import { parseBoxErrorCode } from './box-error-code';
import type { CertificateLogReading } from './certificate-log';
import { HTTPS_PROBLEM_OUTCOMES, KNOWLEDGE_BASE, SUBSCRIPTIONS_PAGE } from './knowledge-base';

const DAY_MS = 24 * 60 * 60 * 1000;

type Finding = {
  readonly outcome: CertificateOutcome;
  readonly boxCode?: string | null;
  readonly httpStatus?: number | null;
  readonly exception?: string | null;
};

/** The box's own view, before this computer's check. */
export function boxFinding(info: BoxInfo, log: CertificateLogReading | null, now: Date): Finding {
  const status = info.certificate;
  switch (status.state) {
    case 'ok': {
      const soon =
        status.notAfter !== null &&
        new Date(status.notAfter).getTime() - now.getTime() < RENEWAL_WINDOW_DAYS * DAY_MS;
      return { outcome: soon ? 'expiring-soon' : 'valid' };
    }
    case 'failed': {
      const parsed = parseBoxErrorCode(status.code, status);
      return {
        outcome: parsed.outcome,
        boxCode: parsed.boxCode,
        httpStatus: parsed.httpStatus,
        exception: parsed.text,
      };
    }
    case 'refused':
      // Its status page failed while asking odoo.com: how a refusal shows on a G2/G3 box.
      return { outcome: 'no-result', exception: status.detail };
    case 'temporary':
    case 'missing':
    case 'unknown': {
      // No code (G4, refactored trees, a G1–G3 box still on its placeholder): the same
      // preconditions as the old codes apply, and the box's log may name the reason.
      if (info.serverUrl === null) {
        return { outcome: 'no-server' };
      }
      // Newer box code needs only the database UUID (odoo.com checks the code or a trial);
      // older code says LOAD_NO_CREDENTIAL itself, handled above.
      if (info.dbUuidSet === false) {
        return { outcome: 'no-credential' };
      }
      const reason = log?.reason ?? null;
      if (reason !== null) {
        return { outcome: reason.outcome, httpStatus: reason.httpStatus, exception: reason.text };
      }
      return {
        outcome:
          status.state === 'temporary'
            ? 'temporary'
            : status.state === 'missing'
              ? 'missing'
              : 'unknown-error',
      };
    }
    default:
      return status satisfies never;
  }
}

/**
 * The box's finding refined by this computer's HTTPS check (when one was made). A refusal is
 * only overturned by a certificate that works: anything else served still means "refused".
 */
export function combinedFinding(
  box: Finding,
  verify: HttpsVerification | null,
  state: BoxInfo['certificate']['state'],
): Finding {
  if (verify === null || (state === 'refused' && !verify.ok)) {
    return box;
  }
  if (verify.problem !== null) {
    return { outcome: HTTPS_PROBLEM_OUTCOMES[verify.problem] };
  }
  // The served certificate is the truth about its end date (G1–G3 report notAfter − 10 days).
  return { outcome: verify.expiresSoon ? 'expiring-soon' : 'valid' };
}

export function explain(
  finding: Finding,
  odooComReachable: boolean | null = null,
): CertificateExplanation {
  const entry = KNOWLEDGE_BASE[finding.outcome];
  return {
    outcome: finding.outcome,
    actions: [...entry.actions],
    docUrl: entry.docUrl,
    boxCode: finding.boxCode ?? null,
    httpStatus: finding.httpStatus ?? null,
    exception: finding.exception ?? null,
    odooComReachable,
    subscriptionsUrl: entry.actions.includes('check-eligibility') ? SUBSCRIPTIONS_PAGE : null,
  };
}
