import { describe, expect, it } from 'vitest';

import { maskUuid, REMOVED, redact } from '../../../../electron/core/redact';

const UUID = '0f3c9a2e-5b7d-4c1e-9a8b-7d6e5f4a3b2c';
const CODE = 'M2411019283746';
const TOKEN = 'a8F3kLm2Qp9Zt7Xw';

describe('redact', () => {
  it('removes secret fields and masks database UUIDs, at any depth', () => {
    const report = redact({
      box: { db_uuid: UUID, enterprise_code: CODE, token: TOKEN, ip: '192.168.1.20' },
      database: { uuid: UUID, 'database.uuid': UUID, password: 'hunter2', apiKey: 'k-123456' },
      credentialsSet: true,
      tokenValid: false,
    });
    expect(report.box).toEqual({
      db_uuid: '0f3c9a2e…',
      enterprise_code: REMOVED,
      token: REMOVED,
      ip: '192.168.1.20',
    });
    expect(report.database['database.uuid']).toBe('0f3c9a2e…');
    expect(report.database.password).toBe(REMOVED);
    expect(report.database.apiKey).toBe(REMOVED);
    // Booleans about secrets are facts, not secrets.
    expect(report.tokenValid).toBe(false);
  });

  it('scrubs secrets inside free text: token URLs, pipe tokens, keys, headers, known values', () => {
    const logs = [
      `connect_to_server https://shop.odoo.com?token=${TOKEN}&db_uuid=${UUID}&enterprise_code=${CODE}&db_name=shop`,
      `pipe https://shop.example|${TOKEN}|${UUID}|${CODE}`,
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----',
      'Authorization: Bearer abc.def.ghi',
      `credentials saved (${CODE})`,
    ].join('\n');
    const text = JSON.stringify(redact({ logs, enterprise_code: CODE }));
    for (const secret of [TOKEN, CODE, 'MIIEvQIBADANBg', 'abc.def.ghi', UUID]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('db_uuid=0f3c9a2e…');
    expect(text).toContain('db_name=shop');
  });

  it('removes values the caller knows are secret wherever they appear', () => {
    const result = redact({ note: `typed ${CODE} twice: ${CODE}` }, [CODE]);
    expect(result.note).toBe(`typed ${REMOVED} twice: ${REMOVED}`);
  });

  it('leaves a report without secrets unchanged', () => {
    const clean = { verdict: 'rebind-blocked', resolvers: [{ address: '192.168.1.1', ms: 12 }] };
    expect(redact(clean)).toEqual(clean);
    expect(maskUuid('short')).toBe('short');
  });
});
