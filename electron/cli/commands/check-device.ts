import { isIPv4 } from 'node:net';
import { parseArgs } from 'node:util';

import { DEVICE_CHECK_MAX_MS } from '../../core/device-check/device-check-service';
import { parseBoxDnsName } from '../../core/odoo-iot-name';
import type { EventChannel, EventPayload } from '../../shared/contract';
import { createCliCore } from '../cli-core';
import en from '../../shared/locales/en.json';
import { qrMatrix, qrTerminalLines } from '../../shared/qr';
import type { DeviceCheckItem, DeviceInfo, DeviceReport } from '../../shared/schemas/device-check';
import { deviceFixes } from '../../shared/device-fix';
import { boxTargetArgument, fillTemplate, printFailure } from '../cli-output';
import type { CliCommand } from '../cli-command';
import { EXIT_OK, EXIT_PROBLEM, UsageError, type CliIo } from '../io';

const USAGE = `Usage: iotbox check-device <box> [--listen IP[:PORT]] [--timeout SECONDS] [--json]

Checks that another device (the tablet, phone or till PC that runs Odoo's point of sale) reaches
the box securely. Prints an address (and a QR code on a terminal) to open on that device; a page
there checks the box by IP over HTTP, by its odoo-iot.com name, and over HTTPS by name, the way the
point of sale does, and sends the result back. Waits for one result, then prints the verdict for
that device: ok, name-blocked, wrong-address, certificate-untrusted or box-unreachable.

  <box>                the box's IP or URL (its name is read from the certificate it serves),
                       or its <ip-dashes>.<hash>.odoo-iot.com name
  --listen IP[:PORT]   serve the page on this address of this computer (default: the address
                       on the box's network, any free port)
  --timeout SECONDS    how long the address stays open (1–600, default 600)
  --json               print one JSON document (the address goes to stderr)

The page server listens only until the result arrives or the time runs out; its address carries
a random secret and works once. Your firewall may ask to allow incoming connections.
Exit codes: 0 the device reaches the box securely, 1 it does not (or no result came), 2 bad usage.`;

type Box = { readonly ip: string; readonly port: number; readonly name: string | null };

const BOX_KINDS = 'an IPv4 address, a URL or an odoo-iot.com name';

function parseBox(positionals: readonly string[]): Box {
  const { ref, target } = boxTargetArgument(positionals, BOX_KINDS);
  const named = parseBoxDnsName(ref);
  if (named !== null) {
    return { ip: named.ip, port: 8069, name: named.name };
  }
  if (!isIPv4(target.host)) {
    throw new UsageError(`<box> must be ${BOX_KINDS}, got '${ref}'`);
  }
  return { ip: target.host, port: target.port, name: null };
}

function parseListen(value: string | undefined): { address: string; port: number } | undefined {
  if (value === undefined) {
    return undefined;
  }
  const match = /^([\d.]+)(?::(\d{1,5}))?$/.exec(value);
  const port = match?.[2] === undefined ? 0 : Number(match[2]);
  if (!match?.[1] || !isIPv4(match[1]) || port > 65_535) {
    throw new UsageError(`--listen must be IP or IP:PORT, got '${value}'`);
  }
  return { address: match[1], port };
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) {
    return DEVICE_CHECK_MAX_MS;
  }
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 1 || seconds > DEVICE_CHECK_MAX_MS / 1000) {
    throw new UsageError(`--timeout must be a number of seconds from 1 to 600, got '${value}'`);
  }
  return seconds * 1000;
}

export function deviceLabel(device: DeviceInfo): string {
  const texts = en.deviceCheck;
  return fillTemplate(texts.device, {
    browser: texts.browser[device.browser],
    os: texts.os[device.os],
  });
}

function itemText(check: DeviceCheckItem): string {
  return fillTemplate(en.deviceCheck.detail[check.detail], {
    ms: check.ms,
    seconds: Math.round(check.ms / 1000),
  });
}

/** The fix lines for the device (English, as the rest of the CLI). */
export function fixLines(report: DeviceReport): string[] {
  const texts = en.deviceCheck;
  return deviceFixes(report).flatMap((fix) => {
    switch (fix.kind) {
      case 'verdict':
        return [texts.fix[fix.verdict]];
      case 'secure-dns':
        return [fillTemplate(texts.fix.secureDns, { browser: texts.browser[fix.browser] })];
      case 'guide':
        return [`${en.dns.guides[fix.guide].title}: ${en.dns.guides[fix.guide].steps}`];
      case 'lna':
        return [texts.lna.title, texts.lna.prompt, texts.lna.allow, texts.lna.reallow];
    }
  });
}

