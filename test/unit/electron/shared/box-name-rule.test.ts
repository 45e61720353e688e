import { describe, expect, it } from 'vitest';

import { BOX_NAME_MAX_LENGTH, boxNameProblem } from '../../../../electron/shared/box-name-rule';

// What rename_iot.sh would keep unchanged is accepted; what it would strip, or what would break
// `hostname` or the access point's SSID, is refused before anything is sent.
describe('boxNameProblem', () => {
  it('accepts ASCII letters, digits and inner hyphens up to the SSID limit', () => {
    for (const name of ['a', 'Till-7', 'shop-box-2', '7', 'x'.repeat(BOX_NAME_MAX_LENGTH)]) {
      expect(boxNameProblem(name, 'iotbox')).toBeNull();
    }
  });

  it.each([
    ['', 'empty'],
    ['till 7', 'characters'],
    ['café', 'characters'],
    ['till_7', 'characters'],
    ['till.shop', 'characters'],
    ['-till', 'hyphen-edge'],
    ['till-', 'hyphen-edge'],
    ['x'.repeat(BOX_NAME_MAX_LENGTH + 1), 'too-long'],
    ['iotbox', 'unchanged'],
  ] as const)('%j → %s', (name, problem) => {
    expect(boxNameProblem(name, 'iotbox')).toBe(problem);
  });

  it('a change of case is a new name (the box compares names exactly)', () => {
    expect(boxNameProblem('IotBox', 'iotbox')).toBeNull();
  });
});
