import type { DiagnosticsReport, ReportCreated } from '../../shared/schemas/report';
import type { BoxClient } from '../box/box-client';
import type { CertificateService } from '../certificate/certificate-service';
import type { DnsServices } from '../dns/create-dns';
import type { NetworkInterfacesPort, Ports } from '../ports';
import { collectReport, type ReportedBox } from './collect-report';
import { renderReportHtml } from './render-report-html';
import { reportSummary } from './report-summary';

/** This computer's interfaces, addresses only (no MAC addresses in a support ticket). */
export function interfaceAddresses(
  interfaces: NetworkInterfacesPort,
): DiagnosticsReport['interfaces'] {
  const byName = new Map<string, string[]>();
  for (const entry of interfaces()) {
    if (!entry.internal) {
      byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry.cidr ?? entry.address]);
    }
  }
  return [...byName].map(([name, addresses]) => ({ name, addresses }));
}

export type ReportService = {
  create(box: ReportedBox, signal: AbortSignal): Promise<ReportCreated>;
  /** The last report, as its HTML page and JSON document. */
  files(): { html: string; json: string; suggestedName: string } | null;
  lastSummary(): string | null;
};

/** The support report: every check on one box, over the core's own services. */
export function createReportService(
  ports: Pick<Ports, 'appInfo' | 'interfaces' | 'system' | 'clock'>,
  services: {
    readonly box: BoxClient;
    readonly certificate: CertificateService;
    readonly dns: DnsServices;
  },
): ReportService {
  const { box: client, certificate, dns } = services;
  const now = () => new Date(ports.clock.now());
  let last: ReportCreated | null = null;
  return {
    async create(box, signal) {
      const report = await collectReport(
        box,
        {
          getInfo: (target, inner) => client.getInfo(target, inner),
          readLog: async (target, info, inner) => {
            const log = await client.readLog(target, info, inner);
            return log.ok ? log.value.text : null;
          },
          certificate: (target, info, inner) => certificate.explain(target, info, inner),
          dns: (name, expectedIp, inner) =>
            dns.diagnosis.diagnose(
              expectedIp === undefined ? { target: name } : { target: name, expectedIp },
              inner,
            ),
          environment: () => {
            const { name, version, runtime } = ports.appInfo();
            const { platform, release, arch } = ports.system;
            return {
              app: { name, version, runtime },
              os: { platform, release, arch },
              interfaces: interfaceAddresses(ports.interfaces),
            };
          },
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
