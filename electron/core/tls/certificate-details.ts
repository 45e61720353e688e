import { createHash, X509Certificate } from 'node:crypto';

import forge from 'node-forge';

/** What the assistant shows about a certificate, whoever served it. */
export type CertificateDetails = {
  readonly subjectCn: string | null;
  readonly issuer: string | null;
  /** DNS names from the subjectAltName extension. */
  readonly san: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SHA-256 of the DER, colon-separated upper-case hex (the form browsers show). */
  readonly fingerprint256: string;
  readonly selfIssued: boolean;
};

const DAY_MS = 24 * 60 * 60 * 1000;

function fingerprint(der: Buffer): string {
  return (createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g) ?? []).join(
    ':',
  );
}

function forgeField(
  attributes: readonly forge.pki.CertificateField[],
  name: string,
): string | null {
  const field = attributes.find((attribute) => attribute.name === name);
  return typeof field?.value === 'string' && field.value !== '' ? field.value : null;
}

function describeIssuer(cn: string | null, org: string | null): string | null {
  if (cn !== null && org !== null && org !== cn) {
    return `${cn} (${org})`;
  }
  return cn ?? org;
}

function withForge(der: Buffer): CertificateDetails {
  const certificate = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
  const subject = certificate.subject.attributes;
  const issuer = certificate.issuer.attributes;
  const extension = certificate.getExtension('subjectAltName') as
    { altNames?: { type: number; value: string }[] } | undefined;
  const subjectCn = forgeField(subject, 'commonName');
  return {
    subjectCn,
    issuer: describeIssuer(
      forgeField(issuer, 'commonName'),
      forgeField(issuer, 'organizationName'),
    ),
    san: (extension?.altNames ?? []).filter((name) => name.type === 2).map((name) => name.value),
    notBefore: certificate.validity.notBefore,
    notAfter: certificate.validity.notAfter,
    fingerprint256: fingerprint(der),
    selfIssued: certificate.isIssuer(certificate),
  };
}

function dnField(distinguishedName: string, key: string): string | null {
  const line = distinguishedName.split('\n').find((part) => part.startsWith(`${key}=`));
  return line === undefined ? null : line.slice(key.length + 1);
}

// node-forge parses RSA certificates only; an ECDSA certificate (Let's Encrypt issues both)
// falls back to Node's own parser so the user still sees the details.
function withNode(der: Buffer): CertificateDetails {
  const certificate = new X509Certificate(der);
  const san = (certificate.subjectAltName ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('DNS:'))
    .map((part) => part.slice(4));
  return {
    subjectCn: dnField(certificate.subject, 'CN'),
    issuer: describeIssuer(dnField(certificate.issuer, 'CN'), dnField(certificate.issuer, 'O')),
    san,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    fingerprint256: fingerprint(der),
    selfIssued: certificate.subject === certificate.issuer,
  };
}

/** Details of a DER certificate (a peer's `raw`). Throws only on bytes that are no certificate. */
export function certificateDetails(der: Buffer): CertificateDetails {
  try {
    return withForge(der);
  } catch {
    return withNode(der);
  }
}

/** Whole days from `now` to `notAfter`, negative once expired. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

/** Whether a certificate for `hostname` covers it (wildcards per RFC 6125, as Node checks). */
export function certificateMatchesHost(der: Buffer, hostname: string): boolean {
  try {
    return new X509Certificate(der).checkHost(hostname) !== undefined;
  } catch {
    return false;
  }
}