function reportJson(report: DeviceReport) {
  const entry = en.deviceCheck.verdict[report.verdict];
  return {
    device: report.device.userAgent,
    os: report.device.os,
    browser: report.device.browser,
    browserVersion: report.device.browserVersion,
    verdict: report.verdict,
    title: entry.title,
    description: fillTemplate(entry.description, { name: report.box.name, ip: report.box.ip }),
    checks: report.checks,
    fix: fixLines(report),
    box: report.box,
    checkedAt: report.checkedAt,
  };
}

function humanReport(report: DeviceReport): string[] {
  const entry = en.deviceCheck.verdict[report.verdict];
  const lines = [
    fillTemplate(en.deviceCheck.resultFor, { device: deviceLabel(report.device) }),
    ...(report.device.userAgent === '' ? [] : [`  ${report.device.userAgent}`]),
    '',
    `${report.verdict === 'ok' ? '✔' : '✘'} ${entry.title} [${report.verdict}]`,
    `  ${fillTemplate(entry.description, { name: report.box.name, ip: report.box.ip })}`,
    '',
  ];
  for (const key of ['http', 'name', 'https'] as const) {
    const check = report.checks[key];
    lines.push(
      `  ${check.ok ? '✔' : '✘'} ${en.deviceCheck.check[key].padEnd(34)} ${itemText(check)}`,
    );
  }
  lines.push(
    '',
    `${en.deviceCheck.fix.title}:`,
    ...fixLines(report).map((line) => `  ${line}`),
    '',
  );
  return lines;
}

export const checkDeviceCommand: CliCommand = {
  usage: USAGE,
  async run(argv, io: CliIo, signal) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean' },
        listen: { type: 'string' },
        timeout: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
    const json = values.json === true;
    const box = parseBox(positionals);
    const listen = parseListen(values.listen);
    const timeoutMs = parseTimeout(values.timeout);
    const say = json ? io.stderr : io.stdout;
    const service = await createCliCore(io, {
      events: {
        emit<E extends EventChannel>(channel: E, payload: EventPayload<E>) {
          if (channel === 'device-check:opened' && 'device' in payload) {
            say(
              `${fillTemplate(en.deviceCheck.opened, { device: deviceLabel(payload.device) })}\n`,
            );
          }
        },
      },
    }).services.deviceCheck();
    const started = await service.start(
      box,
      { timeoutMs, ...(listen === undefined ? {} : { listen }) },
      signal,
    );
    if (!started.ok) {
      return printFailure(io, json, started.error);
    }
    const session = started.value;
    const ended = service.ended(session.id);
    const stop = () => void service.stop(session.id);
    signal.addEventListener('abort', stop, { once: true });
    const qr = !json && io.stdoutIsTty === true ? qrTerminalLines(qrMatrix(session.url)) : [];
    say(
      [
        en.deviceCheck.intro,
        '',
        ...qr,
        ...(qr.length > 0 ? [''] : []),
        `  ${session.url}`,
        '',
        en.deviceCheck.onlyThese,
        en.deviceCheck.firewall,
        fillTemplate(en.deviceCheck.expires, {
          time: new Date(session.expiresAt).toLocaleTimeString(),
        }),
        en.deviceCheck.waiting,
        '',
      ].join('\n'),
    );
    const end = ended === null ? null : await ended;
    signal.removeEventListener('abort', stop);
    if (end?.report == null) {
      const reason = end?.reason ?? 'stopped';
      if (json) {
        io.stdout(`${JSON.stringify({ verdict: null, reason, url: session.url }, null, 2)}\n`);
      } else {
        io.stderr(`iotbox: ${reason === 'expired' ? en.deviceCheck.expired : 'stopped'}\n`);
      }
      return EXIT_PROBLEM;
    }
    const report = end.report;
    io.stdout(
      json ? `${JSON.stringify(reportJson(report), null, 2)}\n` : humanReport(report).join('\n'),
    );
    return report.verdict === 'ok' ? EXIT_OK : EXIT_PROBLEM;
  },
};
