import type { DnsRecheck } from '../../shared/schemas/dns';
import { verifyBoxHttps, type VerifyBoxHttpsDeps } from '../tls/https-verifier';
import type { DnsDiagnosisService } from './dns-diagnosis-service';

/**
 * After a fix: resolve the name again the way the browser does, then open HTTPS to it with the
 * certificate step's verifier. Both must pass for "This computer can reach the IoT box securely".
 */
export async function recheckBox(
  deps: { readonly diagnosis: DnsDiagnosisService; readonly verifierDeps: VerifyBoxHttpsDeps },
  name: string,
  expectedIp: string,
  signal: AbortSignal,
): Promise<DnsRecheck> {
  const lookup = await deps.diagnosis.lookupOnly(name, signal);
  const resolves = lookup.outcome === 'answer' && lookup.addresses.includes(expectedIp);
  if (!resolves) {
    return {
      name,
      expectedIp,
      resolves,
      lookup,
      https: { status: 'not-checked', code: null },
      reachable: false,
    };
  }
  const verified = await verifyBoxHttps(
    { ip: expectedIp, name, via: 'name' },
    deps.verifierDeps,
    signal,
  );
  return {
    name,
    expectedIp,
    resolves,
    lookup,
    https: verified.ok
      ? { status: 'ok', code: null }
      : { status: 'failed', code: verified.problem ?? 'unknown' },
    reachable: verified.ok,
  };
}
