import { boxNameProblem } from '../../shared/box-name-rule';
import type { BoxInfo } from '../../shared/schemas/box';
import type {
  BoxRestartProgress,
  ConnectServerRequest,
  PairingOutcome,
  RenameBoxRequest,
  SaveCredentialsRequest,
  TokenCheckRequest,
  TokenSummary,
} from '../../shared/schemas/pairing';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import type { CachedCredentials } from '../odoo/credentials-cache';
import type { RememberedCredentials } from '../odoo/remembered-credentials';
import type { LogPort } from '../ports';
import { maskUuid, rememberSecret } from '../redact';
import type { BoxClient } from './box-client';
import { sanitizedBoxName, type OperationResult } from './box-operations';
import type { AtBox, BoxTarget } from './box-target';
import {
  parseServerToken,
  pipeForm,
  tokenForGeneration,
  validateCredentials,
  type ServerToken,
  type Credentials,
} from './pairing-input';

/*
 * Pairing as the wizard, IPC and CLI use it: check the input (nothing is sent when it is
 * wrong), probe the box once, send the change once, wait until the box is back, re-probe.
 * Secrets stay here: the renderer only ever sees masked summaries.
 */

export type PairingServiceDeps = {
  readonly client: BoxClient;
  readonly log: LogPort;
  /** Where "remember" keeps a database's credentials (encrypted by the OS keychain). */
  readonly remembered: RememberedCredentials;
  /** Credentials read from a database earlier (odoo:read-credentials), by their read id. */
  readonly readCredentials: (readId: string) => CachedCredentials | null;
  /** Overall wait for the box to come back (defaults in wait-until-back.ts). */
  readonly restartTimeoutMs?: number;
};

export type ProgressListener = (progress: BoxRestartProgress) => void;

export type PairingService = {
  getInfo(target: BoxTarget, signal: AbortSignal): Promise<Result<BoxInfo, Failure>>;
  checkToken(
    request: AtBox<TokenCheckRequest>,
    signal: AbortSignal,
  ): Promise<Result<TokenSummary, Failure>>;
  connectServer(
    request: AtBox<ConnectServerRequest>,
    signal: AbortSignal,
    onProgress?: ProgressListener,
  ): Promise<Result<PairingOutcome, Failure>>;
  saveCredentials(
    request: AtBox<SaveCredentialsRequest>,
    signal: AbortSignal,
    onProgress?: ProgressListener,
  ): Promise<Result<PairingOutcome, Failure>>;
  clearCredentials(
    target: BoxTarget,
    signal: AbortSignal,
    onProgress?: ProgressListener,
  ): Promise<Result<PairingOutcome, Failure>>;
  restart(
    target: BoxTarget,
    signal: AbortSignal,
    onProgress?: ProgressListener,
  ): Promise<Result<PairingOutcome, Failure>>;
  /** Renames the box on its own (it reboots), then checks the name it came back with. */
  rename(
    request: AtBox<RenameBoxRequest>,
    signal: AbortSignal,
    onProgress?: ProgressListener,
  ): Promise<Result<PairingOutcome, Failure>>;
};

const NAME_RULE = `name: 1–32 ASCII letters, digits and inner hyphens`;

/** The box came back without the name asked for (compared as rename_iot.sh keeps it). */
function renameWanted(box: BoxInfo, iotname: string): boolean {
  return box.canRename && box.name !== sanitizedBoxName(iotname);
}

