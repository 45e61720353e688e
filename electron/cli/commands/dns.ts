import { parseArgs } from 'node:util';

import { createDnsJournalStore } from '../../core/adapters/dns-journal-store';
import { boxAddressOf, parseBoxDnsName } from '../../core/odoo-iot-name';
import type { DnsServices } from '../../core/dns/create-dns';
import {
  ROUTER_FAMILIES,
  RouterFamilySchema,
  type DnsFixPlan,
  type DnsJournalSummary,
  type DnsRecheck,
  type DnsReport,
  type ResolverProbe,
  type RouterFamily,
} from '../../shared/schemas/dns';
import { DEVICE_GUIDES, planGuide, routerGuide, verdictGuide } from '../../shared/dns-guidance';
import en from '../../shared/locales/en.json';
import type { Failure } from '../../shared/result';
import { english, fillTemplate, printFailure } from '../cli-output';
import { REFERENCE_FLAGS, referenceOptions } from '../cli-options';
import type { CliCommand } from '../cli-command';
import { createCliCore, defaultDataDir } from '../cli-core';
import { EXIT_OK, EXIT_PROBLEM, UsageError, type CliIo } from '../io';

const USAGE = `Usage: iotbox dns <box-or-hostname> [--json] [--reference-dns IP[:PORT]]... [--doh URL|off]
                  [--router FAMILY] [--plan] [--fix this-device]
       iotbox dns --restore [--json]
       iotbox dns --forget [--json]

Finds out why this computer cannot resolve the box's <ip-dashes>.<hash>.odoo-iot.com name, by
asking this computer's resolver, its DNS servers, the router and public references at once, and
gives one verdict: ok, rebind-blocked, not-published, stale-address, local-dns-down,
reference-unreachable, outbound-dns-blocked or intercepted. It also recognises the router
(read-only: its UPnP description, public pages and local names; it never logs in) and says where
the filter is (router, isp or unknown).

  <box-or-hostname>       the full odoo-iot.com name, or the box's IP/URL (its name is read from
                          the certificate the box serves on port 443)
  --reference-dns IP[:PORT]  a reference resolver (repeatable; default 8.8.8.8 and 8.8.4.4)
  --doh URL|off           DNS-over-HTTPS JSON endpoint (default https://dns.google/resolve)
  --router FAMILY         the router, when the recognised one is wrong (fritzbox, openwrt,
                          tim-hub, vodafone-station, …, unknown)
  --plan                  list the fixes, in the order that works on this router
  --fix this-device       point the connection this computer uses for the internet at the
                          references (Google by default), after saving its current settings;
                          verified, and undone if it does not help. VPNs and other connections
                          are left alone; refused on managed computers (Group Policy, NRPT, MDM,
                          a company domain, a VPN carrying all traffic)
  --restore               undo the last change: put the saved settings back exactly, connection
                          by connection (one that is gone is skipped and said)
  --forget                stop offering to undo a change that can no longer be restored (or whose
                          record was changed outside the assistant); DNS stays as it is now
  --json                  print one JSON document

Environment: IOTBOX_REFERENCE_DNS (comma-separated IP[:PORT]) and IOTBOX_DOH (URL or off), used
when the options are absent; IOTBOX_DATA_DIR (where the change journal lives);
IOTBOX_RESOLV_CONF (Linux).
Exit codes: 0 the name resolves to the box (or the restore succeeded), 1 a problem was found,
2 bad usage.`;

function parseRouter(value: string | undefined): RouterFamily | undefined {
  if (value === undefined) {
    return undefined;
  }
  const family = RouterFamilySchema.safeParse(value);
  if (!family.success) {
    throw new UsageError(`--router must be one of ${ROUTER_FAMILIES.join(', ')}, got '${value}'`);
  }
  return family.data;
}

function outcomeText(probe: ResolverProbe): string {
  const outcomes = en.dns.evidence.outcome;
  return fillTemplate(outcomes[probe.outcome], {
    addresses: probe.addresses.join(', '),
    error: probe.error ?? '',
  });
}

function verdictText(report: DnsReport): { title: string; description: string } {
  const guide = verdictGuide(report);
  return {
    title: english(guide.title),
    description: [guide.description, ...guide.notes].map(english).join(' '),
  };
}

function routerText(report: DnsReport): string[] {
  return routerGuide(
    report.router,
    (family) => en.dns.family[family],
    (source) => en.dns.routerInfo.source[source],
  ).map(english);
}

