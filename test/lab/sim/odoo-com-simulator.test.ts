import { X509Certificate } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createLabCa } from './lab-ca';
import { hashForDbUuid, startOdooComSimulator } from './odoo-com-simulator';
import type { OdooComSimulator } from './odoo-com-simulator';
import { connectionErrorCode, httpCall, postJson } from './sim-test-client';

const ca = createLabCa();

describe('odoo.com x509 simulator', () => {
  let com: OdooComSimulator;
  beforeEach(async () => {
    com = await startOdooComSimulator({ ca });
  });
  afterEach(async () => {
    await com.close();
  });

  it('issues a CA-signed wildcard for a stable per-database hash (bare params body)', async () => {
    const response = await postJson(com.x509Url, {
      params: { db_uuid: 'db-1', enterprise_code: 'M1' },
    });
    expect(response.status).toBe(200);
    expect(
      response.body.startsWith('{"jsonrpc": "2.0", "id": null, "result": {"subject_cn": '),
    ).toBe(true);
    const body = JSON.parse(response.body) as {
      result: { subject_cn: string; x509_pem: string; private_key_pem: string };
    };
    const hash = hashForDbUuid('db-1');
    expect(hash).toMatch(/^[0-9a-f]{8}$/);
    expect(body.result.subject_cn).toBe(`*.${hash}.odoo-iot.com`);
    const leaf = new X509Certificate(body.result.x509_pem);
    expect(leaf.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(body.result.private_key_pem).toContain('PRIVATE KEY');
    expect(com.received).toHaveLength(1);
    expect(com.received[0]?.body).toBe('{"params":{"db_uuid":"db-1","enterprise_code":"M1"}}');
  });

  it('accepts the JSON-RPC envelope and echoes its id', async () => {
    const response = await postJson(com.x509Url, {
      jsonrpc: '2.0',
      method: 'call',
      id: 42,
      params: { db_uuid: 'db-2', enterprise_code: 'M2' },
    });
    expect(JSON.parse(response.body)).toMatchObject({
      id: 42,
      result: { subject_cn: `*.${hashForDbUuid('db-2')}.odoo-iot.com` },
    });
  });

  it('refuses in the three shapes', async () => {
    const payload = { params: { db_uuid: 'db-1', enterprise_code: 'M1' } };
    await com.setMode('refuse');
    expect(JSON.parse((await postJson(com.x509Url, payload)).body)).toEqual({
      jsonrpc: '2.0',
      id: null,
      result: false,
    });
    await com.setMode('refuse-error');
    const error = JSON.parse((await postJson(com.x509Url, payload)).body) as {
      error: { code: number; message: string; data: { name: string } };
    };
    expect(error.error.code).toBe(200);
    expect(error.error.message).toBe('Odoo Server Error');
    expect(error.error.data.name).toBe('odoo.exceptions.UserError');
    await com.setMode('refuse-result-error');
    expect(JSON.parse((await postJson(com.x509Url, payload)).body)).toMatchObject({
      result: { error: 'This database is not eligible for an IoT certificate.' },
    });
  });

  it('answers HTTP error statuses and can become unreachable and come back on the same port', async () => {
    await com.setMode({ status: 503 });
    const unavailable = await postJson(com.x509Url, { params: {} });
    expect(unavailable.status).toBe(503);
    await com.setMode('unreachable');
    expect(await connectionErrorCode(com.x509Url)).toBe('ECONNREFUSED');
    await com.setMode('issue');
    expect((await httpCall(`${com.url}/nope`)).status).toBe(404);
  });

  it('reports missing params as an Odoo TypeError with HTTP 200', async () => {
    const response = await postJson(com.x509Url, { params: { db_uuid: 'x' } });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      error: { data: { name: 'builtins.TypeError' } },
    });
  });
});
