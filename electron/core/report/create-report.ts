import { arch, networkInterfaces, platform, release } from 'node:os';

import type { AppInfo } from '../../shared/schemas/app';
import type { DiagnosticsReport, ReportCreated } from '../../shared/schemas/report';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import { createBoxClient } from '../box/box-client';
import type { CertificateService } from '../certificate/certificate-service';
import type { Handlers } from '../dispatch';
import type { DnsServices } from '../dns/create-dns';
import type { ClipboardPort, HttpPort, LogPort, ReportSaverPort } from '../ports';
import { collectReport } from './collect-report';
import { renderReportHtml } from './render-report-html';
import { reportSummary } from './report-summary';

/** This computer's interfaces, addresses only (no MAC addresses in a support ticket). */
export function interfaceAddresses(): DiagnosticsReport['interfaces'] {
  return Object.entries(networkInterfaces())
    .map(([name, addresses]) => ({
      name,
      addresses: (addresses ?? [])
        .filter((item) => !item.internal)
        .map((item) => item.cidr ?? item.address),
    }))
    .filter((item) => item.addresses.length > 0);
}

export type ReportService = {
  create(ref: string, signal: AbortSignal): Promise<ReportCreated>;
  /** The last report, as its HTML page and JSON document. */
  files(): { html: string; json: string; suggestedName: string } | null;
  lastSummary(): string | null;
};

export function createReportService(deps: {
  readonly http: HttpPort;
  readonly log: LogPort;
  readonly certificate: CertificateService;
  readonly dns: DnsServices;
  readonly app: () => Pick<AppInfo, 'name' | 'version'> & { runtime: string };
  readonly now?: () => Date;
}): ReportService {
  const client = createBoxClient({ http: deps.http, log: deps.log });
  const now = deps.now ?? (() => new Date());
  let last: ReportCreated | null = null;
  return {
    async create(ref, signal) {
      const report = await collectReport(
        ref,
        {
          getInfo: (target, inner) => client.getInfo(target, inner),
          readLog: async (target, info, inner) => {
            const log = await client.readLog(target, info, inner);
            return log.ok ? log.value.text : null;
          },
          certificate: (target, info, inner) => deps.certificate.explain(target, info, inner),
          dns: (name, expectedIp, inner) =>
            deps.dns.diagnosis.diagnose(
              expectedIp === undefined ? { target: name } : { target: name, expectedIp },
              inner,
            ),
          environment: () => ({
            app: deps.app(),
            os: { platform: platform(), release: release(), arch: arch() },
            interfaces: interfaceAddresses(),
          }),
          now,
        },
        signal,
      );
      last = { report, summary: reportSummary(report) };
      return last;
    },
    files() {
      if (last === null) {
        return null;
      }
      const stamp = last.report.generatedAt.replace(/[:.]/g, '-');
      return {
        html: renderReportHtml(last.report),
        json: `${JSON.stringify(last.report, null, 2)}\n`,
        suggestedName: `iotbox-report-${stamp}`,
      };
    },
    lastSummary: () => last?.summary ?? null,
  };
}

export function reportHandlers(
  service: ReportService,
  ports: { readonly saver?: ReportSaverPort; readonly clipboard?: ClipboardPort },
): Pick<Handlers, 'report:create' | 'report:save' | 'report:copy-summary'> {
  const nothingYet = (): Result<never, Failure> =>
    fail('report-missing', 'create a report before saving or copying it');
  return {
    'report:create': async ([ref], { signal }) => ok(await service.create(ref, signal)),
    'report:save': async () => {
      const files = service.files();
      if (files === null) {
        return nothingYet();
      }
      if (!ports.saver) {
        return fail('not-implemented', 'no place to save reports in this runtime');
      }
      const location = await ports.saver.save(files);
      return ok({ saved: location !== null, location });
    },
    'report:copy-summary': () => {
      const summary = service.lastSummary();
      if (summary === null) {
        return Promise.resolve(nothingYet());
      }
      if (!ports.clipboard) {
        return Promise.resolve(fail('not-implemented', 'no clipboard in this runtime'));
      }
      ports.clipboard.writeText(summary);
      return Promise.resolve(ok(null));
    },
  };
}
