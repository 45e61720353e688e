import { useCallback, useEffect, useState, type Dispatch } from 'react';

import { type BoxInfo } from '../../../electron/shared/schemas/box';
import type { Failure, Result } from '../../../electron/shared/result';
import {
  TokenCheckRequestSchema,
  type OdooCredentialsSummary,
  type RememberedDatabase,
} from '../../../electron/shared/schemas/pairing';
import { assistant } from '../api';
import { useRememberedDatabases } from '../components/use-remembered-databases';
import {
  boxAddress,
  tokenAwaitingCheck,
  type ConnectDraft,
  type ConnectPlan,
} from './connect-state';
import { usePairingWatch } from './use-pairing-watch';
import { pairingOf, type WizardAction, type WizardState } from './wizard-state';

/** A pause in typing before the pasted token is checked: each check probes the box. */
const TOKEN_CHECK_DELAY_MS = 400;

function checkToken(dispatch: Dispatch<WizardAction>, box: string, token: string): void {
  dispatch({ type: 'token-check-started', token });
  // Over-long text never reaches the core: the contract would refuse it without saying why.
  if (!TokenCheckRequestSchema.safeParse({ box, token }).success) {
    dispatch({
      type: 'token-check-failed',
      token,
      error: { code: 'token-malformed', detail: 'longer than the contract allows' },
    });
    return;
  }
  void assistant()
    .checkServerToken({ box, token })
    .then((result) => {
      dispatch(
        result.ok
          ? { type: 'token-checked', token, summary: result.value }
          : { type: 'token-check-failed', token, error: result.error },
      );
    });
}

/**
 * The connect step's side effects: the live token check, signing in to the database, sending
 * the change while following the box's restart, and watching a box that pairs itself.
 */
export function useConnectPairing(state: WizardState, dispatch: Dispatch<WizardAction>) {
  const [canRemember, setCanRemember] = useState(false);
  useEffect(() => {
    void assistant()
      .checkKeychain()
      .then((result) => setCanRemember(result.ok && result.value.available));
  }, []);

  const remembered = useRememberedDatabases(state.step === 'connect' && canRemember);
  const watch = usePairingWatch(state, dispatch);

  const box = state.step === 'connect' ? boxAddress(state.box) : null;
  const tokenToCheck = state.step === 'connect' ? tokenAwaitingCheck(pairingOf(state)) : null;
  useEffect(() => {
    if (box === null || tokenToCheck === null) {
      return undefined;
    }
    const timer = window.setTimeout(
      () => checkToken(dispatch, box, tokenToCheck),
      TOKEN_CHECK_DELAY_MS,
    );
    return () => window.clearTimeout(timer);
  }, [box, tokenToCheck, dispatch]);

  const editDraft = useCallback(
    (patch: Partial<ConnectDraft>) => dispatch({ type: 'connect-draft-changed', patch }),
    [dispatch],
  );
  const setRemember = useCallback(
    (remember: boolean) => dispatch({ type: 'connect-remember-changed', remember }),
    [dispatch],
  );
  const reconfigure = useCallback(() => dispatch({ type: 'connect-reconfigure' }), [dispatch]);
  const reviewToken = useCallback(() => dispatch({ type: 'token-review' }), [dispatch]);
  const editPlan = useCallback(() => dispatch({ type: 'connect-edit' }), [dispatch]);

  /** Credentials read by signing in, or recalled: either way the review follows. */
  const finishRead = useCallback(
    (result: Result<OdooCredentialsSummary, Failure>) =>
      dispatch(
        result.ok
          ? { type: 'credentials-read-finished', summary: result.value }
          : { type: 'credentials-read-failed', error: result.error },
      ),
    [dispatch],
  );

  const readCredentials = useCallback(
    (draft: ConnectDraft, options: { readonly allowUnencrypted: boolean }) => {
      dispatch({ type: 'credentials-read-started' });
      const database = draft.database.trim();
      void assistant()
        .readOdooCredentials({
          url: draft.url.trim(),
          login: draft.login.trim(),
          password: draft.password,
          signInWith: draft.signInWith,
          ...(database === '' ? {} : { database }),
          ...(options.allowUnencrypted ? { allowUnencrypted: true } : {}),
        })
        .then(finishRead);
    },
    [dispatch, finishRead],
  );

  /** Remembered credentials in place of a sign-in: the same review follows. */
  const recallRemembered = useCallback(
    (entry: RememberedDatabase) => {
      dispatch({ type: 'credentials-recall-started' });
      void assistant().recallRememberedDatabase(entry.id).then(finishRead);
    },
    [dispatch, finishRead],
  );

  const send = useCallback(
    (target: BoxInfo, plan: ConnectPlan, remember: boolean) => {
      dispatch({ type: 'pairing-started' });
      const api = assistant();
      const stopListening = api.onBoxRestartProgress((progress) =>
        dispatch({ type: 'pairing-progressed', progress }),
      );
      const ref = boxAddress(target);
      const sent =
        plan.method === 'token'
          ? api.connectBoxToServer({ box: ref, token: plan.token })
          : api.saveBoxCredentials({
              box: ref,
              credentials: { source: 'database', readId: plan.summary.readId },
              remember,
            });
      void sent.then((result) => {
        stopListening();
        dispatch(
          result.ok
            ? { type: 'pairing-finished', outcome: result.value }
            : { type: 'pairing-failed', error: result.error },
        );
      });
    },
    [dispatch],
  );

  return {
    canRemember,
    editDraft,
    setRemember,
    reconfigure,
    reviewToken,
    editPlan,
    readCredentials,
    remembered: remembered.entries,
    recallRemembered,
    forgetRemembered: remembered.forget,
    send,
    ...watch,
  };
}

export type ConnectPairingApi = ReturnType<typeof useConnectPairing>;