function planText(plan: DnsFixPlan, report: DnsReport): { title: string; steps: string[] } {
  const guide = planGuide(plan, report);
  const steps = [...guide.steps, ...guide.notes].map(english);
  if (plan.kind === 'this-device') {
    steps.push(
      plan.automatic ? 'iotbox dns <name> --fix this-device' : en.dns.plans['this-device'].manual,
    );
  }
  if (plan.kind === 'other-devices') {
    steps.push(
      ...DEVICE_GUIDES.map(
        (guide) => `${en.dns.guides[guide].title}: ${en.dns.guides[guide].steps}`,
      ),
    );
  }
  if (plan.kind === 'hosts-file') {
    steps.push(plan.hostsLine ?? '');
  }
  return { title: english(guide.title), steps };
}

function reportJson(report: DnsReport) {
  return {
    name: report.name,
    hash: report.hash,
    verdict: report.verdict,
    expectedIp: report.expectedIp,
    publishedAddresses: report.publishedAddresses,
    ...verdictText(report),
    resolvers: report.probes.map((probe) => ({
      roles: probe.roles,
      address: probe.address,
      outcome: probe.outcome,
      answer: probe.addresses,
      error: probe.error,
      errno: probe.errno,
      timeMs: probe.ms,
    })),
    basis: report.basis,
    outboundDnsBlocked: report.outboundDnsBlocked,
    boxReached: report.boxReached,
    router: { ...report.router, summary: routerText(report) },
    durationMs: report.durationMs,
    checkedAt: report.checkedAt,
  };
}

function humanReport(report: DnsReport): string[] {
  const verdict = verdictText(report);
  const roles = en.dns.evidence.role;
  const lines = [
    `${report.name} → ${report.expectedIp}`,
    '',
    `${report.verdict === 'ok' ? '✔' : '✘'} ${verdict.title} [${report.verdict}]`,
    `  ${verdict.description}`,
    '',
  ];
  for (const probe of report.probes) {
    const who = probe.roles.map((role) => roles[role]).join(' / ');
    lines.push(
      `  ${who.padEnd(28)} ${probe.address.padEnd(24)} ${outcomeText(probe)} (${probe.ms} ms)`,
    );
  }
  lines.push('', ...routerText(report).map((line) => `  ${line}`));
  if (report.router.adminUrl !== null) {
    lines.push(`  ${en.dns.routerInfo.open}: ${report.router.adminUrl}`);
  }
  lines.push('', `  ${fillTemplate(en.dns.checked, { ms: report.durationMs })}`);
  return lines;
}

function changeLines(summary: DnsJournalSummary): string[] {
  const results = en.dns.change.results;
  return [
    ...(summary.results ?? []).map(
      (result) => `  ${fillTemplate(results[result.outcome], { label: result.label })}`,
    ),
    `  ${summary.state} (${summary.method}, ${summary.servers.join(' ') || '-'})`,
    ...summary.adapters.map(
      (adapter) =>
        `    ${adapter.label}: IPv4 ${adapter.ipv4.mode} ${adapter.ipv4.servers.join(' ') || '-'}` +
        (adapter.ipv6
          ? `; IPv6 ${adapter.ipv6.mode} ${adapter.ipv6.servers.join(' ') || '-'}`
          : ''),
    ),
  ];
}

function recheckLine(recheck: DnsRecheck): string {
  const texts = en.dns.recheck;
  if (!recheck.resolves) {
    return texts.dnsFailed;
  }
  return recheck.https.status === 'ok'
    ? texts.ok
    : recheck.https.status === 'failed'
      ? `${texts.httpsFailed} (${recheck.https.code ?? '?'})`
      : texts.dnsOnly;
}

async function restore(services: DnsServices, io: CliIo, json: boolean, signal: AbortSignal) {
  const result = await services.change.restore(signal);
  if (!result.ok) {
    // Each connection's result, when the restore got that far.
    const journal = await services.change.current();
    if (!json && journal.ok && journal.value?.results) {
      io.stderr([...changeLines(journal.value), ''].join('\n'));
    }
    return printFailure(io, json, result.error);
  }
  if (json) {
    io.stdout(`${JSON.stringify({ ok: true, change: result.value }, null, 2)}\n`);
  } else {
    io.stdout([en.dns.change.restored, ...changeLines(result.value), ''].join('\n'));
  }
  return EXIT_OK;
}

async function forget(services: DnsServices, io: CliIo, json: boolean) {
  const result = await services.change.forget();
  if (!result.ok) {
    return printFailure(io, json, result.error);
  }
  io.stdout(
    json ? `${JSON.stringify({ ok: true }, null, 2)}\n` : `${en.settings.dnsUndo.forgotten}\n`,
  );
  return EXIT_OK;
}

