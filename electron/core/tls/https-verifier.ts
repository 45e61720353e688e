import type { HttpsProblem, HttpsVerification } from '../../shared/schemas/certificate';
import type { LookupPort, LookupResult, TlsHandshakeResult, TlsPort } from '../ports';
import {
  boxHostname,
  hashFromCertificateName,
  hashFromCertificateNames,
  isIpv4,
  TEMPORARY_CERTIFICATE_CN,
} from '../odoo-iot-name';
import {
  certificateDetails,
  certificateMatchesHost,
  daysLeft,
  type CertificateDetails,
} from './certificate-details';

/** The box renews at notAfter − 10 days; closer than that is worth a warning. */
export const RENEWAL_WINDOW_DAYS = 10;
const DEFAULT_TIMEOUT_MS = 8_000;
const DEFAULT_LOOKUP_TIMEOUT_MS = 5_000;

export type VerifyBoxHttpsRequest = {
  /** The box's LAN IPv4 address as it reports it: its odoo-iot name is built from it. */
  readonly ip: string;
  /**
   * Where the box was reached (an IP or a host name; `ip` when absent). Every handshake goes
   * here and nowhere else: a name that resolves elsewhere is reported, never connected to.
   */
  readonly address?: string;
  /** 443 unless the box (or a test) serves TLS elsewhere. */
  readonly port?: number;
  /**
   * The box's name, or the `*.<hash>.odoo-iot.com` subject the box reports, or its bare hash.
   * When absent the hash is read from the certificate the box serves on `<ip>:<port>`.
   */
  readonly name?: string;
  /**
   * `name` (default): resolve the name with the system resolver, as a browser does.
   * `ip`: connect to `address` with the name as SNI — checks the certificate independently of DNS
   * (what the DNS repair uses to re-check once DNS is fixed, or to tell DNS from TLS problems).
   */
  readonly via?: 'name' | 'ip';
};

export type VerifyBoxHttpsDeps = {
  readonly lookup: LookupPort;
  readonly tls: TlsPort;
  readonly now: () => Date;
  /** PEM CAs trusted in addition to Node's store and NODE_EXTRA_CA_CERTS (tests: the lab CA). */
  readonly extraCa?: readonly string[];
  /** Each handshake's deadline (default 8 s). */
  readonly timeoutMs?: number;
  /** Each name lookup's deadline (default 5 s). */
  readonly lookupTimeoutMs?: number;
};

const CHAIN_PROBLEMS: Readonly<Record<string, HttpsProblem>> = {
  CERT_HAS_EXPIRED: 'expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  ERR_TLS_CERT_ALTNAME_INVALID: 'name-mismatch',
};

/** One handshake's finding; whether the name led to the box is decided over both checks. */
type Finding = Omit<HttpsVerification, 'nameResolved'>;
type ReportBase = Omit<Finding, 'ok' | 'problem' | 'detail'>;

function emptyReport(via: 'name' | 'ip', hostname: string | null): ReportBase {
  return {
    hostname,
    via,
    address: null,
    trusted: null,
    nameMatches: null,
    notExpired: null,
    notBefore: null,
    notAfter: null,
    daysLeft: null,
    expiresSoon: false,
    subject: null,
    issuer: null,
    san: [],
    fingerprint256: null,
  };
}

function failed(base: ReportBase, problem: HttpsProblem, detail: string | null): Finding {
  return { ok: false, problem, detail, ...base };
}

function fromDetails(base: ReportBase, details: CertificateDetails, now: Date): ReportBase {
  const left = daysLeft(details.notAfter, now);
  const notExpired =
    details.notAfter.getTime() > now.getTime() && details.notBefore.getTime() <= now.getTime();
  return {
    ...base,
    notExpired,
    notBefore: details.notBefore.toISOString(),
    notAfter: details.notAfter.toISOString(),
    daysLeft: left,
    expiresSoon: notExpired && left < RENEWAL_WINDOW_DAYS,
    subject: details.subjectCn,
    issuer: details.issuer,
    san: [...details.san],
    fingerprint256: details.fingerprint256,
  };
}

function connectProblem(result: Exclude<TlsHandshakeResult, { ok: true }>): HttpsProblem {
  return result.failure === 'handshake' ? 'handshake-failed' : 'port-closed';
}

/** The hash from what the caller knows: a full box name, a `*.<hash>` subject or a bare hash. */
function hashFromName(name: string): string | null {
  const trimmed = name.trim().toLowerCase();
  if (/^[a-z0-9]{1,63}$/.test(trimmed)) {
    return trimmed;
  }
  const labels = trimmed.replace(/^\*\./, '').split('.');
  return hashFromCertificateName(labels.slice(-3).join('.'));
}

/** The IPv4 addresses of where the box was reached: itself, or what its host name resolves to. */
async function addressesOf(
  reached: string,
  lookup: (name: string) => Promise<LookupResult>,
): Promise<readonly string[]> {
  if (isIpv4(reached)) {
    return [reached];
  }
  const resolved = await lookup(reached);
  return resolved.ok ? resolved.addresses.filter(isIpv4) : [];
}

/**
 * Verifies the box's HTTPS the way a browser on this computer would: derive the odoo-iot name,
 * resolve it (or not, with `via: 'ip'`), handshake with the system trust store and explain the
 * first thing that would stop a browser. Never throws; a cancelled check rejects with the
 * signal's reason so callers can tell cancellation from a finding.
 *
 * When the name does not lead to the box, the certificate is still checked — at the box's own
 * address, with the name as SNI — so the report keeps its facts (issuer, dates, trust) and a DNS
 * problem is never taken for a certificate problem: the report's problem is the certificate's own
 * when it has one (expired, untrusted, port closed…), else `name-does-not-resolve`.
 */
