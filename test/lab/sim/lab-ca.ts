import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import forge from 'node-forge';

// Lab certificates for the simulators: one CA per run, leaves issued on demand.
// Nothing here is ever committed; everything is generated at test setup.

export const TEMPORARY_CERTIFICATE_CN = 'OdooTempIoTBoxCertificate';

const DAY_MS = 24 * 60 * 60 * 1000;

export type CertificatePems = {
  /** Leaf certificate alone. */
  readonly cert: string;
  readonly key: string;
  /** Leaf followed by the issuing CA (what a server should send); equals `cert` when self-signed. */
  readonly chain: string;
  readonly subjectCn: string;
  readonly notAfter: Date;
};

export type LeafOptions = {
  readonly commonName: string;
  readonly altNames?: readonly string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
};

export type LabCa = {
  readonly certPem: string;
  readonly keyPem: string;
  issueLeaf(options: LeafOptions): CertificatePems;
  /** `*.<hash>.odoo-iot.com` + `<hash>.odoo-iot.com`, valid for `days` (default 90). */
  issueGood(hash: string, days?: number): CertificatePems;
  /** Same names, notAfter 30 days in the past. */
  issueExpired(hash: string): CertificatePems;
  /** Same names, notAfter `days` from now (use < 10 to trigger the box's refresh window). */
  issueExpiringWithin(hash: string, days: number): CertificatePems;
  /** A CA-signed leaf for an unrelated name (wrong host). */
  issueForName(name?: string): CertificatePems;
};

// RSA key generation dominates the cost; Node's native generator is fast, and reusing keys
// within a run is harmless for test certificates.
const keyCache = new Map<string, string>();

function cachedKeyPem(slot: string): string {
  const cached = keyCache.get(slot);
  if (cached !== undefined) {
    return cached;
  }
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  keyCache.set(slot, privateKey);
  return privateKey;
}

