import { open, readFile } from 'node:fs/promises';

import type { TextFilePort } from '../ports';

export function createNodeTextFile(): TextFilePort {
  return {
    async read(path) {
      try {
        return await readFile(path, 'utf8');
      } catch {
        return null;
      }
    },
    async writeInPlace(path, content) {
      // 'r+' then truncate: the inode stays, so a bind-mounted /etc/resolv.conf keeps working.
      const handle = await open(path, 'r+');
      try {
        await handle.truncate(0);
        await handle.write(content, 0, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}
