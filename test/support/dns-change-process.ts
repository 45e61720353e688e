import { access } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import { silentLog } from '../../electron/core/adapters/console-log';
import { createDnsJournalStore } from '../../electron/core/adapters/dns-journal-store';
import { createNodeTextFile } from '../../electron/core/adapters/node-text-file';
import { DnsChangeService } from '../../electron/core/dns/dns-config/dns-change-service';
import { createResolvConfBackend } from '../../electron/core/dns/dns-config/linux-resolv-conf';
import { createDirectRunner } from '../../electron/core/dns/dns-config/step-runners';

/*
 * One process that changes "this computer's" DNS, as the app or the CLI would: a resolv.conf
 * (a scratch copy) rewritten through the real journal store and its lock file. It prints
 * `{"verifying":true}` once its change is applied and it checks the name, waits there until the
 * file named by --release exists (so a test holds it mid-change), then prints its result.
 */

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'resolv-conf': { type: 'string' },
    release: { type: 'string' },
    server: { type: 'string' },
  },
  strict: true,
});
const [dataDir, resolvConf, release, server] = [
  values['data-dir'],
  values['resolv-conf'],
  values.release,
  values.server,
];
if (!dataDir || !resolvConf || !release || !server) {
  throw new Error('usage: --data-dir DIR --resolv-conf FILE --release FILE --server IP');
}

const IP = '192.168.1.143';
const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};

const files = createNodeTextFile();
const changes = new DnsChangeService({
  config: () =>
    Promise.resolve({
      backend: createResolvConfBackend({ files, path: resolvConf }),
      runner: createDirectRunner({
        command: { run: () => Promise.reject(new Error('no commands here')) },
        files,
      }),
    }),
  store: createDnsJournalStore(dataDir),
  lookup: {
    async lookup() {
      print({ verifying: true });
      // Held here, lock taken and change applied, until the test lets go.
      while (
        !(await access(release).then(
          () => true,
          () => false,
        ))
      ) {
        await delay(20);
      }
      return { ok: true, addresses: [IP] };
    },
  },
  log: silentLog,
});
const result = await changes.apply(
  {
    name: '192-168-1-143.d73e7513.odoo-iot.com',
    expectedIp: IP,
    servers: { ipv4: [server], ipv6: [] },
  },
  new AbortController().signal,
);
print(result.ok ? { ok: true, id: result.value.id } : { ok: false, code: result.error.code });
// The unconfirmed change's rollback timer must not outlive the answer.
process.exit(0);
