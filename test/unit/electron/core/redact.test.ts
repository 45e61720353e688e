import { describe, expect, it } from 'vitest';

import {
  maskUuid,
  REMOVED,
  redact,
  redactText,
  rememberSecret,
} from '../../../../electron/core/redact';

const UUID = '0f3c9a2e-5b7d-4c1e-9a8b-7d6e5f4a3b2c';
const CODE = 'M2411019283746';
const TOKEN = 'a8F3kLm2Qp9Zt7Xw';

describe('redact', () => {
  it('removes secret fields and masks database UUIDs, at any depth', () => {
    const report = redact({
      box: { db_uuid: UUID, enterprise_code: CODE, token: TOKEN, ip: '192.168.1.20' },
      database: { uuid: UUID, 'database.uuid': UUID, password: 'hunter2', apiKey: 'k-123456' },
      dbUuidSet: true,
      enterpriseCodeSet: true,
      tokenValid: false,
    });
    expect(report.box).toEqual({
      db_uuid: '0f3c9a2e…',
      enterprise_code: REMOVED,
      token: REMOVED,
      ip: '192.168.1.20',
    });
    expect(report.database['database.uuid']).toBe('0f3c9a2e…');
    expect(report.database.uuid).toBe('0f3c9a2e…');
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

describe('redact: every form a secret takes in a log line', () => {
  // Each secret is unique, so a leak names the form that let it through.
  const forms: readonly (readonly [string, string, string])[] = [
    ['python dict repr', "{'token': 'pyTok3nValue9', 'db_name': 'shop'}", 'pyTok3nValue9'],
    ['python repr, code', "{'enterprise_code': 'M2407pyrepr01'}", 'M2407pyrepr01'],
    ['python bytes repr', "{'server_token': b'byT3sTokenValue'}", 'byT3sTokenValue'],
    ['JSON', '{"token": "jsonTok3nValue7", "ok": true}', 'jsonTok3nValue7'],
    ['JSON, camelCase code', '{"enterpriseCode":"M2407json0002"}', 'M2407json0002'],
    ['yaml key: value', 'authtoken: 2abcYamlNgrokTok', '2abcYamlNgrokTok'],
    ['key=value', 'server_token=kvTok3nValue55 restarting', 'kvTok3nValue55'],
    ['key = value', 'token = spacedTok3nValue', 'spacedTok3nValue'],
    ['wpa psk, quoted', 'network={ ssid="Shop" psk="wifi pass phrase" }', 'wifi pass phrase'],
    ['wifi password json', '{"essid": "Shop", "password": "S3cretWifiPw"}', 'S3cretWifiPw'],
    ['secret', 'client_secret=cl1entS3cretVal', 'cl1entS3cretVal'],
    ['werkzeug query', 'GET /enable_ngrok?auth_token=ngrokQueryTok1 HTTP/1.1', 'ngrokQueryTok1'],
    ['ngrok argument', "['ngrok', 'tcp', '--authtoken', 'ngrokArgTok22']", 'ngrokArgTok22'],
    ['ngrok add-authtoken', 'ngrok config add-authtoken ngrokCfgTok333', 'ngrokCfgTok333'],
    ['flag with space', 'nmcli --password flagPassw0rd1 up', 'flagPassw0rd1'],
    ['URL userinfo', 'pushing to https://admin:urlPassw0rd@shop.example/db', 'urlPassw0rd'],
    ['URL token userinfo', 'remote https://ghp_urlTok3nOnly@github.example', 'ghp_urlTok3nOnly'],
    ['OAuth code', 'callback?code=4/0AeaYSHB&state=1', '4/0AeaYSHB'],
    ['cookie', 'Cookie: session_id=c00kieSessi0n1', 'c00kieSessi0n1'],
    ['bare UUID', `database ${UUID} connected`, UUID],
  ];

  it.each(forms)('%s', (_form, line, secret) => {
    const scrubbed = redactText(line);
    expect(scrubbed).not.toContain(secret);
  });

  it('keeps what support needs: statuses, error names and our own codes', () => {
    const lines = [
      '{"code": 200, "message": "OK"}',
      "{'code': 404, 'name': 'werkzeug.exceptions.NotFound'}",
      'Error code: ERR_IOT_HTTPS_LOAD_REQUEST_STATUS 404',
      'status_code=502 exit code: 1',
      "{'error_code': 'ECONNREFUSED'}",
      'code=box-not-odoo',
      'barcode=5901234123457 scanned',
      'enterprise code set: yes',
      // Public by design: the box prints it and shows it for anyone to type into Odoo.
      "{'pairing_code': 'X7Q9A2', 'pairing_uuid': False}",
      'pairingCode=HT8SLJ',
    ];
    for (const line of lines) {
      expect(redactText(line)).toBe(line);
    }
  });

  it('keeps a pairing code while the token and codes sent beside it stay masked', () => {
    const result = redact({
      pairing: { pairingCode: 'K7Q2MX', pairing_code: 'K7Q2MX' },
      claim:
        "{'url': 'https://shop.example', 'token': 'clA1mTok3n', 'enterprise_code': 'M2407claim1'}",
    });
    expect(result.pairing).toEqual({ pairingCode: 'K7Q2MX', pairing_code: 'K7Q2MX' });
    expect(result.claim).not.toContain('clA1mTok3n');
    expect(result.claim).not.toContain('M2407claim1');
  });

  it('keeps our own code fields (failure codes, box codes) and removes secret codes', () => {
    const result = redact({
      evidence: { code: 'box-not-odoo', detail: 'hello answered 404' },
      explanation: { boxCode: 'ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT', httpStatus: 404 },
      lookup: { code: 'ENOTFOUND' },
      box: { pairingCode: 'X7Q9A2', identifier: 'A1B2C3D4-0000-4000-8000-00000000ABCD' },
    });
    expect(result.evidence.code).toBe('box-not-odoo');
    expect(result.explanation.boxCode).toBe('ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT');
    expect(result.lookup.code).toBe('ENOTFOUND');
    // The pairing code is shown on purpose (wizard, CLI, report): it is not a credential.
    expect(result.box.pairingCode).toBe('X7Q9A2');
    // A Windows box's identifier is UUID-shaped but public: shown whole where we put it.
    expect(result.box.identifier).toBe('A1B2C3D4-0000-4000-8000-00000000ABCD');
  });

  it('removes every value this process registered, in any form, for its lifetime', () => {
    const boxCode = 'Q9xRegisteredCode41';
    rememberSecret(boxCode, '', null, 'ab');
    const result = redact({ logs: `unlabelled ${boxCode} and ${boxCode.toLowerCase()}` });
    expect(result.logs).toBe(`unlabelled ${REMOVED} and ${boxCode.toLowerCase()}`);
    // Too short to be a secret: never registered, so ordinary text survives.
    expect(redactText('ab cd')).toBe('ab cd');
  });
});
