import { describe, expect, it } from 'vitest';

import { decideVerdict } from '../../../../../electron/core/dns/verdict';
import type { ResolverProbe } from '../../../../../electron/shared/schemas/dns';

const IP = '192.168.1.143';

function probe(
  roles: ResolverProbe['roles'],
  outcome: ResolverProbe['outcome'],
  addresses: string[] = [],
): ResolverProbe {
  return { roles, address: roles.join('+'), outcome, addresses, error: null, errno: null, ms: 5 };
}

const system = (outcome: ResolverProbe['outcome'], addresses: string[] = []) =>
  probe(['system'], outcome, addresses);
const router = (outcome: ResolverProbe['outcome'], addresses: string[] = []) =>
  probe(['configured', 'gateway'], outcome, addresses);
const google = (outcome: ResolverProbe['outcome'], addresses: string[] = []) =>
  probe(['reference'], outcome, addresses);
const doh = (outcome: ResolverProbe['outcome'], addresses: string[] = []) =>
  probe(['doh'], outcome, addresses);

describe('decideVerdict', () => {
  it.each([
    ['ok', [system('answer', [IP]), router('answer', [IP]), google('answer', [IP])]],
    [
      'rebind-blocked',
      [system('no-data'), router('no-data'), google('answer', [IP]), doh('answer', [IP])],
    ],
    ['rebind-blocked', [system('nxdomain'), router('refused'), google('answer', [IP])]],
    [
      'not-published',
      [system('nxdomain'), router('nxdomain'), google('nxdomain'), doh('nxdomain')],
    ],
    [
      'stale-address',
      [
        system('answer', ['192.168.1.50']),
        router('answer', ['192.168.1.50']),
        google('answer', ['192.168.1.50']),
      ],
    ],
    ['local-dns-down', [system('timeout'), router('unreachable'), google('answer', [IP])]],
    ['reference-unreachable', [system('no-data'), router('no-data'), google('timeout')]],
    [
      'reference-unreachable',
      [system('no-data'), router('no-data'), google('timeout'), doh('answer', [IP])],
    ],
    ['intercepted', [system('no-data'), router('no-data'), google('no-data'), doh('answer', [IP])]],
    [
      'intercepted',
      [system('answer', ['10.0.0.1']), router('answer', ['10.0.0.1']), google('answer', [IP])],
    ],
  ] as const)('%s', (verdict, probes) => {
    expect(decideVerdict(probes, IP).verdict).toBe(verdict);
  });

  it('prefers DoH as the published answer, and reports it', () => {
    const decision = decideVerdict(
      [system('no-data'), router('no-data'), google('answer', [IP]), doh('answer', [IP])],
      IP,
    );
    expect(decision.publishedAddresses).toEqual([IP]);
  });

  it('is ok as soon as the system resolver has the box, whatever the others say', () => {
    expect(decideVerdict([system('answer', [IP]), google('timeout')], IP).verdict).toBe('ok');
  });

  it('with DoH only (no UDP references), uses DoH as the reference', () => {
    expect(decideVerdict([system('no-data'), doh('answer', [IP])], IP).verdict).toBe(
      'rebind-blocked',
    );
    expect(decideVerdict([system('no-data'), doh('timeout')], IP).verdict).toBe(
      'reference-unreachable',
    );
  });
});
