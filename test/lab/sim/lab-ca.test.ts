import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  createLabCa,
  describeCertificate,
  issueSelfSigned,
  issueTemporaryCertificate,
  loadOrCreateLabCa,
  TEMPORARY_CERTIFICATE_CN,
} from './lab-ca';

const DAY = 24 * 60 * 60 * 1000;
const ca = createLabCa();
const caX509 = new X509Certificate(ca.certPem);

describe('lab CA', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('is a CA certificate valid for years', () => {
    expect(caX509.ca).toBe(true);
    expect(caX509.checkIssued(caX509)).toBe(true);
    expect(new Date(caX509.validTo).getTime()).toBeGreaterThan(Date.now() + 9 * 365 * DAY);
  });

  it('issues a good *.<hash>.odoo-iot.com leaf chained to the CA, for ~90 days', () => {
    const good = ca.issueGood('abcd1234');
    const leaf = new X509Certificate(good.cert);
    expect(leaf.verify(caX509.publicKey)).toBe(true);
    expect(leaf.checkIssued(caX509)).toBe(true);
    expect(leaf.subject).toContain('CN=*.abcd1234.odoo-iot.com');
    expect(leaf.subjectAltName).toBe('DNS:*.abcd1234.odoo-iot.com, DNS:abcd1234.odoo-iot.com');
    expect(leaf.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    expect(leaf.ca).toBe(false);
    const days = (new Date(leaf.validTo).getTime() - Date.now()) / DAY;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThan(91);
    expect(good.chain).toBe(`${good.cert}${ca.certPem}`);
    expect(leaf.checkPrivateKey(createPrivateKey(good.key))).toBe(true);
    expect(good.notAfter.getTime()).toBe(new Date(leaf.validTo).getTime());
  });

  it('issues expired, expiring, wrong-host, self-signed and placeholder certificates', () => {
    const expired = describeCertificate(ca.issueExpired('abcd1234').cert);
    expect(expired.notAfter.getTime()).toBeLessThan(Date.now() - 29 * DAY);

    const expiring = describeCertificate(ca.issueExpiringWithin('abcd1234', 3).cert);
    expect(expiring.notAfter.getTime() - Date.now()).toBeLessThan(3 * DAY + 1000);
    expect(expiring.notAfter.getTime()).toBeGreaterThan(Date.now());

    const other = describeCertificate(ca.issueForName().cert);
    expect(other.subjectCn).toBe('other.example.test');
    expect(other.issuerCn).toBe('IoT Box Assistant Lab CA');

    const self = issueSelfSigned();
    const selfX509 = new X509Certificate(self.cert);
    expect(selfX509.subject).toBe(selfX509.issuer);
    expect(selfX509.verify(selfX509.publicKey)).toBe(true);
    expect(selfX509.verify(caX509.publicKey)).toBe(false);
    expect(self.chain).toBe(self.cert);

    const temp = issueTemporaryCertificate();
    const summary = describeCertificate(temp.cert);
    expect(summary.subjectCn).toBe(TEMPORARY_CERTIFICATE_CN);
    expect(summary.issuerCn).toBe(TEMPORARY_CERTIFICATE_CN);
  });

  it('shares one CA between callers of the same directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-ca-'));
    dirs.push(dir);
    const [first, second] = await Promise.all([loadOrCreateLabCa(dir), loadOrCreateLabCa(dir)]);
    expect(first.ca.certPem).toBe(second.ca.certPem);
    expect(await readFile(first.caCertPath, 'utf8')).toBe(first.ca.certPem);
    const third = await loadOrCreateLabCa(dir);
    expect(third.ca.certPem).toBe(first.ca.certPem);
    // A leaf from the reloaded CA verifies against the published ca.pem.
    const leaf = new X509Certificate(third.ca.issueGood('feedbeef').cert);
    expect(
      leaf.verify(new X509Certificate(await readFile(first.caCertPath, 'utf8')).publicKey),
    ).toBe(true);
  });
});
