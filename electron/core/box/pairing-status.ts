import type { BoxInfo } from '../../shared/schemas/box';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import { boxGet, boxGetJson, type BoxHttp } from './box-http';
import { fromG4, fromOwl, readOwlData } from './box-probe';
import { G4DataSchema } from './box-schemas';
import type { BoxTarget } from './box-target';
import { isAccessPointRedirect, parseG1Homepage } from './g1-pages';

/*
 * What the box says about pairing, in one request: the status page each generation's homepage
 * polls (G4 `/iot_drivers/data`, G2/G3 `/hw_posbox_homepage/data`, G1 the homepage). The box's
 * pairing thread (connection_manager.py) fills `pairing_code`; G4 also says when the code
 * expired and, until its restart, which database it just connected to (`new_database_url`).
 * A G2/G3 status read asks odoo.com for a certificate only once a database is set (no server:
 * ERR_IOT_HTTPS_CHECK_NO_SERVER, nothing sent), so polling it while unpaired costs nothing.
 */

export type PairingStatus = {
  readonly code: string | null;
  /** G4 `pairing_code_expired`; null where the box does not tell (G1–G3). */
  readonly expired: boolean | null;
  /** G4 `new_database_url`: connected, restart pending. */
  readonly newDatabaseUrl: string | null;
  readonly serverUrl: string | null;
  readonly accessPoint: boolean;
  /** Seconds since Odoo started (G4); the pairing thread registers right at start. */
  readonly odooUptimeSeconds: number | null;
};

function nonEmpty(value: string | false | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A status read without the pairing fields, for generations that have none. */
function fromInfo(info: BoxInfo): PairingStatus {
  return {
    code: info.pairingCode,
    expired: null,
    newDatabaseUrl: null,
    serverUrl: info.serverUrl,
    accessPoint: info.accessPoint,
    odooUptimeSeconds: null,
  };
}

export async function readPairingStatus(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  signal: AbortSignal,
): Promise<Result<PairingStatus, Failure>> {
  switch (info.api) {
    case 'g4': {
      const data = await boxGetJson(box, target, '/iot_drivers/data', G4DataSchema, signal);
      if (!data.ok) {
        return data;
      }
      const status = fromInfo(fromG4(data.value, target));
      const server = status.serverUrl;
      return ok({
        ...status,
        // homepage.py reports the expiry only while no database is set.
        expired: data.value.pairing_code_expired === true && server === null,
        newDatabaseUrl: nonEmpty(data.value.new_database_url),
        odooUptimeSeconds: data.value.odoo_uptime_seconds ?? null,
      });
    }
    case 'g2':
    case 'g3': {
      const data = await readOwlData(box, target, signal);
      return data.ok ? ok(fromInfo(fromOwl(data.value, target))) : data;
    }
    case 'g1': {
      const home = await boxGet(box, target, '/', signal, { timeoutMs: 20_000 });
      if (!home.ok) {
        return home;
      }
      if (home.value.status === 200 && isAccessPointRedirect(home.value.body)) {
        return ok({ ...fromInfo(info), code: null, serverUrl: null, accessPoint: true });
      }
      const page = home.value.status === 200 ? parseG1Homepage(home.value.body) : null;
      if (page === null) {
        return fail('box-page-changed', `/ answered HTTP ${home.value.status}`);
      }
      return ok({
        ...fromInfo(info),
        code: page.pairingCode,
        serverUrl: page.serverUrl,
        accessPoint: page.technical?.accessPoint ?? info.accessPoint,
      });
    }
  }
}
