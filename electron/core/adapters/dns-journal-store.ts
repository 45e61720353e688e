import { join } from 'node:path';

import type { DnsJournalStore, JournalKeyPort } from '../ports';
import { createFileLock } from './file-lock';
import { createJsonFile } from './json-file';
import { createJournalKeyFile } from './journal-key-file';

/** The DNS change journal in `dataDir`, with its lock and (unless given) a key file beside it. */
export function createDnsJournalStore(dataDir: string, key?: JournalKeyPort): DnsJournalStore {
  return {
    file: createJsonFile(join(dataDir, 'dns-journal.json')),
    lock: createFileLock(join(dataDir, 'dns-change.lock')),
    key: key ?? createJournalKeyFile(join(dataDir, 'dns-journal.key')),
  };
}
