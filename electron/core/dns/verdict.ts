import type { DnsVerdict, FilterAt, ResolverProbe, VerdictBasis } from '../../shared/schemas/dns';
import { noAnswer } from './probe-outcome';

export type VerdictDecision = {
  readonly verdict: DnsVerdict;
  /** What the trusted references say the name points to (DoH preferred). */
  readonly publishedAddresses: readonly string[];
  readonly basis: VerdictBasis | null;
  /** DoH answers while every port-53 reference is silent. */
  readonly outboundDnsBlocked: boolean;
};

/** What the diagnosis knows besides the resolvers' answers. */
export type VerdictContext = {
  readonly expectedIp: string;
  /** The address the name itself encodes (`10-77-5-20.<hash>…` → 10.77.5.20). */
  readonly encodedIp: string;
  /** The box answered HTTPS at that address with a certificate for this name. */
  readonly boxReached: boolean;
};

const has = (probe: ResolverProbe, role: ResolverProbe['roles'][number]): boolean =>
  probe.roles.includes(role);

/** A resolver that answered, but without the address: what rebinding protection returns. */
export function answeredEmpty(probe: ResolverProbe): boolean {
  return probe.outcome === 'no-data' || probe.outcome === 'nxdomain' || probe.outcome === 'refused';
}

/** The same reply, as far as the verdict cares: the same address set, or both without one. */
function sameAnswer(a: ResolverProbe, b: ResolverProbe): boolean {
  if (a.outcome === 'answer' && b.outcome === 'answer') {
    return [...a.addresses].sort().join(',') === [...b.addresses].sort().join(',');
  }
  return a.outcome !== 'answer' && b.outcome !== 'answer';
}

/**
 * The one verdict from the resolver differential, in a fixed order of precedence: what the
 * browser sees first (ok), then whether this computer's DNS answers at all, then whether the
 * references can be trusted (interception), then what they say (published? current?) and why the
 * local path loses the answer (rebinding protection). When no reference can be asked, the name
 * speaks for itself: it encodes the address of a box we just reached, so an empty local answer is
 * the filter, not a missing name.
 */
export function decideVerdict(
  probes: readonly ResolverProbe[],
  context: VerdictContext,
): VerdictDecision {
  const { expectedIp } = context;
  const system = probes.find((probe) => has(probe, 'system'));
  const local = probes.filter((probe) => has(probe, 'configured') || has(probe, 'gateway'));
  const references = probes.filter((probe) => has(probe, 'reference'));
  const doh = probes.find((probe) => has(probe, 'doh'));

  const dohAnswered = doh !== undefined && !noAnswer(doh.outcome) ? doh : undefined;
  const referencesAnswered = references.filter((probe) => !noAnswer(probe.outcome));
  const outboundDnsBlocked =
    dohAnswered !== undefined && references.length > 0 && referencesAnswered.length === 0;
  const published = [
    ...new Set(
      (dohAnswered ? [dohAnswered] : referencesAnswered).flatMap((probe) => probe.addresses),
    ),
  ];
  const publishedBasis: VerdictBasis | null = dohAnswered
    ? 'doh'
    : referencesAnswered.length > 0
      ? 'references'
      : null;
  const decide = (verdict: DnsVerdict, basis: VerdictBasis | null): VerdictDecision => ({
    verdict,
    publishedAddresses: published,
    basis,
    outboundDnsBlocked,
  });

  if (system?.outcome === 'answer' && system.addresses.includes(expectedIp)) {
    return decide('ok', null);
  }
  const localPath = [...(system ? [system] : []), ...local];
  if (localPath.length > 0 && localPath.every((probe) => noAnswer(probe.outcome))) {
    return decide('local-dns-down', null);
  }
  const localEmpty = localPath.some(answeredEmpty);
  const localAddresses = localPath.flatMap((probe) => probe.addresses);
  if (publishedBasis === null) {
    // No public answer at all. The name still tells where the box is: if the box is there and
    // the local DNS answers empty, that is the filter.
    const selfEvident =
      context.boxReached &&
      context.encodedIp === expectedIp &&
      localEmpty &&
      !localAddresses.some((address) => address !== expectedIp);
    return selfEvident ? decide('rebind-blocked', 'name') : decide('reference-unreachable', null);
  }
  if (dohAnswered && referencesAnswered.some((probe) => !sameAnswer(probe, dohAnswered))) {
    return decide('intercepted', 'doh');
  }
  if (published.length === 0) {
    return decide('not-published', publishedBasis);
  }
  if (!published.includes(expectedIp)) {
    return decide('stale-address', publishedBasis);
  }
  // The references have the right address; the local path returned another one: someone between
  // this computer and the Internet rewrites answers.
  if (localAddresses.length > 0 && !localAddresses.includes(expectedIp)) {
    return decide('intercepted', publishedBasis);
  }
  if (!localEmpty && outboundDnsBlocked) {
    return decide('outbound-dns-blocked', 'doh');
  }
  return decide('rebind-blocked', publishedBasis);
}

/**
 * Where the private answer is dropped, as far as the evidence goes: the router's own upstream
 * (when the router names it and we could ask it), or this computer's DNS servers when the router
 * is not one of them.
 */
export function locateFilter(
  verdict: DnsVerdict,
  probes: readonly ResolverProbe[],
  expectedIp: string,
): FilterAt | null {
  if (verdict !== 'rebind-blocked') {
    return null;
  }
  const upstream = probes.filter((probe) => has(probe, 'upstream'));
  if (upstream.some((probe) => probe.addresses.includes(expectedIp))) {
    return 'router';
  }
  if (upstream.length > 0 && upstream.every(answeredEmpty)) {
    return 'isp';
  }
  const configured = probes.filter((probe) => has(probe, 'configured'));
  const routerAsked = configured.some((probe) => has(probe, 'gateway'));
  const publicFilter = configured.some(
    (probe) => answeredEmpty(probe) && !isPrivateServer(probe.address),
  );
  if (configured.length > 0 && !routerAsked && publicFilter) {
    return 'isp';
  }
  return 'unknown';
}

function isPrivateServer(address: string): boolean {
  const ip = address.replace(/:\d+$/, '');
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|127\.|169\.254\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/.test(
    ip,
  );
}
