import { describe, expect, it } from 'vitest';

import type { DiscoveryReport } from '../../../electron/shared/contract';
import { sampleFoundBox as box } from '../../fakes/sample-box';
import {
  initialWizardState,
  stepNumber,
  wizardReducer,
  type WizardAction,
  type WizardState,
} from '../../../renderer/src/wizard/wizard-state';

const report: DiscoveryReport = { boxes: [], durationMs: 10, probed: 254 };
const findIdle: WizardState = { step: 'find-box', scan: { status: 'idle' } };
const findLoading: WizardState = { step: 'find-box', scan: { status: 'loading' } };

const table: [string, WizardState, WizardAction, WizardState][] = [
  ['start from welcome', initialWizardState, { type: 'start' }, findIdle],
  ['start again is ignored', findIdle, { type: 'start' }, findIdle],
  ['back to welcome', findLoading, { type: 'back' }, { step: 'welcome' }],
  ['back on welcome stays', { step: 'welcome' }, { type: 'back' }, { step: 'welcome' }],
  ['scan starts', findIdle, { type: 'scan-started' }, findLoading],
  [
    'scan finishes',
    findLoading,
    { type: 'scan-finished', report },
    { step: 'find-box', scan: { status: 'loaded', value: report } },
  ],
  [
    'scan fails with its code',
    findLoading,
    { type: 'scan-failed', error: { code: 'not-implemented' } },
    { step: 'find-box', scan: { status: 'failed', error: { code: 'not-implemented' } } },
  ],
  [
    'a late result after leaving is dropped',
    { step: 'welcome' },
    { type: 'scan-finished', report },
    { step: 'welcome' },
  ],
  [
    'a result without a running scan is dropped',
    findIdle,
    { type: 'scan-finished', report },
    findIdle,
  ],
  [
    'scan-started on welcome is ignored',
    { step: 'welcome' },
    { type: 'scan-started' },
    { step: 'welcome' },
  ],
];

describe('wizard reducer', () => {
  it.each(table)('%s', (_name, state, action, expected) => {
    expect(wizardReducer(state, action)).toEqual(expected);
  });

  it('numbers the steps', () => {
    expect(stepNumber(initialWizardState)).toBe(1);
    expect(stepNumber(findIdle)).toBe(2);
    expect(stepNumber({ step: 'secure', box })).toBe(4);
  });
});
