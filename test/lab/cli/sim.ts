import { parseArgs } from 'node:util';

import { startBoxSimulator } from '../sim/box-simulator';
import type { BoxSystem, Generation, InitialCertificate } from '../sim/box-simulator';
import { fail, info, onShutdown, parseIntegerOption, printReady, resolveCa } from './cli-support';

// npm run sim -- --api g4 --port 18069 [--host 127.0.0.1] [--https-port N] [--x509-url URL] …
// The host is not forced to loopback: the namespace lab runs this with --host 192.168.77.20.

const GENERATIONS: readonly Generation[] = ['g1', 'g2', 'g3', 'g4'];
const CERTIFICATES: readonly InitialCertificate[] = [
  'temporary',
  'valid',
  'expired',
  'expiring',
  'none',
  'unreadable',
];

const USAGE = `usage: sim --api g1|g2|g3|g4 [--host 127.0.0.1] [--port 8069] [--https-port N]
  [--x509-url URL] [--restart-downtime-ms N] [--system Linux|Windows] [--hash HEX] [--ca-dir DIR]
  [--certificate temporary|valid|expired|expiring|none|unreadable] [--server-url URL]
  [--db-uuid UUID] [--enterprise-code CODE] [--token TOKEN] [--db-name NAME] [--hostname NAME]
  [--ip IP] [--identifier ID] [--mac MAC] [--access-point] [--no-start-check]
  [--g1-pages homepage-html|technical-jinja2] [--iot-proxy-url URL] [--pairing-poll-scale X]
--iot-proxy-url is the pairing service's connect-box URL (the lab's iot-proxy stand-in, never
odoo.com); --pairing-poll-scale multiplies Odoo's pauses between polls (14 + 1.01^n s).
--ip, --identifier and --mac set what the box reports about itself, not where it listens: a box
behind NAT, or one that lies (claims another box's address or identity).`;

const { values } = parseArgs({
  options: {
    api: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    'https-port': { type: 'string' },
    'x509-url': { type: 'string' },
    'restart-downtime-ms': { type: 'string' },
    system: { type: 'string', default: 'Linux' },
    hash: { type: 'string' },
    'ca-dir': { type: 'string' },
    certificate: { type: 'string', default: 'temporary' },
    'server-url': { type: 'string' },
    'db-uuid': { type: 'string' },
    'enterprise-code': { type: 'string' },
    token: { type: 'string' },
    'db-name': { type: 'string' },
    hostname: { type: 'string' },
    ip: { type: 'string' },
    identifier: { type: 'string' },
    mac: { type: 'string' },
    'access-point': { type: 'boolean', default: false },
    'no-start-check': { type: 'boolean', default: false },
    'g1-pages': { type: 'string', default: 'homepage-html' },
    'iot-proxy-url': { type: 'string' },
    'pairing-poll-scale': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help) {
  info(USAGE);
  process.exit(0);
}
const generation = GENERATIONS.find((candidate) => candidate === values.api);
if (generation === undefined) {
  fail(`--api must be one of ${GENERATIONS.join(', ')}\n${USAGE}`);
}
const system: BoxSystem = values.system === 'Windows' ? 'Windows' : 'Linux';
if (values.system !== 'Linux' && values.system !== 'Windows') {
  fail('--system must be Linux or Windows');
}
const certificate = CERTIFICATES.find((candidate) => candidate === values.certificate);
if (certificate === undefined) {
  fail(`--certificate must be one of ${CERTIFICATES.join(', ')}`);
}
const g1Pages = (['homepage-html', 'technical-jinja2'] as const).find(
  (candidate) => candidate === values['g1-pages'],
);
if (g1Pages === undefined) {
  fail('--g1-pages must be homepage-html or technical-jinja2');
}
if (values.hash !== undefined && !/^[0-9a-f]{8}$/.test(values.hash)) {
  fail('--hash must be 8 lowercase hex characters');
}

const pollScale = Number(values['pairing-poll-scale'] ?? '1');
if (!(pollScale > 0)) {
  fail('--pairing-poll-scale must be a positive number');
}

const { ca, caCertPath } = await resolveCa(values['ca-dir']);
const box = await startBoxSimulator({
  generation,
  system,
  host: values.host,
  port: parseIntegerOption('port', values.port, 8069),
  httpsPort:
    values['https-port'] === undefined
      ? null
      : parseIntegerOption('https-port', values['https-port'], 0),
  restartDowntimeMs: parseIntegerOption('restart-downtime-ms', values['restart-downtime-ms'], 1500),
  x509Url: values['x509-url'],
  ca,
  certificate,
  accessPoint: values['access-point'],
  g1Pages,
  checkCertificateAtStart: !values['no-start-check'],
  ...(values.hash === undefined ? {} : { certificateHash: values.hash }),
  ...(values['server-url'] === undefined ? {} : { serverUrl: values['server-url'] }),
  ...(values['db-uuid'] === undefined ? {} : { dbUuid: values['db-uuid'] }),
  ...(values['enterprise-code'] === undefined ? {} : { enterpriseCode: values['enterprise-code'] }),
  ...(values.token === undefined ? {} : { token: values.token }),
  ...(values['db-name'] === undefined ? {} : { dbName: values['db-name'] }),
  ...(values.hostname === undefined ? {} : { hostname: values.hostname }),
  ...(values.ip === undefined ? {} : { ip: values.ip }),
  ...(values.identifier === undefined ? {} : { identifier: values.identifier }),
  ...(values.mac === undefined ? {} : { mac: values.mac }),
  ...(values['iot-proxy-url'] === undefined ? {} : { iotProxyUrl: values['iot-proxy-url'] }),
  pairingPollScale: pollScale,
});

printReady({ http: box.httpUrl, https: box.httpsUrl });
info(
  `IoT box simulator (${generation}, ${system}) on ${box.httpUrl}${box.httpsUrl === null ? '' : ` and ${box.httpsUrl}`}`,
);
info(`x509 service: ${values['x509-url'] ?? 'none (odoo.com unreachable)'}`);
info(`pairing service: ${values['iot-proxy-url'] ?? 'none (no pairing code)'}`);
if (caCertPath !== null) {
  info(`lab CA: ${caCertPath}`);
}
onShutdown(() => box.close());
