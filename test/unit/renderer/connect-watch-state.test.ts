import { describe, expect, it } from 'vitest';

import type { PairingWatchProgress } from '../../../electron/shared/schemas/pairing';
import { sampleFoundBox } from '../../fakes/sample-box';
import {
  activeWatch,
  EMPTY_CONNECT_DRAFT,
  initialPairing,
  type ConnectPairing,
} from '../../../renderer/src/wizard/connect-state';
import {
  wizardReducer,
  type WizardAction,
  type WizardState,
} from '../../../renderer/src/wizard/wizard-state';

// The connect step's watched ways: which way a box starts on, one watch per run, renewing an
// expired code, and moving on once the box reports a database.

const withCode = { ...sampleFoundBox, pairingCode: 'HT8SLJ' };
const progress = (state: PairingWatchProgress['state']): PairingWatchProgress => ({
  host: '127.0.0.14',
  port: 8069,
  state,
  pairingCode: state === 'waiting' ? null : 'HT8SLJ',
  serverUrl: state === 'connected' ? 'https://shop.example.test' : null,
  polls: 3,
  elapsedMs: 5_000,
  timeoutMs: 7_500_000,
});

function run(pairing: ConnectPairing, ...actions: WizardAction[]): WizardState {
  const start: WizardState = { step: 'connect', box: withCode, pairing };
  return actions.reduce(wizardReducer, start);
}

const phaseOf = (state: WizardState) => (state.step === 'connect' ? state.pairing?.phase : null);

describe('connect step: the ways that watch the box', () => {
  it('a box showing a code starts on the code, watched; one without starts on the token', () => {
    const coded = initialPairing(withCode);
    expect(coded.draft.method).toBe('code');
    expect(coded.phase).toEqual({ kind: 'watching', run: 1, progress: null, restart: null });
    expect(activeWatch(coded.phase)).toBe(1);
    const plain = initialPairing(sampleFoundBox);
    expect(plain.draft.method).toBe('token');
    expect(plain.phase).toEqual({ kind: 'editing', problem: null });
    // A way the user chose is kept, whatever the box shows.
    const chosen = initialPairing(withCode, {
      ...EMPTY_CONNECT_DRAFT,
      method: 'sign-in',
      methodChosen: true,
    });
    expect(chosen.draft.method).toBe('sign-in');
  });

  it('switching between code and "Let Odoo find it" keeps the same watch; the token stops it', () => {
    const state = run(initialPairing(withCode), {
      type: 'connect-draft-changed',
      patch: { method: 'find' },
    });
    expect(phaseOf(state)).toMatchObject({ kind: 'watching', run: 1 });
    const token = wizardReducer(state, {
      type: 'connect-draft-changed',
      patch: { method: 'token' },
    });
    expect(phaseOf(token)).toEqual({ kind: 'editing', problem: null });
    const back = wizardReducer(token, { type: 'connect-draft-changed', patch: { method: 'code' } });
    expect(phaseOf(back)).toMatchObject({ kind: 'watching', run: 1 });
  });

  it('a finished watch moves straight on to the certificate', () => {
    const outcome = {
      before: withCode,
      box: { ...withCode, serverUrl: 'https://shop.example.test', pairingCode: null },
      restarted: true,
    };
    const state = run(
      initialPairing(withCode),
      { type: 'pairing-watch-progressed', progress: progress('code') },
      { type: 'pairing-watch-progressed', progress: progress('connected') },
      { type: 'pairing-watch-finished', outcome },
      { type: 'box-connected', box: outcome.box },
    );
    expect(state).toEqual({ step: 'secure', flow: 'setup', box: outcome.box });
  });

  it('while the paired box restarts, Back and Cancel wait; while it only waits, they work', () => {
    const restarting = run(initialPairing(withCode), {
      type: 'pairing-watch-progressed',
      progress: progress('connected'),
    });
    expect(wizardReducer(restarting, { type: 'back' })).toBe(restarting);
    expect(wizardReducer(restarting, { type: 'cancel' })).toBe(restarting);
    const waiting = run(initialPairing(withCode), {
      type: 'pairing-watch-progressed',
      progress: progress('code'),
    });
    expect(wizardReducer(waiting, { type: 'cancel' })).toEqual({ step: 'welcome' });
  });

  it('an expired code → Get a new code (restart) → a new watch run', () => {
    const failed = run(initialPairing(withCode), {
      type: 'pairing-watch-failed',
      error: { code: 'pairing-code-expired' },
    });
    expect(phaseOf(failed)).toMatchObject({ kind: 'watch-failed', run: 1 });
    const renewing = wizardReducer(failed, { type: 'pairing-renew-started' });
    expect(phaseOf(renewing)).toEqual({ kind: 'renewing', run: 2, progress: null });
    expect(activeWatch({ kind: 'renewing', run: 2, progress: null })).toBeNull();
    const watching = wizardReducer(renewing, { type: 'pairing-renew-finished' });
    expect(phaseOf(watching)).toEqual({ kind: 'watching', run: 2, progress: null, restart: null });
  });

  it('"Watch again" starts a new run; the box cannot be left for the certificate without a database', () => {
    const failed = run(initialPairing(withCode), {
      type: 'pairing-watch-failed',
      error: { code: 'pairing-no-code' },
    });
    expect(phaseOf(wizardReducer(failed, { type: 'pairing-watch-retry' }))).toMatchObject({
      kind: 'watching',
      run: 2,
    });
    expect(wizardReducer(failed, { type: 'box-connected', box: withCode })).toBe(failed);
  });

  it('connected meanwhile (Odoo found it first): "Keep this database" goes on', () => {
    const failed = run(initialPairing(withCode), {
      type: 'pairing-watch-failed',
      error: { code: 'pairing-already-connected', detail: 'https://other.example.test' },
    });
    const box = { ...withCode, serverUrl: 'https://other.example.test' };
    expect(wizardReducer(failed, { type: 'box-connected', box })).toEqual({
      step: 'secure',
      flow: 'setup',
      box,
    });
  });

  it('"Connect to another database" on a connected box leads to the token, never a code', () => {
    const connected = { ...withCode, serverUrl: 'https://other.example.test' };
    const state: WizardState = {
      step: 'connect',
      box: connected,
      pairing: initialPairing(connected, {
        ...EMPTY_CONNECT_DRAFT,
        method: 'code',
        methodChosen: true,
      }),
    };
    const next = wizardReducer(state, { type: 'connect-reconfigure' });
    expect(next.step === 'connect' && next.pairing?.draft.method).toBe('token');
    expect(phaseOf(next)).toEqual({ kind: 'editing', problem: null });
  });
});
