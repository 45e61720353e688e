import type { CliCommand } from './cli-command';

/**
 * One `iotbox` subcommand as `iotbox --help` lists it. Its code is imported only when it runs
 * (or shows its own help): `--version` and `--help` then start as fast as Node itself.
 */
export type CommandEntry = {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<CliCommand>;
};

/** Every `iotbox` subcommand, in the order `iotbox --help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'discover',
    summary: 'find IoT boxes on this computer’s networks',
    load: async () => (await import('./commands/discover')).discoverCommand,
  },
  {
    name: 'info',
    summary: "show an IoT box's status (generation, database, credentials, certificate)",
    load: async () => (await import('./commands/info')).infoCommand,
  },
  {
    name: 'pair',
    summary: 'connect an IoT box to an Odoo database: its pairing code, or a connection token',
    load: async () => (await import('./commands/pair')).pairCommand,
  },
  {
    name: 'credentials',
    summary: "set an IoT box's database UUID and enterprise code (typed or read from the database)",
    load: async () => (await import('./commands/credentials')).credentialsCommand,
  },
  {
    name: 'cert',
    summary: "explain a box's HTTPS certificate and verify it from this computer",
    load: async () => (await import('./commands/cert')).certCommand,
  },
  {
    name: 'dns',
    summary: "diagnose and repair the DNS that hides the box's odoo-iot.com name",
    load: async () => (await import('./commands/dns')).dnsCommand,
  },
  {
    name: 'doctor',
    summary: 'run every check on a box and write a report for support',
    load: async () => (await import('./commands/doctor')).doctorCommand,
  },
  {
    name: 'check-device',
    summary: 'check that another device (tablet, till PC) reaches the box securely',
    load: async () => (await import('./commands/check-device')).checkDeviceCommand,
  },
];
