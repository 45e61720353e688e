import type { DnsFixPlan, DnsReport, RouterInfo } from './schemas/dns';

/*
 * Which translated sentences explain a verdict, a router and each fix, with their values: one
 * place, so the wizard (t) and the CLI (the English file) say the same thing.
 */

export type GuideText = {
  readonly key: string;
  readonly values?: Readonly<Record<string, string>>;
};

export const DEVICE_GUIDES = ['windows', 'macos', 'ios', 'android', 'chromeos'] as const;

function routerAddress(router: RouterInfo): string {
  return router.address ?? '192.168.1.1';
}

/** The verdict's title, its explanation, and what the explanation rests on. */
export function verdictGuide(report: DnsReport): {
  readonly title: GuideText;
  readonly description: GuideText;
  readonly notes: readonly GuideText[];
} {
  const values = {
    name: report.name,
    ip: report.expectedIp,
    published: report.publishedAddresses.join(', ') || '-',
  };
  const notes: GuideText[] = [];
  if (report.basis === 'name') {
    notes.push({ key: 'dns.basis.name', values });
  }
  if (report.outboundDnsBlocked && report.verdict !== 'outbound-dns-blocked') {
    notes.push({ key: 'dns.outboundBlocked' });
  }
  return {
    title: { key: `dns.verdict.${report.verdict}.title`, values },
    description: { key: `dns.verdict.${report.verdict}.description`, values },
    notes,
  };
}

/** "FRITZ!Box 7590 (FRITZ!Box), recognised from its UPnP description." and where it filters. */
export function routerGuide(
  router: RouterInfo,
  familyName: (family: RouterInfo['family']) => string,
  sourceName: (source: RouterInfo['evidence'][number]['source']) => string,
): readonly GuideText[] {
  const why = router.evidence.find((item) => item.family === router.family);
  const lines: GuideText[] = [];
  if (router.family === 'unknown' || why === undefined) {
    lines.push({ key: 'dns.routerInfo.unknown' });
  } else {
    const values = {
      router: familyName(router.family),
      source: sourceName(why.source),
      model: router.model ?? '',
    };
    lines.push({
      key: router.model === null ? 'dns.routerInfo.recognised' : 'dns.routerInfo.recognisedModel',
      values,
    });
  }
  // An unrecognised router starts with a fix to try, which "works in both cases" is not.
  if (router.filterAt !== null && !(router.filterAt === 'unknown' && router.family === 'unknown')) {
    lines.push({ key: `dns.routerInfo.filterAt.${router.filterAt}` });
  }
  return lines;
}

/** One fix: its title, the steps (with the router's own menu path) and the caveats. */
export function planGuide(
  plan: DnsFixPlan,
  report: DnsReport,
): {
  readonly title: GuideText;
  readonly steps: readonly GuideText[];
  readonly notes: readonly GuideText[];
} {
  const family = plan.routerFamily ?? 'unknown';
  const router = routerAddress(report.router);
  const servers = plan.servers.join(', ');
  const notes: GuideText[] = [];
  if (plan.testFirst) {
    notes.push({ key: 'dns.plans.testFirst' });
  }
  if (plan.confirmed === false) {
    notes.push({ key: 'dns.plans.mayDiffer' });
  }
  const title = { key: `dns.plans.${plan.kind}.title` };
  const why = { key: `dns.plans.${plan.kind}.why` };
  switch (plan.kind) {
    case 'router-exception':
      return {
        title,
        steps: [
          why,
          { key: `dns.router.${family}`, values: { setting: plan.setting ?? '', router } },
        ],
        notes,
      };
    case 'router-dhcp-google':
      return {
        title,
        steps: [
          why,
          { key: `dns.dhcpGuide.${family}`, values: { servers: serversFor(family, plan), router } },
        ],
        notes: [...notes, { key: 'dns.plans.router-dhcp-google.warning' }],
      };
    case 'router-upstream-google':
      return {
        title,
        steps: [
          why,
          {
            key: `dns.upstreamGuide.${family}`,
            values: { servers: serversFor(family, plan), router },
          },
        ],
        notes,
      };
    case 'this-device':
      return { title, steps: [why], notes };
    case 'other-devices': {
      const steps: GuideText[] = [
        why,
        { key: 'dns.plans.other-devices.only', values: { servers } },
      ];
      if (report.router.localNames.length > 0) {
        steps.push({
          key: 'dns.plans.other-devices.sideEffect',
          values: {
            names: report.router.localNames.join(', '),
            url: report.router.adminUrl ?? `http://${router}/`,
          },
        });
      }
      if (report.router.family === 'livebox') {
        steps.push({ key: 'dns.plans.other-devices.livebox' });
      }
      return { title, steps, notes };
    }
    case 'dhcp-reservation':
      return { title, steps: [why], notes };
    case 'hosts-file':
      return {
        title,
        steps: [why, { key: 'dns.plans.hosts-file.steps' }],
        notes,
      };
  }
}

/** MikroTik's command line takes `a,b`; menus read better as `a, b`. */
function serversFor(family: string, plan: DnsFixPlan): string {
  return plan.servers.join(family === 'mikrotik' || family === 'openwrt' ? ',' : ', ');
}
