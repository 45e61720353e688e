import { open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { mkdir } from 'node:fs/promises';

import { z } from 'zod';

import type { ChangeLockPort } from '../ports';
import { isNodeError } from './json-file';

const LockSchema = z.object({ pid: z.number().int(), host: z.string(), at: z.number() });

/** A lock older than this is taken over: no DNS change waits that long, prompt included. */
const STALE_MS = 15 * 60_000;
/**
 * The holder creates the file, then writes its record: until then the file is empty. Only an
 * unreadable record older than this is a writer that died halfway; a younger one is being written.
 */
const HALF_WRITTEN_MS = 30_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isNodeError(error) && error.code === 'EPERM';
  }
}

/**
 * A lock file created with O_EXCL (`wx`): exactly one process can hold it. A lock left by a
 * process that died (same host, PID gone) or that is older than any change can take is removed
 * and taken over.
 */
export function createFileLock(
  path: string,
  options: { readonly now?: () => number; readonly staleMs?: number } = {},
): ChangeLockPort {
  const now = options.now ?? Date.now;
  const halfWrittenLongAgo = async (): Promise<boolean> => {
    const info = await stat(path).catch(() => null);
    return info === null || now() - info.mtimeMs > HALF_WRITTEN_MS;
  };
  const stale = async (): Promise<boolean> => {
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) {
      return true;
    }
    let holder: z.infer<typeof LockSchema>;
    try {
      const parsed = LockSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        return halfWrittenLongAgo();
      }
      holder = parsed.data;
    } catch {
      return halfWrittenLongAgo();
    }
    if (now() - holder.at > (options.staleMs ?? STALE_MS)) {
      return true;
    }
    return holder.host === hostname() && !alive(holder.pid);
  };
  const take = async (): Promise<boolean> => {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), at: now() }));
      } finally {
        await handle.close();
      }
      return true;
    } catch (error) {
      if (isNodeError(error) && error.code === 'EEXIST') {
        return false;
      }
      throw error;
    }
  };
  return {
    async acquire() {
      await mkdir(dirname(path), { recursive: true });
      if (!(await take())) {
        if (!(await stale())) {
          return null;
        }
        await rm(path, { force: true });
        if (!(await take())) {
          return null;
        }
      }
      let released = false;
      return async () => {
        if (!released) {
          released = true;
          await rm(path, { force: true });
        }
      };
    },
  };
}
