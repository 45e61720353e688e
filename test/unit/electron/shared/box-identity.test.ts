import { describe, expect, it } from 'vitest';

import { boxMarks, boxName } from '../../../../electron/shared/box-identity';
import type { GuideText } from '../../../../electron/shared/dns-guidance';
import { locales, messageAt } from '../../../../electron/shared/locales';
import { sampleFoundBox } from '../../../fakes/sample-box';

/** The sentence as each language says it, placeholders filled the way i18next fills them. */
const sayIn =
  (language: keyof typeof locales) =>
  (text: GuideText): string =>
    (messageAt(locales[language], text.key) ?? text.key).replace(
      /{{(\w+)}}/g,
      (_whole, key: string) => text.values?.[key] ?? '',
    );
const english = sayIn('en');

describe('box identity', () => {
  it('goes by the host name when the box has one', () => {
    expect(boxName({ ...sampleFoundBox, name: 'iotbox' }, english)).toBe('iotbox');
  });

  it('names a box without one (G4) as Odoo does: serial number, then pairing code', () => {
    const g4 = { ...sampleFoundBox, name: null, identifier: '10000000a1b2c3d4' };
    expect(boxName(g4, english)).toBe('IoT Box 10000000a1b2c3d4');
    expect(boxName({ ...g4, pairingCode: 'A1B2C3' }, english)).toBe(
      'IoT Box 10000000a1b2c3d4 A1B2C3',
    );
    // Two unnamed boxes never share a name, in any language.
    const other = { ...g4, identifier: '10000000ffff0000' };
    expect(boxName(g4, sayIn('de'))).not.toBe(boxName(other, sayIn('de')));
    expect(boxName(g4, sayIn('fr'))).toBe('Boîtier IoT 10000000a1b2c3d4');
  });

  it('falls back to the MAC address, then to a plain name', () => {
    const old = { ...sampleFoundBox, name: null, identifier: null, mac: 'b8:27:eb:00:00:14' };
    expect(boxName(old, english)).toBe('IoT Box b8:27:eb:00:00:14');
    expect(boxName({ ...old, mac: null }, english)).toBe('IoT box');
  });

  it('marks a box by serial number, MAC and pairing code (the MAC once when it is the identifier)', () => {
    expect(boxMarks({ ...sampleFoundBox, pairingCode: 'A1B2C3' }).map(english)).toEqual([
      'Serial number 10000000a1b2c3d4',
      'MAC address b8:27:eb:00:00:14',
      'Pairing code A1B2C3',
    ]);
    const g1 = { ...sampleFoundBox, identifier: 'b8:27:eb:00:00:14', mac: 'b8:27:eb:00:00:14' };
    expect(boxMarks(g1).map(english)).toEqual(['MAC address b8:27:eb:00:00:14']);
  });
});