export const dnsCommand: CliCommand = {
  usage: USAGE,
  async run(argv, io, signal) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean' },
        ...REFERENCE_FLAGS,
        plan: { type: 'boolean' },
        fix: { type: 'string' },
        router: { type: 'string' },
        restore: { type: 'boolean' },
        forget: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    const json = values.json === true;
    const dns = referenceOptions(values, io.env);
    const router = parseRouter(values.router);
    if (values.fix !== undefined && values.fix !== 'this-device') {
      throw new UsageError(`--fix takes 'this-device', got '${values.fix}'`);
    }
    if (values.fix !== undefined && dns.references?.some((server) => server.port !== 53)) {
      throw new UsageError('--fix this-device needs --reference-dns servers on port 53');
    }
    if (positionals.length > 1) {
      throw new UsageError(`expected one box or host name, got ${positionals.length}`);
    }
    const target = positionals[0];
    const undoing = values.restore === true || values.forget === true;
    if (values.restore === true && values.forget === true) {
      throw new UsageError('--restore and --forget cannot be combined');
    }
    if (undoing && (values.fix !== undefined || values.plan === true)) {
      throw new UsageError(
        `${values.restore === true ? '--restore' : '--forget'} cannot be combined with --fix or --plan`,
      );
    }
    if (target === undefined && !undoing) {
      throw new UsageError('missing <box-or-hostname> (see iotbox dns --help)');
    }
    if (target !== undefined && !parseBoxDnsName(target) && boxAddressOf(target) === null) {
      throw new UsageError(
        `<box-or-hostname> must be <a-b-c-d>.<hash>.odoo-iot.com or the box's IP/URL, got '${target}'`,
      );
    }
    const services = await createCliCore(
      io,
      {
        dnsJournal: createDnsJournalStore(defaultDataDir(io.env)),
        events: {
          emit: (channel) => {
            // The administrator prompt may take a while to be noticed: say that it is waiting.
            if (channel === 'dns:prompt-waiting') {
              io.stderr(`${en.dns.change.promptWaiting}\n`);
            }
          },
        },
      },
      { dns },
    ).services.dns();
    if (values.restore === true) {
      return restore(services, io, json, signal);
    }
    if (values.forget === true) {
      return forget(services, io, json);
    }
    const diagnosed = await services.diagnosis.diagnose({ target: target ?? '' }, signal);
    if (!diagnosed.ok) {
      return printFailure(io, json, diagnosed.error);
    }
    // The JSON always carries the ordered plan; the text lists it with --plan.
    const planned = await services.plans(diagnosed.value, router);
    const report = { ...diagnosed.value, router: planned.router };
    const plans = json || values.plan === true || values.fix !== undefined ? planned.plans : null;
    let change: DnsJournalSummary | null = null;
    let recheck: DnsRecheck | null = null;
    let changeFailure: Failure | null = null;
    if (values.fix !== undefined && report.verdict !== 'ok') {
      const plan = plans?.find((candidate) => candidate.kind === 'this-device');
      if (!plan?.automatic) {
        changeFailure = { code: 'dns-change-unsupported', detail: `not for ${report.verdict}` };
      } else {
        const applied = await services.change.apply(
          {
            name: report.name,
            expectedIp: report.expectedIp,
            servers: await services.fixServers(),
          },
          signal,
        );
        if (applied.ok) {
          // The technician asked for it and the name now resolves: that is the confirmation.
          const kept = await services.change.confirm(applied.value.id);
          change = kept.ok ? kept.value : applied.value;
          recheck = await services.recheck(report.name, report.expectedIp, signal);
        } else {
          changeFailure = applied.error;
        }
      }
    }
    const fixed = recheck?.resolves === true;
    const success = report.verdict === 'ok' || fixed;
    if (json) {
      io.stdout(
        `${JSON.stringify(
          {
            ok: success,
            ...reportJson(report),
            ...(plans === null
              ? {}
              : {
                  plans: plans.map((plan) => ({ ...plan, ...planText(plan, report) })),
                }),
            ...(values.fix === undefined
              ? {}
              : {
                  change,
                  recheck,
                  changeError: changeFailure
                    ? { code: changeFailure.code, detail: changeFailure.detail ?? null }
                    : null,
                }),
          },
          null,
          2,
        )}\n`,
      );
    } else {
      const lines = humanReport(report);
      if (plans !== null && values.plan === true) {
        lines.push('', `${en.dns.plans.title}:`);
        if (plans.length === 0) {
          lines.push(`  ${en.dns.plans.none}`);
        }
        plans.forEach((plan, index) => {
          const described = planText(plan, report);
          lines.push(`  ${index + 1}. ${described.title}`);
          described.steps.filter(Boolean).forEach((step) => lines.push(`     ${step}`));
        });
      }
      if (change) {
        lines.push('', en.dns.change.confirmed, ...changeLines(change));
      }
      if (recheck) {
        lines.push(
          '',
          `${recheck.reachable ? '✔' : recheck.resolves ? '~' : '✘'} ${recheckLine(recheck)}`,
        );
      }
      io.stdout(`${lines.join('\n')}\n`);
      if (changeFailure) {
        printFailure(io, false, changeFailure);
      }
    }
    return success ? EXIT_OK : EXIT_PROBLEM;
  },
};
