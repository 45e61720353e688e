import { request } from 'node:http';

import { describe, expect, it } from 'vitest';

import { runCli } from '../../electron/cli/run-cli';

/*
 * `iotbox check-device` in-process: usage errors exit 2 before anything listens; a run prints
 * the address, waits for one result and exits 0 only when the device reached the box securely.
 * The "device" here posts like the page does (the real page in a real browser is the lab test).
 */

const NAME = '127-0-88-9.c0ffee42.odoo-iot.com';

function start(argv: string[], tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  const done = runCli(
    argv,
    {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      env: {},
      stdoutIsTty: tty,
    },
    controller.signal,
  );
  return {
    done,
    controller,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

function http(
  url: string,
  method: string,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method,
        headers: {
          'User-Agent': 'Mozilla/5.0 (Linux; Android 14; SM-X200) Chrome/142.0.0.0 Safari/537.36',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Plays the device: opens the page, then posts what a browser would have seen. */
async function device(url: string, probes: Record<string, unknown>): Promise<number> {
  const page = await http(url, 'GET');
  const token = /"token":"([^"]+)"/.exec(page.body)?.[1] ?? '';
  const reply = await http(
    `${url}/result`,
    'POST',
    JSON.stringify({ token, device: { maxTouchPoints: 0 }, probes }),
  );
  return reply.status;
}

const ping = { outcome: 'ping', ms: 9 };
const none = { outcome: 'none', ms: 2 };
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/[\w-]{22}/;

describe('iotbox check-device', () => {
  it.each([
    [['check-device'], 'missing <box>'],
    [['check-device', 'iotbox.local'], '<box> must be'],
    [['check-device', '192.168.1.20', 'extra'], 'unexpected argument'],
    [['check-device', '192.168.1.20', '--timeout', '0'], '--timeout'],
    [['check-device', '192.168.1.20', '--timeout', '601'], '--timeout'],
    [['check-device', '192.168.1.20', '--timeout', '1.5'], '--timeout'],
    [['check-device', '192.168.1.20', '--listen', 'localhost:80'], '--listen'],
    [['check-device', '192.168.1.20', '--listen', '127.0.0.1:70000'], '--listen'],
    [['check-device', '192.168.1.20', '--wait'], "Unknown option '--wait'"],
  ])('%j → exit 2 (%s)', async (argv, message) => {
    const run = start(argv);
    expect(await run.done).toBe(2);
    expect(run.stderr()).toContain(message);
    expect(run.stdout()).toBe('');
  });

  it('prints the address, waits for one result and exits 0 for a device that reaches the box', async () => {
    const run = start(['check-device', NAME, '--listen', '127.0.0.1', '--json']);
    await expect.poll(() => URL_PATTERN.test(run.stderr())).toBe(true);
    const url = URL_PATTERN.exec(run.stderr())?.[0] ?? '';
    expect(await device(url, { http: ping, name: ping, nameOther: null, https: ping })).toBe(200);
    expect(await run.done).toBe(0);
    const report = JSON.parse(run.stdout()) as Record<string, unknown>;
    expect(report).toMatchObject({
      verdict: 'ok',
      checks: {
        http: { ok: true, detail: 'box' },
        name: { ok: true, detail: 'box' },
        https: { ok: true, detail: 'box' },
      },
      box: { ip: '127.0.88.9', port: 8069, name: NAME },
    });
    expect(typeof report['device']).toBe('string');
    // Only the JSON document goes to stdout; the address and hints went to stderr.
    expect(run.stderr()).toContain('Payment terminals');
  });

  it('exits 1 with the verdict and the fix for a device whose DNS hides the name', async () => {
    const run = start(['check-device', '127.0.88.9:8069', '--listen', '127.0.0.1'], false);
    // Without a name the CLI reads it from the box's certificate: nothing serves one here.
    expect(await run.done).toBe(1);
    expect(run.stderr()).toContain('The box has no secure name yet');

    const named = start(['check-device', NAME, '--listen', '127.0.0.1'], true);
    await expect.poll(() => URL_PATTERN.test(named.stdout())).toBe(true);
    // On a terminal the QR code is drawn with half blocks above the address (a finder's top).
    expect(named.stdout()).toContain('\u2588\u2580\u2580\u2580\u2580\u2580\u2588');
    expect(named.stdout()).not.toContain('\\u001b');
    const url = URL_PATTERN.exec(named.stdout())?.[0] ?? '';
    expect(await device(url, { http: ping, name: none, nameOther: none, https: none })).toBe(200);
    expect(await named.done).toBe(1);
    expect(named.stdout()).toContain("This device's DNS hides the box's name [name-blocked]");
    expect(named.stdout()).toContain('Result for Chrome on Android');
    expect(named.stdout()).toContain('Use secure DNS');
    expect(named.stdout()).toContain('Android: Settings, Network & internet, Private DNS');
  });

  it('exits 1 when the time runs out, with nothing left listening', async () => {
    const run = start(['check-device', NAME, '--listen', '127.0.0.1', '--timeout', '1', '--json']);
    expect(await run.done).toBe(1);
    const url = URL_PATTERN.exec(run.stderr())?.[0] ?? '';
    expect(JSON.parse(run.stdout())).toEqual({ verdict: null, reason: 'expired', url });
    await expect(http(url, 'GET')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('Ctrl-C closes the page and exits 1', async () => {
    const run = start(['check-device', NAME, '--listen', '127.0.0.1']);
    await expect.poll(() => URL_PATTERN.test(run.stdout())).toBe(true);
    run.controller.abort();
    expect(await run.done).toBe(1);
    const url = URL_PATTERN.exec(run.stdout())?.[0] ?? '';
    await expect(http(url, 'GET')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
