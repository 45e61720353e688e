import type { CertificateReport } from './schemas/certificate';

/*
 * One set of facts about the box's certificate. The box reports its own view (the certificate
 * file it holds, judged by its own clock); this computer sees the certificate actually served,
 * judged by this computer's clock. Usually they agree and one set of facts is shown. Where they
 * differ — a Windows box serving its old certificate until its service restarts, a box or a
 * computer with the wrong date — both are shown, labelled, with their dates, in the wizard and
 * the CLI alike.
 */

export type CertificateDifference = 'validity' | 'dates' | 'certificate';

/** The box says its certificate is usable (its `ok` state, by the box's own clock). */
export type BoxView = {
  readonly subject: string | null;
  readonly notAfter: string | null;
};

export type ComputerView = {
  /** In date by this computer's clock; null when the check learnt no certificate. */
  readonly valid: boolean | null;
  readonly names: readonly string[];
  readonly notBefore: string | null;
  readonly notAfter: string | null;
  readonly daysLeft: number | null;
  readonly issuer: string | null;
  /** This computer's date when it checked: what "in date" was judged against. */
  readonly checkedAt: string;
};

export type CertificateViews = {
  /** Null unless the box says it has a usable certificate. */
  readonly box: BoxView | null;
  /** Null when this computer learnt nothing about a served certificate. */
  readonly computer: ComputerView | null;
  readonly differences: readonly CertificateDifference[];
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** `*.<hash>.odoo-iot.com` covers `<hash>.odoo-iot.com`'s subdomains, as a browser matches. */
function covers(names: readonly string[], subject: string): boolean {
  const wanted = subject.toLowerCase();
  return names.some((name) => name.toLowerCase() === wanted);
}

/** More than a day apart: the box's end date is rounded (G1–G3 say "valid until" − 10 days). */
function differentDays(a: string, b: string): boolean {
  const apart = Math.abs(Date.parse(a) - Date.parse(b));
  return Number.isFinite(apart) && apart > DAY_MS;
}

export function certificateViews(report: CertificateReport): CertificateViews {
  const status = report.status;
  const box: BoxView | null =
    status.state === 'ok' ? { subject: status.subject, notAfter: status.notAfter } : null;
  const verify = report.verify;
  const computer: ComputerView | null =
    verify === null || verify.fingerprint256 === null
      ? null
      : {
          valid: verify.notExpired,
          names: [...new Set([verify.subject, ...verify.san].filter((name) => name !== null))],
          notBefore: verify.notBefore,
          notAfter: verify.notAfter,
          daysLeft: verify.daysLeft,
          issuer: verify.issuer,
          checkedAt: report.checkedAt,
        };
  const differences: CertificateDifference[] = [];
  if (box !== null && computer !== null) {
    if (computer.valid === false) {
      differences.push('validity');
    }
    if (
      box.notAfter !== null &&
      computer.notAfter !== null &&
      differentDays(box.notAfter, computer.notAfter)
    ) {
      differences.push('dates');
    }
    if (box.subject !== null && !covers(computer.names, box.subject)) {
      differences.push('certificate');
    }
  }
  return { box, computer, differences };
}