export function createPairingService(deps: PairingServiceDeps): PairingService {
  const { client } = deps;

  const probe = async (
    target: BoxTarget,
    signal: AbortSignal,
  ): Promise<Result<{ target: BoxTarget; info: BoxInfo }, Failure>> => {
    const info = await client.getInfo(target, signal);
    return info.ok ? ok({ target, info: info.value }) : info;
  };

  /**
   * The connection in the form this box reads (tokenForGeneration). Some G3 trees have the older
   * save_conf_server without `db_name` and answer "Failed to write server configuration files":
   * nothing was written then, so the equivalent pipe form is sent once more.
   */
  const sendConnection = async (
    target: BoxTarget,
    info: BoxInfo,
    token: ServerToken,
    iotname: string | null,
    signal: AbortSignal,
  ): Promise<OperationResult> => {
    const sent = await client.connectToServer(
      target,
      info,
      tokenForGeneration(token, info.api),
      iotname,
      signal,
    );
    const writeFailed =
      !sent.ok &&
      sent.error.code === 'box-refused' &&
      (sent.error.detail ?? '').startsWith('Failed to write server configuration files');
    return writeFailed && token.format === 'url' && token.dbName !== null
      ? client.connectToServer(target, info, pipeForm(token), iotname, signal)
      : sent;
  };

  /** Sends one change, then waits for the restart it causes and reads the new status. */
  const changeAndWait = async (
    target: BoxTarget,
    before: BoxInfo,
    send: () => Promise<OperationResult>,
    signal: AbortSignal,
    onProgress: ProgressListener | undefined,
  ): Promise<Result<PairingOutcome, Failure>> => {
    const sent = await send();
    if (!sent.ok) {
      return sent;
    }
    const after = await client.waitUntilBack(
      target,
      before,
      {
        aftermath: sent.value,
        ...(deps.restartTimeoutMs === undefined ? {} : { timeoutMs: deps.restartTimeoutMs }),
        ...(onProgress === undefined ? {} : { onProgress }),
      },
      signal,
    );
    return after.ok ? ok({ before, box: after.value, restarted: sent.value !== 'none' }) : after;
  };

  /** Renames the box, waits for its reboot and checks it came back under the new name. */
  const renameAndVerify = async (
    target: BoxTarget,
    before: BoxInfo,
    iotname: string,
    signal: AbortSignal,
    onProgress: ProgressListener | undefined,
  ): Promise<Result<PairingOutcome, Failure>> => {
    const renamed = await changeAndWait(
      target,
      before,
      () => client.renameBox(target, before, iotname, signal),
      signal,
      onProgress,
    );
    if (!renamed.ok) {
      return renamed;
    }
    return renameWanted(renamed.value.box, iotname)
      ? fail('box-rename-failed', `the box still reports '${renamed.value.box.name ?? ''}'`)
      : renamed;
  };

  /** A change that needs no input beyond the box: probe it, send, wait for the restart. */
  const probeThenChange = async (
    box: BoxTarget,
    send: (target: BoxTarget, info: BoxInfo) => Promise<OperationResult>,
    signal: AbortSignal,
    onProgress: ProgressListener | undefined,
  ): Promise<Result<PairingOutcome, Failure>> => {
    const probed = await probe(box, signal);
    if (!probed.ok) {
      return probed;
    }
    const { target, info } = probed.value;
    return changeAndWait(target, info, () => send(target, info), signal, onProgress);
  };

  return {
    getInfo: async (target, signal) => {
      const probed = await probe(target, signal);
      return probed.ok ? ok(probed.value.info) : probed;
    },

    async checkToken(request, signal) {
      const token = parseServerToken(request.token);
      if (!token.ok) {
        return token;
      }
      rememberSecret(token.value.token, token.value.enterpriseCode, token.value.dbUuid);
      const probed = await probe(request.box, signal);
      if (!probed.ok) {
        return probed;
      }
      return ok({
        serverUrl: token.value.serverUrl,
        format: token.value.format,
        dbUuidMasked: maskUuid(token.value.dbUuid),
        dbName: token.value.dbName,
        box: probed.value.info,
      });
    },

    async connectServer(request, signal, onProgress) {
      const token = parseServerToken(request.token);
      if (!token.ok) {
        return token;
      }
      rememberSecret(token.value.token, token.value.enterpriseCode, token.value.dbUuid);
      const iotname = request.iotname?.trim() || null;
      if (iotname !== null && boxNameProblem(iotname, null) !== null) {
        return fail('invalid-arguments', `iot${NAME_RULE}`);
      }
      const probed = await probe(request.box, signal);
      if (!probed.ok) {
        return probed;
      }
      const { target, info } = probed.value;
      if (iotname !== null && !info.canRename) {
        return fail('box-action-unsupported', 'this box cannot be renamed');
      }
      const sent = await changeAndWait(
        target,
        info,
        () => sendConnection(target, info, token.value, iotname, signal),
        signal,
        onProgress,
      );
      if (!sent.ok) {
        return sent;
      }
      const settled = await client.followBranchSwitch(target, sent.value.box, onProgress, signal);
      if (!settled.ok) {
        return settled;
      }
      const connected = ok({ ...sent.value, box: settled.value });
      if (iotname === null || !renameWanted(connected.value.box, iotname)) {
        return connected;
      }
      // The name did not change with the connection: boxes with update_hostname ignore
      // `iotname`, and G4 renames only that way. Rename on its own, then check the result.
      const renamed = await renameAndVerify(
        target,
        connected.value.box,
        iotname,
        signal,
        onProgress,
      );
      return renamed.ok ? ok({ ...renamed.value, before: info }) : renamed;
    },

    async saveCredentials(request, signal, onProgress) {
      const source = request.credentials;
      let credentials: Result<Credentials, Failure>;
      let origin: CachedCredentials['origin'] | null = null;
      if (source.source === 'typed') {
        credentials = validateCredentials(source);
      } else {
        const read = deps.readCredentials(source.readId);
        origin = read?.origin ?? null;
        credentials =
          read === null ? fail('invalid-arguments', 'credentials read expired') : ok(read);
      }
      if (!credentials.ok) {
        return credentials;
      }
      const values = credentials.value;
      rememberSecret(values.enterpriseCode, values.dbUuid);
      const probed = await probe(request.box, signal);
      if (!probed.ok) {
        return probed;
      }
      const { target, info } = probed.value;
      const outcome = await changeAndWait(
        target,
        info,
        () => client.saveCredentials(target, info, values, signal),
        signal,
        onProgress,
      );
      // Only what the user signed in to can be remembered: it is how they will recognise it.
      if (outcome.ok && request.remember && origin !== null) {
        await deps.remembered.remember({
          dbUuid: values.dbUuid,
          enterpriseCode: values.enterpriseCode,
          ...origin,
        });
      }
      return outcome;
    },

    clearCredentials: (target, signal, onProgress) =>
      probeThenChange(
        target,
        (target, info) => client.clearCredentials(target, info, signal),
        signal,
        onProgress,
      ),

    restart: (target, signal, onProgress) =>
      probeThenChange(
        target,
        (target, info) => client.restartOdoo(target, info, signal),
        signal,
        onProgress,
      ),

    async rename(request, signal, onProgress) {
      const name = request.name.trim();
      const problem = boxNameProblem(name, null);
      if (problem !== null) {
        return fail('invalid-arguments', `${NAME_RULE} (${problem})`);
      }
      const probed = await probe(request.box, signal);
      if (!probed.ok) {
        return probed;
      }
      const { target, info } = probed.value;
      if (!info.canRename) {
        return fail('box-action-unsupported', 'this box cannot be renamed');
      }
      // rename_iot.sh renames the access point too and reboots: this computer, joined to it,
      // would lose the box under a network name it no longer knows.
      if (info.accessPoint) {
        return fail('box-action-unsupported', 'not while the box is in access-point mode');
      }
      return info.name === name
        ? ok({ before: info, box: info, restarted: false })
        : renameAndVerify(target, info, name, signal, onProgress);
    },
  };
}
