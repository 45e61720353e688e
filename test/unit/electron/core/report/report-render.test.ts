import { describe, expect, it } from 'vitest';

import { renderReportHtml } from '../../../../../electron/core/report/render-report-html';
import { reportSummary } from '../../../../../electron/core/report/report-summary';
import type { DiagnosticsReport } from '../../../../../electron/shared/schemas/report';
import { sampleFoundBox } from '../../../../fakes/sample-box';

const report: DiagnosticsReport = {
  generatedAt: '2026-11-28T10:00:00.000Z',
  app: { name: 'IoT Box Assistant', version: '0.1.0', runtime: 'cli' },
  os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
  interfaces: [{ name: 'eth0', addresses: ['192.168.1.10/24'] }],
  target: '192.168.1.20',
  box: { ...sampleFoundBox, name: '<script>alert(1)</script>' },
  checks: [
    {
      id: 'certificate',
      ok: false,
      verdict: 'ERR_IOT_HTTPS_LOAD_REQUEST_STATUS',
      httpStatus: 404,
      evidence: { detail: '<img src=x onerror=alert(1)>' },
    },
    { id: 'dns', ok: true, verdict: 'ok', httpStatus: null, evidence: {} },
  ],
  boxLogs: '2026-11-28 ERROR </pre><script>x</script>',
};

describe('diagnostics report rendering', () => {
  it('escapes everything that came from a box, router or user', () => {
    const html = renderReportHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/pre&gt;');
    // Self-contained: no script and nothing loaded from elsewhere.
    expect(html).toMatch(/default-src 'none'/);
    expect(html).not.toMatch(/src="http|href="http/);
  });

  it('shows each check with its HTTP status', () => {
    const html = renderReportHtml(report);
    expect(html).toContain('certificate: ERR_IOT_HTTPS_LOAD_REQUEST_STATUS (HTTP 404)');
    expect(html).toContain('dns: ok');
  });

  it('summarises for a support ticket, including the HTTP status code', () => {
    const summary = reportSummary(report);
    expect(summary).toContain('IoT Box Assistant 0.1.0 on linux');
    expect(summary).toContain('IoT box 127.0.0.14:8069 — API G4, version L25.04');
    expect(summary).toContain('FAIL certificate: ERR_IOT_HTTPS_LOAD_REQUEST_STATUS (HTTP 404)');
    expect(summary).toContain('OK   dns: ok');
    expect(reportSummary({ ...report, box: null })).toContain(
      'IoT box 192.168.1.20: not reachable',
    );
  });
});
