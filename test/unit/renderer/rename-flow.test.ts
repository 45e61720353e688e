import { describe, expect, it } from 'vitest';

import type { BoxInfo } from '../../../electron/shared/schemas/box';
import type { FoundBox } from '../../../electron/shared/schemas/discovery';
import type { BoxRestartProgress } from '../../../electron/shared/schemas/pairing';
import { renameOffer, renameProblem } from '../../../renderer/src/wizard/rename-state';
import {
  initialWizardSession,
  renameOf,
  wizardSessionReducer,
  type SessionAction,
  type WizardSession,
} from '../../../renderer/src/wizard/wizard-state';
import { sampleFoundBox } from '../../fakes/sample-box';

// The overview's "Rename this box": where it is offered, what the form keeps, and how the wizard
// goes on with the box under the name it came back with.

const g2: FoundBox = { ...sampleFoundBox, api: 'g2', version: '24.01', name: 'iotbox' };
const other: FoundBox = {
  ...g2,
  address: { host: '127.0.0.15', port: 8069 },
  ip: '127.0.0.15',
  identifier: 'other',
};
const progress: BoxRestartProgress = {
  host: g2.address.host,
  port: g2.address.port,
  phase: 'down',
  attempt: 2,
  elapsedMs: 4_000,
  timeoutMs: 180_000,
};

function run(session: WizardSession, ...actions: SessionAction[]): WizardSession {
  return actions.reduce(wizardSessionReducer, session);
}

/** The setup flow's overview of `box`, found by a search that listed both boxes. */
function overviewOf(box: FoundBox): WizardSession {
  return run(
    initialWizardSession,
    { type: 'start', flow: 'setup' },
    { type: 'scan-started' },
    {
      type: 'scan-finished',
      report: { boxes: [g2, other], durationMs: 10, channels: {}, probed: 2, reasons: [] },
    },
    { type: 'box-chosen', box },
  );
}

/** That overview with the rename form open and `draft` typed in it. */
function withDraft(draft: string): WizardSession {
  return run(overviewOf(g2), { type: 'rename-open' }, { type: 'rename-draft-changed', draft });
}

function renameView(session: WizardSession) {
  if (session.state.step !== 'overview') {
    throw new Error(`on ${session.state.step}, not the overview`);
  }
  return renameOf(session.state);
}

describe('where renaming is offered', () => {
  it.each([
    ['a G1–G3 or pre-19 box in the setup flow', 'setup', {}, 'offered'],
    ['the check flow, which sends nothing to the box', 'check', {}, 'none'],
    [
      'a box the core says cannot be renamed (19.0, Windows)',
      'setup',
      { canRename: false },
      'unsupported',
    ],
    ['a box in access-point mode', 'setup', { accessPoint: true }, 'access-point'],
    [
      'both: what cannot change at all is said first',
      'setup',
      { canRename: false, accessPoint: true },
      'unsupported',
    ],
  ] as const)('%s → %s', (_case, flow, patch, offer) => {
    const box: BoxInfo = { ...g2, ...patch };
    expect(renameOffer(flow, box)).toBe(offer);
  });

  it('the typed name follows the shared rule, trimmed as the core trims it', () => {
    expect(renameProblem(' Till-7 ', g2)).toBeNull();
    expect(renameProblem('till 7', g2)).toBe('characters');
    expect(renameProblem('iotbox', g2)).toBe('unchanged');
    expect(renameProblem('', g2)).toBe('empty');
  });
});

describe('the rename form in the wizard session', () => {
  it('Cancel closes the form and keeps what was typed; opening it again shows it', () => {
    const typed = run(withDraft('Till-7'), { type: 'rename-close' });
    expect(renameView(typed)).toEqual({ draft: 'Till-7', phase: { kind: 'closed' } });
    const reopened = run(typed, { type: 'rename-open' });
    expect(renameView(reopened)).toEqual({
      draft: 'Till-7',
      phase: { kind: 'editing', problem: null },
    });
  });

  it("the typed name comes back with this box's overview, never with another box's", () => {
    const typed = run(withDraft('Till-7'), { type: 'back' });
    expect(typed.state.step).toBe('find-box');
    expect(renameView(run(typed, { type: 'box-chosen', box: g2 })).draft).toBe('Till-7');
    expect(renameView(run(typed, { type: 'box-chosen', box: other })).draft).toBe('');
    // Cancel to the welcome screen and the same box again: still there.
    const again = run(typed, { type: 'cancel' }, { type: 'start', flow: 'setup' });
    expect(renameView(run(again, { type: 'box-chosen', box: g2 })).draft).toBe('Till-7');
  });

  it('a name the box would not take is never sent', () => {
    const session = run(withDraft('till 7'), { type: 'rename-started' });
    expect(renameView(session).phase).toEqual({ kind: 'editing', problem: null });
  });

  it('while the box reboots the wizard waits with it: Back, Cancel and Continue do nothing', () => {
    const renaming = run(
      withDraft(' Till-7 '),
      { type: 'rename-started' },
      { type: 'rename-progressed', progress },
    );
    expect(renameView(renaming).phase).toEqual({ kind: 'renaming', name: 'Till-7', progress });
    for (const type of ['back', 'cancel', 'overview-continue'] as const) {
      expect(run(renaming, { type })).toBe(renaming);
    }
  });

  it('the box as it came back replaces the old one: in the overview, the next steps and the list', () => {
    const renamedBox: BoxInfo = { ...g2, name: 'Till-7' };
    const done = run(
      withDraft('Till-7'),
      { type: 'rename-started' },
      { type: 'rename-finished', outcome: { before: g2, box: renamedBox, restarted: true } },
    );
    expect(done.state).toMatchObject({ step: 'overview', box: { name: 'Till-7' } });
    expect(renameView(done)).toEqual({ draft: '', phase: { kind: 'renamed', name: 'Till-7' } });
    expect(run(done, { type: 'overview-continue' }).state).toMatchObject({
      step: 'connect',
      box: { name: 'Till-7' },
    });
    const list = run(done, { type: 'back' });
    expect(list.state).toMatchObject({ step: 'find-box' });
    const names = list.state.step === 'find-box' ? list.state.boxes?.map((box) => box.name) : [];
    expect(names).toEqual(['Till-7', 'iotbox']);
  });

  it('a failure keeps the form and the name, with the diagnosis; editing the name clears it', () => {
    const failed = run(
      withDraft('Till-7'),
      { type: 'rename-started' },
      { type: 'rename-failed', error: { code: 'box-rename-failed', detail: "still 'iotbox'" } },
    );
    expect(failed.state).toMatchObject({ step: 'overview', box: { name: 'iotbox' } });
    expect(renameView(failed)).toEqual({
      draft: 'Till-7',
      phase: {
        kind: 'editing',
        problem: { code: 'box-rename-failed', detail: "still 'iotbox'" },
      },
    });
    const edited = run(failed, { type: 'rename-draft-changed', draft: 'Till-8' });
    expect(renameView(edited).phase).toEqual({ kind: 'editing', problem: null });
  });
});
