import { describe, expect, it } from 'vitest';

import { mergeBox } from '../../../../../electron/core/discovery/merge';
import type { FoundBox } from '../../../../../electron/shared/schemas/discovery';
import { sampleFoundBox } from '../../../../fakes/sample-box';

const box = (patch: Partial<FoundBox>): FoundBox => ({ ...sampleFoundBox, ...patch });
const at = (host: string, port = 8069) => ({ address: { host, port }, ip: host });

describe('mergeBox', () => {
  it('adds a box at an address it has not seen', () => {
    const outcome = mergeBox([], box({ foundBy: ['sweep'] }));
    expect(outcome.added).not.toBeNull();
    expect(outcome.boxes).toHaveLength(1);
  });

  it('folds answers from one address together, uniting channels in a fixed order', () => {
    const first = box({ ...at('192.168.1.20'), name: null, foundBy: ['sweep'] });
    const second = box({ ...at('192.168.1.20'), name: 'shop', foundBy: ['mdns'] });
    const outcome = mergeBox(mergeBox([], first).boxes, second);
    expect(outcome.added).toBeNull();
    expect(outcome.boxes).toHaveLength(1);
    expect(outcome.updated).toHaveLength(1);
    expect(outcome.boxes[0]).toMatchObject({ name: 'shop', foundBy: ['mdns', 'sweep'] });
  });

  it('never folds two addresses into one: a copied identifier lists both, each naming the other', () => {
    const real = box({ ...at('192.168.1.20'), foundBy: ['sweep'] });
    const copy = box({ ...at('192.168.1.66'), foundBy: ['mdns'] });
    const outcome = mergeBox(mergeBox([], real).boxes, copy);
    expect(outcome.boxes.map((entry) => entry.address.host)).toEqual([
      '192.168.1.20',
      '192.168.1.66',
    ]);
    expect(outcome.added?.alsoClaimedBy).toEqual([{ host: '192.168.1.20', port: 8069 }]);
    // The entry that was already listed is updated, so the list can say so on both.
    expect(outcome.updated.map((entry) => [entry.address.host, entry.alsoClaimedBy])).toEqual([
      ['192.168.1.20', [{ host: '192.168.1.66', port: 8069 }]],
    ]);
  });

  it('a shared MAC (any case or separator) is a shared identity too; different ones are not', () => {
    const first = box({ ...at('10.0.0.1'), identifier: null, mac: 'B8-27-EB-00-00-14' });
    const second = box({ ...at('10.0.0.2'), identifier: null, mac: 'b8:27:eb:00:00:14' });
    const third = box({ ...at('10.0.0.3'), identifier: 'other', mac: 'b8:27:eb:00:00:99' });
    const outcome = [second, third].reduce(
      (boxes, next) => mergeBox(boxes, next).boxes,
      mergeBox([], first).boxes,
    );
    expect(outcome.map((entry) => entry.alsoClaimedBy.map((claim) => claim.host))).toEqual([
      ['10.0.0.2'],
      ['10.0.0.1'],
      [],
    ]);
  });

  it('reports nothing new when the same channel finds the same box again', () => {
    const outcome = mergeBox([box({ foundBy: ['sweep'] })], box({ foundBy: ['sweep'] }));
    expect(outcome.added).toBeNull();
    expect(outcome.updated).toEqual([]);
  });
});