export async function verifyBoxHttps(
  request: VerifyBoxHttpsRequest,
  deps: VerifyBoxHttpsDeps,
  signal: AbortSignal,
): Promise<HttpsVerification> {
  const byName = await verifyOnce(request, deps, signal);
  if (byName.problem !== 'name-does-not-resolve' || byName.via !== 'name') {
    // A name looked up and connected to (or failing after the lookup) resolved.
    const looked = byName.via === 'name' && byName.hostname !== null;
    return { ...byName, nameResolved: looked ? true : null };
  }
  const atBox = await verifyOnce({ ...request, via: 'ip' }, deps, signal);
  if (atBox.problem === 'name-does-not-resolve') {
    // No name to check at the box's address either.
    return { ...byName, nameResolved: false };
  }
  const merged: HttpsVerification = {
    ...atBox,
    via: 'name',
    hostname: byName.hostname ?? atBox.hostname,
    nameResolved: false,
  };
  return atBox.ok
    ? { ...merged, ok: false, problem: byName.problem, detail: byName.detail }
    : merged;
}

async function verifyOnce(
  request: VerifyBoxHttpsRequest,
  deps: VerifyBoxHttpsDeps,
  signal: AbortSignal,
): Promise<Finding> {
  const via = request.via ?? 'name';
  const port = request.port ?? 443;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const reached = request.address ?? request.ip;
  const lookup = (name: string): Promise<LookupResult> =>
    deps.lookup.lookup(name, {
      timeoutMs: deps.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS,
      signal,
    });
  const handshake = async (address: string, servername?: string): Promise<TlsHandshakeResult> => {
    const result = await deps.tls.handshake(
      {
        address,
        port,
        timeoutMs,
        ...(servername === undefined ? {} : { servername }),
        ...(deps.extraCa === undefined ? {} : { extraCa: deps.extraCa }),
      },
      signal,
    );
    if (!result.ok && result.failure === 'aborted') {
      throw signal.reason ?? new Error('cancelled');
    }
    return result;
  };

  let hash = request.name === undefined ? null : hashFromName(request.name);
  if (hash === null) {
    // G4 never says its subject: learn it from the certificate the box serves by default.
    const served = await handshake(reached);
    const base = { ...emptyReport(via, null), address: reached };
    if (!served.ok) {
      return failed(base, connectProblem(served), served.message);
    }
    const details = certificateDetails(served.der);
    const described = fromDetails(base, details, deps.now());
    if (details.subjectCn === TEMPORARY_CERTIFICATE_CN) {
      return failed({ ...described, trusted: false }, 'temporary-certificate', null);
    }
    hash = hashFromCertificateNames([details.subjectCn ?? '', ...details.san]);
    if (hash === null) {
      // Not an odoo-iot certificate at all: no box name can match it.
      return failed({ ...described, nameMatches: false }, 'name-mismatch', details.subjectCn);
    }
  }

  if (!isIpv4(request.ip)) {
    // Without the LAN address the box names itself by, there is no name to check.
    return failed(
      emptyReport(via, null),
      'name-does-not-resolve',
      `no IPv4 address: ${request.ip}`,
    );
  }
  const hostname = boxHostname(request.ip, hash);
  let address = reached;
  if (via === 'name') {
    const resolved = await lookup(hostname);
    if (signal.aborted) {
      throw signal.reason ?? new Error('cancelled');
    }
    const addresses = resolved.ok ? resolved.addresses.filter(isIpv4) : [];
    if (addresses.length === 0) {
      const detail = resolved.ok ? 'no IPv4 address' : resolved.code;
      return failed(emptyReport(via, hostname), 'name-does-not-resolve', detail);
    }
    const box = await addressesOf(reached, lookup);
    const atBox = addresses.find((candidate) => box.includes(candidate));
    if (atBox === undefined) {
      // The name leads elsewhere (a stale record, NAT, or a box naming another address):
      // nothing is sent there.
      return failed(
        emptyReport(via, hostname),
        'name-does-not-resolve',
        `${hostname} resolves to ${addresses.join(', ')}, not to the box at ${reached}`,
      );
    }
    address = atBox;
  }

  const base = { ...emptyReport(via, hostname), address };
  const connected = await handshake(address, hostname);
  if (!connected.ok) {
    return failed(base, connectProblem(connected), connected.message);
  }
  const details = certificateDetails(connected.der);
  const described = fromDetails(base, details, deps.now());
  const nameMatches = certificateMatchesHost(connected.der, hostname);
  const chainError =
    connected.authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? null
      : connected.authorizationError;
  const report: ReportBase = {
    ...described,
    nameMatches,
    // Expiry is reported on its own; "trusted" is about who signed it.
    trusted: chainError === null || chainError === 'CERT_HAS_EXPIRED',
  };
  if (details.subjectCn === TEMPORARY_CERTIFICATE_CN) {
    return failed({ ...report, trusted: false }, 'temporary-certificate', chainError);
  }
  if (report.notExpired === false || chainError === 'CERT_HAS_EXPIRED') {
    return failed(report, 'expired', chainError ?? 'CERT_HAS_EXPIRED');
  }
  if (chainError !== null) {
    return failed(
      { ...report, trusted: false },
      CHAIN_PROBLEMS[chainError] ?? 'untrusted',
      chainError,
    );
  }
  if (!nameMatches) {
    return failed(report, 'name-mismatch', connected.authorizationError);
  }
  return { ok: true, problem: null, detail: null, ...report };
}
