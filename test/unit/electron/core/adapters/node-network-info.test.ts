import { describe, expect, it } from 'vitest';

import { createNodeNetworkInfo } from '../../../../../electron/core/adapters/node-network-info';
import type { CommandRequest } from '../../../../../electron/core/ports';

describe('default gateway on Windows', () => {
  it('asks PowerShell by its absolute System32 path, never by bare name', async () => {
    const calls: CommandRequest[] = [];
    const info = createNodeNetworkInfo({
      platform: 'win32',
      command: {
        run: (request) => {
          calls.push(request);
          return Promise.resolve({ code: 0, stdout: '192.168.1.1\r\n', stderr: '' });
        },
      },
    });
    expect(await info.defaultGateway(new AbortController().signal)).toBe('192.168.1.1');
    expect(calls[0]?.file).toMatch(
      /^[A-Za-z]:\\.*\\System32\\WindowsPowerShell\\v1\.0\\powershell\.exe$/,
    );
  });
});
