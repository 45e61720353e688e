import { explain } from '../../electron/core/certificate/explain-status';
import type {
  CertificateOutcome,
  CertificateReport,
} from '../../electron/shared/schemas/certificate';

/** A certificate report as the core builds it (the knowledge base's real explanation), no check. */
export function sampleCertificateReport(
  outcome: CertificateOutcome,
  overrides: Partial<CertificateReport> = {},
): CertificateReport {
  return {
    ip: '127.0.0.14',
    api: 'g4',
    version: 'L25.04',
    status: { state: 'unknown' },
    explanation: explain({ outcome }),
    verify: null,
    checkedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
