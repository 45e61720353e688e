import { readFileSync } from 'node:fs';

import {
  DSCONFIGAD,
  NETWORKSETUP,
  PROFILES,
  SCUTIL,
} from '../../electron/core/dns/dns-config/macos';
import {
  READ_STATE_SCRIPT,
  WindowsStateSchema,
  type WindowsState,
} from '../../electron/core/dns/dns-config/windows';
import { sealOf } from '../../electron/core/dns/dns-config/journal-seal';
import { windowsTools } from '../../electron/core/dns/dns-config/windows-tools';
import type {
  CommandPort,
  CommandRequest,
  CommandResult,
  JsonFilePort,
} from '../../electron/core/ports';
import type { DnsJournalStore, TextFilePort } from '../../electron/core/ports';

/*
 * Simulated computers for the DNS change tests. Each holds its state as the OS does (Windows: the
 * per-interface registry NameServer values keyed by GUID; macOS: the configured DNS list per
 * service ID) and answers the exact commands the backends send, so a test can change the machine
 * between apply and restore (an adapter renumbered, unplugged or added) and check the result.
 */

export const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/dns/${name}`, import.meta.url), 'utf8');

export const TOOLS = windowsTools({ SystemRoot: 'C:\\Windows' });

/** A CommandPort answering from fixtures by exact argv (and stdin), recording every call. */
export function scripted(
  answers: Record<string, string>,
): CommandPort & { calls: CommandRequest[] } {
  const calls: CommandRequest[] = [];
  return {
    calls,
    run(request): Promise<CommandResult> {
      calls.push(request);
      const key = [request.file, ...request.args, ...(request.input ? [request.input] : [])].join(
        ' ',
      );
      const stdout = answers[key];
      return Promise.resolve(
        stdout === undefined
          ? { code: 1, stdout: '', stderr: `unexpected: ${key}` }
          : { code: 0, stdout, stderr: '' },
      );
    },
  };
}

/** Files read from `entries`; writes are accepted and dropped. */
export function files(entries: Record<string, string>): TextFilePort {
  return {
    read: (path) => Promise.resolve(entries[path] ?? null),
    writeInPlace: () => Promise.resolve(),
  };
}

/** The kernel's routing tables of a Linux PC whose default route is on enp0s31f6. */
export const kernel = files({
  '/proc/net/route': fixture('linux-proc-net-route.txt'),
  '/proc/net/ipv6_route': fixture('linux-proc-net-ipv6-route.txt'),
});

const done = (stdout: string, code = 0, stderr = ''): Promise<CommandResult> =>
  Promise.resolve({ code, stdout, stderr });

/** A Windows PC: the read script answers from `state`; netsh set/add change it. */
export class FakeWindows implements CommandPort {
  state: WindowsState;
  readonly calls: CommandRequest[] = [];
  /** netsh calls (1-based) that fail; others succeed. */
  failNetshAt = new Set<number>();
  #netsh = 0;

  constructor(fixtureName: string) {
    this.state = WindowsStateSchema.parse(JSON.parse(fixture(fixtureName)));
  }

  adapter(guid: string) {
    return this.state.adapters.find((adapter) => adapter.guid === guid);
  }

  run(request: CommandRequest): Promise<CommandResult> {
    this.calls.push(request);
    if (request.file === TOOLS.powershell && request.args.at(-1) === READ_STATE_SCRIPT) {
      return done(JSON.stringify(this.state));
    }
    if (request.file === TOOLS.ipconfig) {
      return done('');
    }
    if (request.file !== TOOLS.netsh) {
      return done('', 1, `unexpected: ${request.file}`);
    }
    this.#netsh += 1;
    if (this.failNetshAt.has(this.#netsh)) {
      return done('', 1, 'netsh failed');
    }
    const [, family, verb, , ...rest] = request.args;
    const option = (name: string) =>
      rest.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
    const adapter = this.state.adapters.find((entry) => String(entry.index) === option('name'));
    if (!adapter) {
      return done('', 1, 'The interface is unknown.');
    }
    const key = family === 'ipv6' ? 'static6' : 'static4';
    const servers = family === 'ipv6' ? 'servers6' : 'servers4';
    if (verb === 'set') {
      if (option('source') === 'dhcp') {
        adapter[key] = '';
        adapter[servers] = family === 'ipv6' ? ['fec0:0:0:ffff::1%1'] : ['192.168.178.1'];
      } else {
        const address = option('address') ?? 'none';
        adapter[key] = address === 'none' ? '' : address;
        adapter[servers] = address === 'none' ? [] : [address];
      }
      const register = option('register');
      if (register !== undefined) {
        adapter.register = register !== 'none';
        adapter.registerSuffix = register === 'both';
      }
    } else if (verb === 'add') {
      const list = adapter[key] === '' ? [] : adapter[key].split(',');
      list.splice(Number(option('index') ?? list.length + 1) - 1, 0, option('address') ?? '');
      adapter[key] = list.join(',');
      adapter[servers] = list;
    }
    return done('Ok.\r\n');
  }
}

export type MacServiceState = {
  id: string;
  name: string;
  active: boolean;
  vpn: boolean;
  /** Typed-in servers in order; [] = from DHCP. */
  configured: string[];
};

/** A Mac: scutil answers from `services`; networksetup -setdnsservers changes them by name. */
export class FakeMac implements CommandPort {
  services: MacServiceState[];
  primary: string;
  /** The service carrying the IPv6 default route (usually the same). */
  primary6: string;
  mdm = false;
  readonly calls: CommandRequest[] = [];
  /** networksetup -setdnsservers calls (1-based) that fail. */
  failSetAt = new Set<number>();
  setCalls = 0;

  constructor(services: MacServiceState[], primary: string, primary6 = primary) {
    this.services = services.map((service) => ({
      ...service,
      configured: [...service.configured],
    }));
    this.primary = primary;
    this.primary6 = primary6;
  }

  byId(id: string): MacServiceState | undefined {
    return this.services.find((service) => service.id === id);
  }

  #show(key: string): string {
    const global = /^State:\/Network\/Global\/IPv([46])$/.exec(key);
    if (global) {
      return `<dictionary> {\n  PrimaryService : ${global[1] === '6' ? this.primary6 : this.primary}\n}\n`;
    }
    const match = /^(Setup|State):\/Network\/Service\/([^/]+)(\/\w+)?$/.exec(key);
    const service = match ? this.byId(match[2] ?? '') : undefined;
    if (!match || !service) {
      return '  No such key\n';
    }
    const [, store, , sub = ''] = match;
    const list = (servers: readonly string[]) =>
      `<dictionary> {\n  ServerAddresses : <array> {\n${servers.map((server, index) => `    ${index} : ${server}`).join('\n')}\n  }\n}\n`;
    if (store === 'Setup' && sub === '') {
      return `<dictionary> {\n  UserDefinedName : ${service.name}\n}\n`;
    }
    if (store === 'Setup' && sub === '/Interface') {
      return `<dictionary> {\n  Type : ${service.vpn ? 'PPP' : 'Ethernet'}\n}\n`;
    }
    if (store === 'Setup' && sub === '/DNS') {
      return service.configured.length ? list(service.configured) : '  No such key\n';
    }
    if (!service.active) {
      return '  No such key\n';
    }
    if (sub === '/DNS') {
      return list(service.configured.length ? service.configured : ['192.168.1.1']);
    }
    return `<dictionary> {\n  InterfaceName : ${service.vpn ? 'ppp0' : 'en0'}\n}\n`;
  }

  run(request: CommandRequest): Promise<CommandResult> {
    this.calls.push(request);
    if (request.file === SCUTIL) {
      const lines = (request.input ?? '').split('\n').filter((line) => line.trim() !== '');
      return done(
        lines
          .map((line) =>
            line.startsWith('list ')
              ? this.services
                  .map(
                    (service, index) =>
                      `  subKey [${index}] = Setup:/Network/Service/${service.id}\n`,
                  )
                  .join('')
              : this.#show(line.replace(/^show\s+/, '')),
          )
          .join(''),
      );
    }
    if (request.file === PROFILES) {
      return done(`MDM enrollment: ${this.mdm ? 'Yes' : 'No'}\n`);
    }
    if (request.file === DSCONFIGAD) {
      return done('');
    }
    if (request.file !== NETWORKSETUP) {
      return done(''); // cache flushes
    }
    this.setCalls += 1;
    if (this.failSetAt.has(this.setCalls)) {
      return done('', 1, 'failed');
    }
    const [, name, ...servers] = request.args;
    const service = this.services.find((entry) => entry.name === name);
    if (!service) {
      return done('', 4, `${name ?? ''} is not a recognized network service.`);
    }
    service.configured = servers[0] === 'Empty' ? [] : [...servers];
    return done('');
  }
}

/** The journal in memory, with a fixed file key; writes can be made to fail. */
export class MemoryStore implements DnsJournalStore {
  value: unknown = undefined;
  writes = 0;
  /** The n-th write (1-based) fails; 0 = none. */
  failWriteAt = 0;
  held = false;
  readonly file: JsonFilePort = {
    read: () => Promise.resolve(this.value === undefined ? undefined : structuredClone(this.value)),
    write: (value) => {
      this.writes += 1;
      if (this.writes === this.failWriteAt) {
        return Promise.reject(new Error('disk full'));
      }
      this.value = structuredClone(value);
      return Promise.resolve();
    },
  };
  readonly lock = {
    acquire: () => {
      if (this.held) {
        return Promise.resolve(null);
      }
      this.held = true;
      return Promise.resolve(() => {
        this.held = false;
        return Promise.resolve();
      });
    },
  };
  readonly key = {
    key: () => Promise.resolve({ kind: 'file' as const, key: Buffer.alloc(32, 7) }),
  };

  state(): string | undefined {
    return (this.value as { state?: string } | undefined)?.state;
  }
}

export const family = (mode: 'static' | 'automatic', servers: string[]) => ({ mode, servers });

/**
 * A change journal's body as the change service writes it (kept, for `method`), with one adapter
 * whose fields `adapter` overrides: what a test plants to see it obeyed, refused or offered.
 */
export function journalBody(
  method: string,
  adapter: Record<string, unknown> = {},
  file: unknown = null,
): Record<string, unknown> & { readonly id: string } {
  return {
    version: 2,
    id: '0123456789abcdef',
    state: 'confirmed',
    name: '192-168-1-143.d73e7513.odoo-iot.com',
    expectedIp: '192.168.1.143',
    createdAt: '2025-01-01T00:00:00.000Z',
    deadline: null,
    servers: { ipv4: ['8.8.8.8'], ipv6: [] },
    snapshot: {
      method,
      takenAt: '2025-01-01T00:00:00.000Z',
      adapters: [
        {
          id: 'x',
          label: 'x',
          device: null,
          ipv4: family('static', ['192.168.1.1']),
          ipv6: null,
          ordered: null,
          registration: null,
          ...adapter,
        },
      ],
      file,
    },
    reason: null,
    results: null,
  };
}

/** Writes `body` into `store` sealed with `key`: what anyone holding that key could write. */
export async function plantSealed(
  store: DnsJournalStore,
  body: Record<string, unknown>,
  key?: { readonly kind: 'keychain' | 'file'; readonly key: Buffer },
): Promise<void> {
  const sealing = key ?? (await store.key.key());
  await store.file.write({ ...body, seal: { kind: sealing.kind, mac: sealOf(body, sealing.key) } });
}
