import type { DiagnosticsReport } from '../../shared/schemas/report';
import { formatBoxAddress } from '../../shared/box-address';

/**
 * The few lines a user pastes into a support ticket: versions, the box, and each check's verdict
 * with any HTTP status code (support asks for the three digits first).
 */
export function reportSummary(report: DiagnosticsReport): string {
  const box = report.box;
  const lines = [
    `${report.app.name} ${report.app.version} on ${report.os.platform} ${report.os.release} (${report.os.arch})`,
    box
      ? `IoT box ${formatBoxAddress(box.address)} — API ${box.api.toUpperCase()}, version ${box.version ?? 'unknown'}, ${box.system ?? 'unknown system'}, server ${box.serverUrl ?? 'not connected'}`
      : `IoT box ${report.target}: not reachable`,
    ...report.checks.map(
      (check) =>
        `${check.ok ? 'OK  ' : 'FAIL'} ${check.id}: ${check.verdict}${check.httpStatus === null ? '' : ` (HTTP ${check.httpStatus})`}`,
    ),
    `Report generated ${report.generatedAt}`,
  ];
  return `${lines.join('\n')}\n`;
}
