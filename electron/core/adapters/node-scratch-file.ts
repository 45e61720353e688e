import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ScratchFilePort } from '../ports';

/** Batch files in a fresh folder under the OS temp directory, readable only by this user. */
export function createNodeScratchFile(): ScratchFilePort {
  return {
    async write(content) {
      const folder = await mkdtemp(join(tmpdir(), 'iotbox-dns-'));
      const path = join(folder, 'batch.ps1');
      await writeFile(path, content, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
      return { path, remove: () => rm(folder, { recursive: true, force: true }) };
    },
  };
}
