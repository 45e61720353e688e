import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startBoxSimulator } from '../sim/box-simulator';
import type { BoxSimulator, BoxSimulatorOptions } from '../sim/box-simulator';
import { startIotProxySimulator } from '../sim/iot-proxy-simulator';
import { loadOrCreateLabCa } from '../sim/lab-ca';
import { startOdooComSimulator } from '../sim/odoo-com-simulator';
import { startOdooDbSimulator } from '../sim/odoo-db-simulator';
import { info, onShutdown } from './cli-support';

// `npm run lab`: a root-free loopback lab — odoo.com, Odoo's pairing service, one database and
// five boxes (G1–G4, and a new G4 waiting to be paired) on 127.0.0.11–15, each with the Odoo
// port 8069 and a TLS port. Linux routes all of 127/8 to lo;
// where binding 127.0.0.x fails (e.g. macOS) everything falls back to 127.0.0.1 and distinct ports.

const BOX_PORT = 8069;
// 443 needs root; 8443 stands in for it otherwise.
const TLS_PORT = process.getuid?.() === 0 ? 443 : 8443;

type Plan = {
  generation: BoxSimulatorOptions['generation'];
  ip: string;
  note: string;
  connected: boolean;
};

const PLAN: readonly Plan[] = [
  {
    generation: 'g1',
    ip: '127.0.0.11',
    note: 'connected, certificate issued at start',
    connected: true,
  },
  {
    generation: 'g2',
    ip: '127.0.0.12',
    note: 'connected, odoo.com refuses (its /data answers HTTP 500, the log says why)',
    connected: true,
  },
  {
    generation: 'g3',
    ip: '127.0.0.13',
    note: 'not connected (ERR_IOT_HTTPS_CHECK_NO_SERVER), temporary certificate',
    connected: false,
  },
  {
    generation: 'g4',
    ip: '127.0.0.14',
    note: 'connected, certificate issued at start',
    connected: true,
  },
  {
    generation: 'g4',
    ip: '127.0.0.15',
    note: 'new, not connected: shows a pairing code (claim it below)',
    connected: false,
  },
];

const workDir = await mkdtemp(join(tmpdir(), 'iotbox-lab-'));
const { ca, caCertPath } = await loadOrCreateLabCa(workDir);
const stops: (() => Promise<void>)[] = [];

const stopAll = async (): Promise<void> => {
  for (const stop of stops.reverse()) {
    await stop().catch(() => undefined);
  }
  await rm(workDir, { recursive: true, force: true });
};

try {
  const com = await startOdooComSimulator({ ca });
  stops.push(() => com.close());
  const refusing = await startOdooComSimulator({ ca, mode: 'refuse' });
  stops.push(() => refusing.close());
  const db = await startOdooDbSimulator({ version: '18.0', dbName: 'lab' });
  stops.push(() => db.close());
  const proxy = await startIotProxySimulator();
  stops.push(() => proxy.close());

  const boxes: { plan: Plan; box: BoxSimulator }[] = [];
  let fallbackPort = 18069;
  for (const plan of PLAN) {
    const connected = plan.connected;
    const options: BoxSimulatorOptions = {
      generation: plan.generation,
      ca,
      restartDowntimeMs: 1500,
      x509Url: plan.generation === 'g2' ? refusing.x509Url : com.x509Url,
      hostname: `iotbox-${plan.generation}`,
      // Every box can reach the pairing service; only unconnected ones register for a code.
      iotProxyUrl: proxy.connectBoxUrl,
      ...(connected
        ? {
            serverUrl: db.url,
            dbUuid: db.uuid,
            token: 'lab-token',
            ...(db.enterpriseCode === null ? {} : { enterpriseCode: db.enterpriseCode }),
          }
        : {}),
    };
    let box: BoxSimulator;
    try {
      box = await startBoxSimulator({
        ...options,
        host: plan.ip,
        port: BOX_PORT,
        httpsPort: TLS_PORT,
      });
    } catch (error) {
      info(
        `cannot bind ${plan.ip}:${BOX_PORT} (${String(error)}); using 127.0.0.1:${fallbackPort}`,
      );
      box = await startBoxSimulator({
        ...options,
        host: '127.0.0.1',
        port: fallbackPort,
        httpsPort: fallbackPort + 1000,
      });
      fallbackPort += 1;
    }
    stops.push(() => box.close());
    boxes.push({ plan, box });
  }
  await Promise.all(boxes.map(({ box }) => box.settled()));

  info('IoT Box Assistant loopback lab is up.');
  info('');
  info(`  odoo.com x509 (issue):   ${com.x509Url}`);
  info(`  odoo.com x509 (refuse):  ${refusing.x509Url}`);
  info(`  Odoo database:           ${db.url}  (db "${db.dbName}", admin/admin, uuid ${db.uuid})`);
  info(`  pairing service:         ${proxy.url}`);
  for (const { plan, box } of boxes) {
    info(`  ${plan.generation} box: ${box.httpUrl}  TLS ${box.httpsUrl ?? '-'}  — ${plan.note}`);
  }
  info('');
  info(`  lab CA: ${caCertPath}`);
  info('');
  info('Try:');
  info(`  export NODE_EXTRA_CA_CERTS=${caCertPath}`);
  info(`  npx iotbox info ${boxes[3]?.box.host ?? '127.0.0.14'}`);
  info('  npx iotbox discover --subnet 127.0.0.0/28');
  info(`  NODE_EXTRA_CA_CERTS=${caCertPath} npm run preview -- --network lab`);
  info(`  curl http://${boxes[3]?.box.host ?? '127.0.0.14'}:${BOX_PORT}/iot_drivers/data`);
  info(
    `  openssl s_client -connect ${boxes[0]?.box.host ?? '127.0.0.11'}:${TLS_PORT} -CAfile ${caCertPath} </dev/null`,
  );
  info("  # claim the new box's pairing code as the IoT app would (CODE: its /iot_drivers/data):");
  info(
    `  curl -s ${proxy.connectDbUrl} -H 'Content-Type: application/json' -d '{"params": {"pairing_code": "CODE", "database_url": "${db.url}", "token": "lab-token", "db_uuid": "${db.uuid}", "enterprise_code": "${db.enterpriseCode ?? ''}"}}'`,
  );
  info('');
  info('Ctrl-C to stop.');
  process.stdout.write(
    `${JSON.stringify({
      ready: true,
      caCertPath,
      x509: com.x509Url,
      database: db.url,
      pairingService: proxy.url,
      boxes: boxes.map(({ plan, box }) => ({
        generation: plan.generation,
        http: box.httpUrl,
        https: box.httpsUrl,
      })),
    })}\n`,
  );
  onShutdown(stopAll);
} catch (error) {
  info(`lab failed to start: ${String(error)}`);
  await stopAll();
  process.exit(1);
}
