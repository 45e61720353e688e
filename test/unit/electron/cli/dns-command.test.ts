import { describe, expect, it } from 'vitest';

import { runCli } from '../../../../electron/cli/run-cli';

// Bad command lines are refused with exit 2 and a message naming the argument — before any
// resolver is asked (nothing here could reach a DNS server: the parse fails first).

function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return runCli(argv, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { IOTBOX_DATA_DIR: '/nonexistent/iotbox-cli-test', ...env },
  }).then((code) => ({ code, stdout: out.join(''), stderr: err.join('') }));
}

describe('iotbox dns: usage', () => {
  it.each([
    [['dns'], 'missing <box-or-hostname>'],
    [['dns', 'example.com'], '<box-or-hostname>'],
    [['dns', 'a.odoo-iot.com', 'b.odoo-iot.com'], 'expected one box'],
    [
      ['dns', '192-168-1-143.d73e7513.odoo-iot.com', '--reference-dns', 'dns.google'],
      '--reference-dns',
    ],
    [['dns', '192-168-1-143.d73e7513.odoo-iot.com', '--doh', 'ftp://x'], '--doh'],
    [['dns', '192-168-1-143.d73e7513.odoo-iot.com', '--fix', 'router'], '--fix'],
    [
      [
        'dns',
        '192-168-1-143.d73e7513.odoo-iot.com',
        '--fix',
        'this-device',
        '--reference-dns',
        '127.0.0.1:5301',
      ],
      'port 53',
    ],
    [['dns', '--restore', '--plan'], '--restore'],
    [['dns', '--forget', '--fix', 'this-device'], '--forget'],
    [['dns', '--restore', '--forget'], '--restore and --forget'],
    [['dns', '192-168-1-143.d73e7513.odoo-iot.com', '--bogus'], '--bogus'],
    [['dns', '192-168-1-143.d73e7513.odoo-iot.com', '--router', 'linksys'], '--router'],
  ])('%j → exit 2 naming %s', async (argv, named) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(named);
    expect(result.stdout).toBe('');
  });

  it.each([
    [{ IOTBOX_REFERENCE_DNS: '9.9.9.9, dns.google' }, 'IOTBOX_REFERENCE_DNS'],
    [{ IOTBOX_DOH: 'ftp://doh.test' }, 'IOTBOX_DOH'],
  ])('a bad %j is refused like a bad option, before anything is asked', async (env, named) => {
    for (const command of ['dns', 'doctor']) {
      const result = await run([command, '192-168-1-143.d73e7513.odoo-iot.com'], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(named);
    }
  });

  it('prints its help with the verdicts and options', async () => {
    const result = await run(['dns', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--fix this-device');
    expect(result.stdout).toContain('reference-unreachable');
  });
});
