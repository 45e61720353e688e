import { describe, expect, it } from 'vitest';

import {
  runDevicePage,
  type PageConfig,
  type PageEnv,
} from '../../../../../electron/core/device-check/device-page-script';

/*
 * The page's own logic, run in Node with a fake browser: `fetch` answers per URL the way a
 * browser would (a cors request to a server without CORS, a refused connection, a name that
 * does not resolve and a refused certificate all reject with the same TypeError; a no-cors
 * request to any HTTP server resolves with an opaque response).
 */

const CONFIG: PageConfig = {
  ip: '192.168.1.20',
  port: 8069,
  name: '192-168-1-20.abcd1234.odoo-iot.com',
  resultPath: '/secret/result',
  token: 'token-token-token-token',
  timeoutMs: 4_000,
  texts: {
    checking: 'checking',
    ok: 'OK',
    failed: 'failed',
    sending: 'sending',
    sent: 'sent',
    sendFailed: 'send failed',
    verdicts: { ok: 'Reaches it', 'name-blocked': 'Name blocked' },
  },
};

type Answer =
  | { kind: 'ping' }
  | { kind: 'text'; body: string; status?: number }
  | { kind: 'cors-refused' }
  | { kind: 'network-error' }
  | { kind: 'hang' };

type Call = { url: string; mode: string | undefined; body: string | undefined };

function fakeBrowser(answers: Record<string, Answer>, verdict = 'ok') {
  const calls: Call[] = [];
  const shown: Record<string, { text: string; state: string }> = {};
  let clock = 0;
  const env: PageEnv = {
    now: () => clock,
    setTimeout: (callback, ms) => setTimeout(callback, ms / 1000),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    device: { maxTouchPoints: 5 },
    show: (id, text, state) => {
      shown[id] = { text, state };
    },
    fetch: (url, init) => {
      calls.push({ url, mode: init.mode, body: init.body });
      clock += 7;
      if (url === CONFIG.resultPath) {
        return Promise.resolve({
          type: 'basic',
          status: 200,
          text: () => Promise.resolve(JSON.stringify({ verdict })),
        });
      }
      const answer = answers[`${init.mode ?? ''} ${url}`] ??
        answers[url] ?? { kind: 'network-error' };
      if (answer.kind === 'hang') {
        return new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new TypeError('aborted')));
        });
      }
      if (answer.kind === 'network-error') {
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      if (init.mode === 'no-cors') {
        return Promise.resolve({ type: 'opaque', status: 0, text: () => Promise.resolve('') });
      }
      if (answer.kind === 'cors-refused') {
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      const body = answer.kind === 'ping' ? 'ping' : answer.body;
      const status = answer.kind === 'text' ? (answer.status ?? 200) : 200;
      return Promise.resolve({ type: 'cors', status, text: () => Promise.resolve(body) });
    },
  };
  return { env, calls, shown };
}

const BY_IP = 'http://192.168.1.20:8069/hw_proxy/hello';
const BY_NAME = 'http://192-168-1-20.abcd1234.odoo-iot.com:8069/hw_proxy/hello';
const HTTPS = 'https://192-168-1-20.abcd1234.odoo-iot.com/hw_proxy/hello';
const NAME_PORT_80 = 'http://192-168-1-20.abcd1234.odoo-iot.com/';

describe('the page the other device opens', () => {
  it('asks by IP, by name and over HTTPS with cors, and posts what it saw once', async () => {
    const browser = fakeBrowser({
      [BY_IP]: { kind: 'ping' },
      [BY_NAME]: { kind: 'ping' },
      [HTTPS]: { kind: 'ping' },
    });
    const probes = await runDevicePage(CONFIG, browser.env);
    expect(probes.http.outcome).toBe('ping');
    expect(probes.name.outcome).toBe('ping');
    expect(probes.https.outcome).toBe('ping');
    expect(probes.nameOther).toBeNull();
    expect(browser.calls.slice(0, 3).map((call) => [call.url, call.mode])).toEqual([
      [BY_IP, 'cors'],
      [BY_NAME, 'cors'],
      [HTTPS, 'cors'],
    ]);
    const posts = browser.calls.filter((call) => call.url === CONFIG.resultPath);
    expect(posts).toHaveLength(1);
    const sent = JSON.parse(posts[0]?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toEqual({
      token: CONFIG.token,
      device: { maxTouchPoints: 5 },
      probes,
    });
    expect(browser.shown['verdict']).toEqual({ text: 'Reaches it', state: 'ok' });
    expect(browser.shown['https']).toEqual({ text: 'OK', state: 'ok' });
    expect(browser.shown['result']?.text).toBe('sent');
  });

  it('a name that leads nowhere: nothing answers there even without cors', async () => {
    const browser = fakeBrowser({ [BY_IP]: { kind: 'ping' } }, 'name-blocked');
    const probes = await runDevicePage(CONFIG, browser.env);
    expect(probes.name.outcome).toBe('none');
    expect(probes.https.outcome).toBe('none');
    expect(probes.nameOther?.outcome).toBe('none');
    // Both follow-ups were tried: the box's port, then port 80.
    expect(browser.calls.filter((call) => call.mode === 'no-cors').map((call) => call.url)).toEqual(
      [BY_NAME, NAME_PORT_80],
    );
    expect(browser.shown['name']).toEqual({ text: 'failed', state: 'failed' });
    expect(browser.shown['verdict']).toEqual({ text: 'Name blocked', state: 'failed' });
  });

  it('a name that leads to another server: the no-cors follow-up gets an opaque answer', async () => {
    const browser = fakeBrowser({
      [BY_IP]: { kind: 'ping' },
      [NAME_PORT_80]: { kind: 'text', body: '<html>search page</html>' },
    });
    const probes = await runDevicePage(CONFIG, browser.env);
    expect(probes.name.outcome).toBe('none');
    expect(probes.nameOther?.outcome).toBe('other');
  });

  it('a readable answer that is not the ping counts as another server, not the box', async () => {
    const browser = fakeBrowser({
      [BY_IP]: { kind: 'text', body: 'hello' },
      [BY_NAME]: { kind: 'text', body: 'ping', status: 502 },
    });
    const probes = await runDevicePage(CONFIG, browser.env);
    expect(probes.http.outcome).toBe('other');
    expect(probes.name.outcome).toBe('other');
  });

  it('a request that never answers ends as a timeout at the page limit', async () => {
    const browser = fakeBrowser({ [BY_IP]: { kind: 'hang' }, [HTTPS]: { kind: 'ping' } });
    const probes = await runDevicePage(CONFIG, browser.env);
    expect(probes.http.outcome).toBe('timeout');
    expect(probes.https.outcome).toBe('ping');
    // HTTPS by name proves the name even when plain HTTP by name failed (HSTS, a proxy…).
    expect(browser.shown['name']).toEqual({ text: 'OK', state: 'ok' });
  });

  it('says so when the result cannot be delivered', async () => {
    const browser = fakeBrowser({ [BY_IP]: { kind: 'ping' } }, 'not-a-verdict');
    await runDevicePage(CONFIG, browser.env);
    expect(browser.shown['result']).toEqual({ text: 'send failed', state: 'failed' });
    expect(browser.shown['verdict']).toBeUndefined();
  });
});
