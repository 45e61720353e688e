import type { DiagnosticsReport } from '../../shared/schemas/report';
import { formatBoxAddress } from '../../shared/box-address';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Everything in the page comes from boxes, routers and users: escape all of it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function yesNoUnknown(value: boolean | null): string {
  return value === null ? 'not shown by the box' : value ? 'yes' : 'no';
}

function row(label: string, value: string): string {
  return `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

/**
 * A self-contained, readable page (no scripts, no external resources) with the same data as the
 * JSON report; evidence sits in <details> so the page stays short.
 */
export function renderReportHtml(report: DiagnosticsReport): string {
  const box = report.box;
  const boxRows = box
    ? [
        row('Address', formatBoxAddress(box.address)),
        row('Reported IP', box.ip),
        row('Name', box.name ?? '—'),
        row('API generation', box.api.toUpperCase()),
        row('Version', box.version ?? '—'),
        row('System', box.system ?? '—'),
        row('Identifier', box.identifier ?? '—'),
        row('MAC', box.mac ?? '—'),
        row('Odoo server', box.serverUrl ?? 'not connected'),
        row('Database UUID set', yesNoUnknown(box.dbUuidSet)),
        row('Enterprise code set', yesNoUnknown(box.enterpriseCodeSet)),
        row('Certificate (box view)', box.certificate.state),
      ].join('')
    : row('Box', `${report.target} did not answer`);
  const checks = report.checks
    .map(
      (check) => `<section class="check ${check.ok ? 'ok' : 'problem'}">
  <h3>${escapeHtml(check.id)}: ${escapeHtml(check.verdict)}${check.httpStatus === null ? '' : ` (HTTP ${check.httpStatus})`}</h3>
  <details><summary>Evidence</summary><pre>${escapeHtml(JSON.stringify(check.evidence, null, 2))}</pre></details>
</section>`,
    )
    .join('\n');
  const interfaces = report.interfaces
    .map((item) => row(item.name, item.addresses.join(', ') || '—'))
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>IoT Box Assistant — diagnostics report</title>
<style>
body{font-family:system-ui,sans-serif;max-width:880px;margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.5}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #d5d9e0;vertical-align:top}
th{width:14rem;color:#4d5561;font-weight:600}.check{border-left:4px solid #1a7f37;padding:.2rem 1rem;margin:1rem 0}
.check.problem{border-color:#b42318}pre{white-space:pre-wrap;word-break:break-word;background:#f4f5f7;padding:.8rem;border-radius:6px}
</style>
</head>
<body>
<h1>IoT Box Assistant — diagnostics report</h1>
<p>Generated ${escapeHtml(report.generatedAt)}. Secrets (enterprise code, tokens, passwords, API keys) are removed; database UUIDs show only their first 8 characters.</p>
<h2>This computer</h2>
<table>${row('App', `${report.app.name} ${report.app.version} (${report.app.runtime})`)}${row('Operating system', `${report.os.platform} ${report.os.release} ${report.os.arch}`)}${interfaces}</table>
<h2>The IoT box</h2>
<table>${boxRows}</table>
<h2>Checks</h2>
${checks || '<p>No checks ran.</p>'}
<h2>Box logs</h2>
${report.boxLogs === null ? '<p>The box did not offer its logs.</p>' : `<details><summary>Show</summary><pre>${escapeHtml(report.boxLogs)}</pre></details>`}
</body>
</html>
`;
}
