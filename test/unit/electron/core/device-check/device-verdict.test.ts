import { describe, expect, it } from 'vitest';

import { classifyDevice } from '../../../../../electron/core/device-check/device-verdict';
import type {
  DevicePageResult,
  ProbeOutcome,
} from '../../../../../electron/shared/schemas/device-check';

const probe = (outcome: ProbeOutcome, ms = 10) => ({ outcome, ms });

function probes(
  http: ProbeOutcome,
  name: ProbeOutcome,
  https: ProbeOutcome,
  nameOther: ProbeOutcome | null = null,
): DevicePageResult['probes'] {
  return {
    http: probe(http),
    name: probe(name),
    https: probe(https),
    nameOther: nameOther === null ? null : probe(nameOther),
  };
}

describe('one verdict per device', () => {
  it.each([
    ['everything answers', probes('ping', 'ping', 'ping'), 'ok'],
    [
      'HTTPS works although plain HTTP by name did not (HSTS)',
      probes('ping', 'none', 'ping', 'none'),
      'ok',
    ],
    [
      'by IP only: the name does not resolve here',
      probes('ping', 'none', 'none', 'none'),
      'name-blocked',
    ],
    [
      'by IP only, the name timed out',
      probes('ping', 'timeout', 'timeout', 'timeout'),
      'name-blocked',
    ],
    [
      'the name leads to the box but HTTPS fails',
      probes('ping', 'ping', 'none'),
      'certificate-untrusted',
    ],
    ['the name leads to another server', probes('ping', 'none', 'none', 'other'), 'wrong-address'],
    [
      'another server answers at the name directly',
      probes('ping', 'other', 'none', 'other'),
      'wrong-address',
    ],
    ['nothing answers at all', probes('none', 'none', 'none', 'none'), 'box-unreachable'],
    [
      'the box times out everywhere',
      probes('timeout', 'timeout', 'timeout', 'timeout'),
      'box-unreachable',
    ],
    [
      'the secure address answers, but not as a box',
      probes('ping', 'ping', 'other'),
      'box-unreachable',
    ],
  ] as const)('%s → %s', (_label, input, verdict) => {
    expect(classifyDevice(input).verdict).toBe(verdict);
  });

  it('reports each check with what was seen and how long it took', () => {
    const { checks } = classifyDevice({
      http: probe('ping', 12),
      name: probe('none', 3),
      nameOther: probe('other', 40),
      https: probe('timeout', 4000),
    });
    expect(checks).toEqual({
      http: { ok: true, detail: 'box', ms: 12 },
      name: { ok: false, detail: 'other-server', ms: 3 },
      https: { ok: false, detail: 'timeout', ms: 4000 },
    });
  });
});
