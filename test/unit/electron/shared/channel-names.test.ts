import { describe, expect, it } from 'vitest';

import { eventMethods, invokeMethods } from '../../../../electron/shared/channel-names';
import { events, invoke } from '../../../../electron/shared/contract';

const methodsOf = (specs: Readonly<Record<string, { readonly method: string }>>) =>
  Object.fromEntries(Object.entries(specs).map(([channel, spec]) => [channel, spec.method]));

describe('the preload’s channel names', () => {
  it('equal the contract: every request and event channel, each with its method', () => {
    expect(invokeMethods).toStrictEqual(methodsOf(invoke));
    expect(eventMethods).toStrictEqual(methodsOf(events));
  });
});
