import type { DnsVerdict, ResolverProbe } from '../../shared/schemas/dns';
import { noAnswer } from './probe-outcome';

export type VerdictDecision = {
  readonly verdict: DnsVerdict;
  /** What the trusted references say the name points to (DoH preferred). */
  readonly publishedAddresses: readonly string[];
};

const has = (probe: ResolverProbe, role: ResolverProbe['roles'][number]): boolean =>
  probe.roles.includes(role);

/** The same reply, as far as the verdict cares: the same address set, or both without one. */
function sameAnswer(a: ResolverProbe, b: ResolverProbe): boolean {
  if (a.outcome === 'answer' && b.outcome === 'answer') {
    return [...a.addresses].sort().join(',') === [...b.addresses].sort().join(',');
  }
  return a.outcome !== 'answer' && b.outcome !== 'answer';
}

/**
 * The one verdict from the resolver differential, in a fixed order of precedence: what the
 * browser sees first (ok), then whether we could ask at all (local, references), then whether the
 * references can be trusted (interception), then what they say (published? current?) and finally
 * why the local path loses the answer (rebinding protection).
 */
export function decideVerdict(
  probes: readonly ResolverProbe[],
  expectedIp: string,
): VerdictDecision {
  const system = probes.find((probe) => has(probe, 'system'));
  const local = probes.filter((probe) => has(probe, 'configured') || has(probe, 'gateway'));
  const references = probes.filter((probe) => has(probe, 'reference'));
  const doh = probes.find((probe) => has(probe, 'doh'));

  const dohAnswered = doh !== undefined && !noAnswer(doh.outcome) ? doh : undefined;
  const referencesAnswered = references.filter((probe) => !noAnswer(probe.outcome));
  const published = [
    ...new Set(
      (dohAnswered ? [dohAnswered] : referencesAnswered).flatMap((probe) => probe.addresses),
    ),
  ];
  const decide = (verdict: DnsVerdict): VerdictDecision => ({
    verdict,
    publishedAddresses: published,
  });

  if (system?.outcome === 'answer' && system.addresses.includes(expectedIp)) {
    return decide('ok');
  }
  const localPath = [...(system ? [system] : []), ...local];
  if (localPath.length > 0 && localPath.every((probe) => noAnswer(probe.outcome))) {
    return decide('local-dns-down');
  }
  if (references.length > 0 ? referencesAnswered.length === 0 : dohAnswered === undefined) {
    return decide('reference-unreachable');
  }
  if (dohAnswered && referencesAnswered.some((probe) => !sameAnswer(probe, dohAnswered))) {
    return decide('intercepted');
  }
  if (published.length === 0) {
    return decide('not-published');
  }
  if (!published.includes(expectedIp)) {
    return decide('stale-address');
  }
  // The references have the right address; the local path returned another one: someone between
  // this computer and the Internet rewrites answers.
  const localAddresses = localPath.flatMap((probe) => probe.addresses);
  if (localAddresses.length > 0 && !localAddresses.includes(expectedIp)) {
    return decide('intercepted');
  }
  return decide('rebind-blocked');
}
