import { describe, expect, it } from 'vitest';

import { createNodeNetworkInfo } from '../../../../../electron/core/adapters/node-network-info';
import type { CommandRequest, CommandResult } from '../../../../../electron/core/ports';

/** A Windows computer that answers every command with `stdout`, recording what was launched. */
function windows(stdout: string) {
  const calls: CommandRequest[] = [];
  const info = createNodeNetworkInfo({
    platform: 'win32',
    env: {},
    resolvConfPath: '/etc/resolv.conf',
    command: {
      run: (request): Promise<CommandResult> => {
        calls.push(request);
        return Promise.resolve({ code: 0, stdout, stderr: '' });
      },
    },
  });
  return { info, calls };
}

const SYSTEM32 = /^[A-Za-z]:\\.*\\System32\\/;
const signal = new AbortController().signal;

describe('Windows tools are launched by their absolute System32 path, never by bare name', () => {
  it('the default gateway: PowerShell', async () => {
    const { info, calls } = windows('192.168.1.1\r\n');
    expect(await info.defaultGateway(signal)).toBe('192.168.1.1');
    expect(calls[0]?.file).toMatch(
      /^[A-Za-z]:\\.*\\System32\\WindowsPowerShell\\v1\.0\\powershell\.exe$/,
    );
  });

  it("the router's MAC address: arp", async () => {
    const { info, calls } = windows(
      [
        '',
        'Interface: 192.168.1.20 --- 0xb',
        '  Internet Address      Physical Address      Type',
        '  192.168.1.1           3c-a6-2f-12-34-56     dynamic',
        '',
      ].join('\r\n'),
    );
    expect(await info.gatewayMac('192.168.1.1', signal)).toBe('3c:a6:2f:12:34:56');
    expect(calls.map((call) => [call.file, call.args])).toEqual([
      [expect.stringMatching(SYSTEM32), ['-a', '192.168.1.1']],
    ]);
    expect(calls[0]?.file).toMatch(/\\System32\\arp\.exe$/i);
  });
});
