import { describe, expect, it } from 'vitest';

import { mergeBox } from '../../../../../electron/core/discovery/merge';
import type { FoundBox } from '../../../../../electron/shared/schemas/discovery';
import { sampleFoundBox } from '../../../../fakes/sample-box';

const box = (patch: Partial<FoundBox>): FoundBox => ({ ...sampleFoundBox, ...patch });

describe('mergeBox', () => {
  it('adds a box it has not seen', () => {
    const outcome = mergeBox([], box({ foundBy: ['sweep'] }));
    expect(outcome.kind).toBe('added');
    expect(outcome.boxes).toHaveLength(1);
  });

  it('merges by identifier even across addresses, uniting channels in a fixed order', () => {
    const first = box({ ip: '127.0.0.1', foundBy: ['localhost'] });
    const second = box({ ip: '192.168.1.20', foundBy: ['mdns'] });
    const outcome = mergeBox(mergeBox([], first).boxes, second);
    expect(outcome.kind).toBe('updated');
    expect(outcome.boxes).toHaveLength(1);
    expect(outcome.box.foundBy).toEqual(['mdns', 'localhost']);
    expect(outcome.box.ip).toBe('127.0.0.1');
  });

  it('keeps two boxes with different identifiers apart even at one address', () => {
    const outcome = mergeBox([box({ identifier: 'a' })], box({ identifier: 'b' }));
    expect(outcome.kind).toBe('added');
    expect(outcome.boxes).toHaveLength(2);
  });

  it('falls back to the MAC (any case or separator), then to the IP', () => {
    const byMac = mergeBox(
      [box({ identifier: null, mac: 'B8-27-EB-00-00-14', ip: '10.0.0.1' })],
      box({ identifier: null, mac: 'b8:27:eb:00:00:14', ip: '10.0.0.2', foundBy: ['mdns'] }),
    );
    expect(byMac.boxes).toHaveLength(1);
    const byIp = mergeBox(
      [box({ identifier: null, mac: null, name: null })],
      box({ identifier: null, mac: null, name: 'shop', foundBy: ['mdns'] }),
    );
    expect(byIp.boxes).toHaveLength(1);
    expect(byIp.box.name).toBe('shop');
  });

  it('reports nothing new when the same channel finds the same box again', () => {
    const outcome = mergeBox([box({ foundBy: ['sweep'] })], box({ foundBy: ['sweep'] }));
    expect(outcome.kind).toBe('unchanged');
  });
});