function forgeKeys(keyPem: string): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
} {
  const privateKey = forge.pki.privateKeyFromPem(keyPem);
  const publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  return { privateKey, publicKey };
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  // A leading high bit would make the DER integer negative; some parsers reject that.
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

// X.509 stores seconds; dropping milliseconds keeps computed dates equal to parsed ones.
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function relativeDate(days: number): Date {
  return wholeSeconds(new Date(Date.now() + days * DAY_MS));
}

function buildCertificate(options: {
  subjectCn: string;
  issuer: forge.pki.CertificateField[];
  subjectPublicKey: forge.pki.rsa.PublicKey;
  signingKey: forge.pki.rsa.PrivateKey;
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
  subjectExtra?: forge.pki.CertificateField[];
}): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = options.subjectPublicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = options.notBefore;
  cert.validity.notAfter = options.notAfter;
  cert.setSubject([
    { name: 'commonName', value: options.subjectCn },
    ...(options.subjectExtra ?? []),
  ]);
  cert.setIssuer(options.issuer);
  cert.setExtensions(options.extensions);
  cert.sign(options.signingKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

export function odooIotNames(hash: string): string[] {
  return [`*.${hash}.odoo-iot.com`, `${hash}.odoo-iot.com`];
}

function leafExtensions(altNames: readonly string[]): object[] {
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    // An empty SAN extension is invalid DER-wise; the placeholder simply has none.
    ...(altNames.length === 0
      ? []
      : [{ name: 'subjectAltName', altNames: altNames.map((value) => ({ type: 2, value })) }]),
  ];
}

function caFromParts(certPem: string, keyPem: string): LabCa {
  const caCert = forge.pki.certificateFromPem(certPem);
  const { privateKey: caKey } = forgeKeys(keyPem);

  const issueLeaf = (options: LeafOptions): CertificatePems => {
    const keyPemLeaf = cachedKeyPem('leaf');
    const { publicKey } = forgeKeys(keyPemLeaf);
    const notAfter = wholeSeconds(options.notAfter ?? relativeDate(90));
    const cert = buildCertificate({
      subjectCn: options.commonName,
      issuer: caCert.subject.attributes,
      subjectPublicKey: publicKey,
      signingKey: caKey,
      notBefore: wholeSeconds(options.notBefore ?? relativeDate(-1)),
      notAfter,
      extensions: [
        ...leafExtensions(options.altNames ?? [options.commonName]),
        {
          name: 'authorityKeyIdentifier',
          keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes(),
        },
      ],
    });
    return {
      cert,
      key: keyPemLeaf,
      chain: `${cert}${certPem}`,
      subjectCn: options.commonName,
      notAfter,
    };
  };

  const forHash = (hash: string, notBefore: Date, notAfter: Date): CertificatePems => {
    const names = odooIotNames(hash);
    return issueLeaf({ commonName: names[0] ?? hash, altNames: names, notBefore, notAfter });
  };

  return {
    certPem,
    keyPem,
    issueLeaf,
    issueGood: (hash, days = 90) => forHash(hash, relativeDate(-1), relativeDate(days)),
    issueExpired: (hash) => forHash(hash, relativeDate(-120), relativeDate(-30)),
    issueExpiringWithin: (hash, days) => forHash(hash, relativeDate(-80), relativeDate(days)),
    issueForName: (name = 'other.example.test') => issueLeaf({ commonName: name }),
  };
}

export function createLabCa(commonName = 'IoT Box Assistant Lab CA'): LabCa {
  const keyPem = cachedKeyPem(`ca:${commonName}`);
  const { privateKey, publicKey } = forgeKeys(keyPem);
  const subject: forge.pki.CertificateField[] = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'IoT Box Assistant lab' },
  ];
  const certPem = buildCertificate({
    subjectCn: commonName,
    subjectExtra: subject.slice(1),
    issuer: subject,
    subjectPublicKey: publicKey,
    signingKey: privateKey,
    notBefore: relativeDate(-1),
    notAfter: relativeDate(3650),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  return caFromParts(certPem, keyPem);
}

export function labCaFromPem(certPem: string, keyPem: string): LabCa {
  return caFromParts(certPem, keyPem);
}

function issueSelfSignedInternal(
  slot: string,
  commonName: string,
  altNames: readonly string[],
  days: number,
): CertificatePems {
  const keyPem = cachedKeyPem(slot);
  const { privateKey, publicKey } = forgeKeys(keyPem);
  const notAfter = relativeDate(days);
  const cert = buildCertificate({
    subjectCn: commonName,
    issuer: [{ name: 'commonName', value: commonName }],
    subjectPublicKey: publicKey,
    signingKey: privateKey,
    notBefore: relativeDate(-1),
    notAfter,
    extensions: leafExtensions(altNames),
  });
  return { cert, key: keyPem, chain: cert, subjectCn: commonName, notAfter };
}

/** A leaf signed by its own key (issuer = subject). */
export function issueSelfSigned(
  commonName = 'selfsigned.example.test',
  days = 90,
): CertificatePems {
  return issueSelfSignedInternal('self-signed', commonName, [commonName], days);
}

/**
 * The placeholder shipped in the box image. Its real validity and extensions are unknown;
 * the box only looks at the CN, so a long-lived self-signed certificate is enough.
 */
export function issueTemporaryCertificate(): CertificatePems {
  return issueSelfSignedInternal('temporary', TEMPORARY_CERTIFICATE_CN, [], 3650);
}

export type CertificateSummary = {
  readonly subjectCn: string;
  readonly issuerCn: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly altNames: readonly string[];
};

function cnOf(distinguishedName: string): string {
  const line = distinguishedName.split('\n').find((part) => part.startsWith('CN='));
  return line === undefined ? '' : line.slice(3);
}

/** Parse the first certificate of a PEM (chain) with Node's own X.509 parser. */
export function describeCertificate(pem: string): CertificateSummary {
  const x509 = new X509Certificate(pem);
  const altNames = (x509.subjectAltName ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('DNS:'))
    .map((part) => part.slice(4));
  return {
    subjectCn: cnOf(x509.subject),
    issuerCn: cnOf(x509.issuer),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    altNames,
  };
}

const CA_BUNDLE_FILE = 'ca-key-and-cert.pem';
export const CA_CERT_FILE = 'ca.pem';

function splitBundle(bundle: string): { keyPem: string; certPem: string } {
  const key = /-----BEGIN RSA PRIVATE KEY-----[\s\S]+?-----END RSA PRIVATE KEY-----\r?\n?/.exec(
    bundle,
  );
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\r?\n?/.exec(bundle);
  if (key === null || cert === null) {
    throw new Error('lab CA bundle is missing its key or certificate');
  }
  return { keyPem: key[0], certPem: cert[0] };
}

/**
 * Share one CA between processes (the namespace lab runs odoo.com and the client separately).
 * The key+cert bundle is published with link(), which fails if another process won the race,
 * so every process ends up with the same CA. `ca.pem` is the file for NODE_EXTRA_CA_CERTS.
 */
export async function loadOrCreateLabCa(dir: string): Promise<{ ca: LabCa; caCertPath: string }> {
  await mkdir(dir, { recursive: true });
  const bundlePath = join(dir, CA_BUNDLE_FILE);
  const caCertPath = join(dir, CA_CERT_FILE);
  let bundle: string;
  try {
    bundle = await readFile(bundlePath, 'utf8');
  } catch {
    const fresh = createLabCa();
    const tmp = join(dir, `.${CA_BUNDLE_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
    await writeFile(tmp, `${fresh.keyPem}${fresh.certPem}`, { mode: 0o600 });
    try {
      await link(tmp, bundlePath);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
        throw error;
      }
    } finally {
      await rm(tmp, { force: true });
    }
    bundle = await readFile(bundlePath, 'utf8');
  }
  const { keyPem, certPem } = splitBundle(bundle);
  const tmpCert = `${caCertPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmpCert, certPem);
  await rename(tmpCert, caCertPath);
  return { ca: labCaFromPem(certPem, keyPem), caCertPath };
}
