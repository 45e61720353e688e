import { describe, expect, it } from 'vitest';

import { decideVerdict, locateFilter } from '../../../../../electron/core/dns/verdict';
import type { ResolverProbe } from '../../../../../electron/shared/schemas/dns';

const IP = '192.168.1.143';
const context = { expectedIp: IP, encodedIp: IP, boxReached: false };
const reached = { ...context, boxReached: true };

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
      'rebind-blocked',
      [system('no-data'), router('no-data'), google('timeout'), doh('answer', [IP])],
    ],
    [
      'outbound-dns-blocked',
      [system('timeout'), router('answer', [IP]), google('timeout'), doh('answer', [IP])],
    ],
    ['intercepted', [system('no-data'), router('no-data'), google('no-data'), doh('answer', [IP])]],
    [
      'intercepted',
      [system('answer', ['10.0.0.1']), router('answer', ['10.0.0.1']), google('answer', [IP])],
    ],
  ] as const)('%s', (verdict, probes) => {
    expect(decideVerdict(probes, context).verdict).toBe(verdict);
  });

  it('prefers DoH as the published answer, and reports it', () => {
    const decision = decideVerdict(
      [system('no-data'), router('no-data'), google('answer', [IP]), doh('answer', [IP])],
      context,
    );
    expect(decision.publishedAddresses).toEqual([IP]);
    expect(decision.basis).toBe('doh');
  });

  it('is ok as soon as the system resolver has the box, whatever the others say', () => {
    expect(decideVerdict([system('answer', [IP]), google('timeout')], context).verdict).toBe('ok');
  });

  it('with DoH only (no UDP references), uses DoH as the reference', () => {
    expect(decideVerdict([system('no-data'), doh('answer', [IP])], context).verdict).toBe(
      'rebind-blocked',
    );
    expect(decideVerdict([system('no-data'), doh('timeout')], context).verdict).toBe(
      'reference-unreachable',
    );
  });

  it('without any public answer, a box reached at the address its name encodes is enough', () => {
    const silentReferences = [system('no-data'), router('no-data'), google('timeout')];
    const decision = decideVerdict(silentReferences, reached);
    expect(decision).toMatchObject({ verdict: 'rebind-blocked', basis: 'name' });
    // Not when the box did not answer there, nor when the name encodes another address.
    expect(decideVerdict(silentReferences, context).verdict).toBe('reference-unreachable');
    expect(decideVerdict(silentReferences, { ...reached, encodedIp: '192.168.1.99' }).verdict).toBe(
      'reference-unreachable',
    );
    // Nor when the local DNS answered with another address: that is not an empty answer.
    expect(
      decideVerdict([system('answer', ['10.0.0.1']), google('timeout')], reached).verdict,
    ).toBe('reference-unreachable');
  });

  it('flags port 53 blocked when DoH answers and the UDP references do not', () => {
    const decision = decideVerdict(
      [system('no-data'), router('no-data'), google('timeout'), doh('answer', [IP])],
      context,
    );
    expect(decision).toMatchObject({ verdict: 'rebind-blocked', outboundDnsBlocked: true });
    expect(
      decideVerdict([system('no-data'), google('answer', [IP]), doh('answer', [IP])], context)
        .outboundDnsBlocked,
    ).toBe(false);
  });
});

describe('locateFilter', () => {
  const upstream = (outcome: ResolverProbe['outcome'], addresses: string[] = []) =>
    probe(['upstream'], outcome, addresses);
  it('asks the router’s own upstream: an answer there means the router drops it', () => {
    expect(locateFilter('rebind-blocked', [router('no-data'), upstream('answer', [IP])], IP)).toBe(
      'router',
    );
    expect(locateFilter('rebind-blocked', [router('no-data'), upstream('no-data')], IP)).toBe(
      'isp',
    );
  });
  it('a public resolver asked directly (not the router) is the provider’s filter', () => {
    const direct = { ...probe(['configured'], 'no-data'), address: '203.0.113.9:53' };
    expect(locateFilter('rebind-blocked', [direct], IP)).toBe('isp');
  });
  it('unknown when nothing tells them apart; null when nothing is filtered', () => {
    expect(locateFilter('rebind-blocked', [router('no-data')], IP)).toBe('unknown');
    expect(locateFilter('ok', [router('answer', [IP])], IP)).toBeNull();
  });
});
