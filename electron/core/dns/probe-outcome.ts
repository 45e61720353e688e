import type { ResolverOutcome } from '../../shared/schemas/dns';

// libuv's getaddrinfo errnos (glibc): the only portable-enough way to tell "empty" from "no name".
const EAI_NODATA = -3007;
const EAI_NONAME = -3008;

const CARES: Readonly<Record<string, ResolverOutcome>> = {
  ENODATA: 'no-data',
  ENOTFOUND: 'nxdomain',
  EREFUSED: 'refused',
  ESERVFAIL: 'servfail',
  ETIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ECANCELLED: 'timeout',
  ECONNREFUSED: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  EAI_AGAIN: 'timeout',
};

/** A c-ares (Resolver) error code as an outcome. */
export function resolverOutcome(code: string): ResolverOutcome {
  return CARES[code] ?? 'error';
}

/** A getaddrinfo (dns.lookup) failure as an outcome; errno first, since `code` merges two cases. */
export function lookupOutcome(code: string, errno: number | undefined): ResolverOutcome {
  if (errno === EAI_NODATA) {
    return 'no-data';
  }
  if (errno === EAI_NONAME) {
    return 'nxdomain';
  }
  return CARES[code] ?? 'error';
}

/** Nothing usable came back at all. */
export function noAnswer(outcome: ResolverOutcome): boolean {
  return (
    outcome === 'timeout' ||
    outcome === 'unreachable' ||
    outcome === 'servfail' ||
    outcome === 'error'
  );
}
