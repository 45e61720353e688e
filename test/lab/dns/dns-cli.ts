import { join } from 'node:path';

import { LAB_ADDRESSES, REPO_ROOT, type LabLan } from '../netns';

const CLI = join(REPO_ROOT, 'out/main/cli.js');
const GUARD = join(REPO_ROOT, 'test/setup/network-guard.ts');

/**
 * `iotbox dns <name> --json` in the lab's pc namespace, under the same network guard as the tests,
 * with the lab's public DNS as the only reference and DoH off.
 */
export async function labDnsJson<T>(
  lan: LabLan,
  name: string,
): Promise<{ code: number | null; report: T; stderr: string }> {
  const result = await lan.exec(
    'pc',
    [
      process.execPath,
      '--import',
      'tsx',
      '--import',
      GUARD,
      CLI,
      'dns',
      name,
      '--json',
      '--reference-dns',
      LAB_ADDRESSES.publicDns,
      '--doh',
      'off',
    ],
    { timeoutMs: 30_000, env: { IOTBOX_DATA_DIR: lan.tmpDir } },
  );
  return { code: result.code, report: JSON.parse(result.stdout) as T, stderr: result.stderr };
}
