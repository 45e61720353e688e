import type { DevicePageResult, Probe, ProbeOutcome } from '../../shared/schemas/device-check';

/*
 * The logic of the page the other device opens. `runDevicePage` is serialised with
 * Function.prototype.toString() into the page's only script, so it must stay self-contained:
 * no imports at run time, no reference to anything outside its own body (types are erased). The
 * browser world reaches it only through `env`, which is what the unit tests fake.
 *
 * What a page can observe (and what it cannot): a `cors` request to `/hw_proxy/hello` (Odoo
 * serves it with `Access-Control-Allow-Origin: *` on every generation) lets the page read "ping",
 * so it knows the box answered. Any failure — name not found, connection refused, certificate
 * refused, CORS refused — is the same opaque TypeError, with no error code; only the time it took
 * differs. A `no-cors` request resolves with an opaque response whenever any HTTP server answers,
 * which tells "something else answers at this name" apart from "nothing answers". So the page
 * separates the three questions by asking three different URLs: by IP over HTTP (no name, no
 * certificate), by name over HTTP (the name, no certificate) and by name over HTTPS (both).
 */

export type PageTexts = {
  readonly checking: string;
  readonly ok: string;
  readonly failed: string;
  readonly sending: string;
  readonly sent: string;
  readonly sendFailed: string;
  readonly verdicts: Readonly<Record<string, string>>;
};

export type PageConfig = {
  readonly ip: string;
  readonly port: number;
  readonly name: string;
  /** Where the result goes (same origin as the page) and the one-time token it must carry. */
  readonly resultPath: string;
  readonly token: string;
  readonly timeoutMs: number;
  readonly texts: PageTexts;
};

type PageResponse = {
  readonly type: string;
  readonly status: number;
  text(): Promise<string>;
};

/** The subset of the browser's RequestInit the page uses. */
type PageRequestInit = {
  readonly mode?: 'cors' | 'no-cors';
  readonly method?: 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly cache: 'no-store';
  readonly credentials: 'omit';
  readonly referrerPolicy: 'no-referrer';
  readonly signal?: AbortSignal;
};

export type PageEnv = {
  fetch(url: string, init: PageRequestInit): Promise<PageResponse>;
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  readonly device: { readonly maxTouchPoints: number };
  /** Shows one line of the page: `id` is an element id, `state` its CSS class. */
  show(id: string, text: string, state: 'busy' | 'ok' | 'failed' | 'info'): void;
};

export type DeviceProbes = DevicePageResult['probes'];

/** Runs the checks, shows each outcome, posts the result and shows the verdict it gets back. */
export async function runDevicePage(config: PageConfig, env: PageEnv): Promise<DeviceProbes> {
  const probe = async (url: string, mode: 'cors' | 'no-cors'): Promise<Probe> => {
    const controller = new AbortController();
    const started = env.now();
    let timedOut = false;
    const timer = env.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, config.timeoutMs);
    let outcome: ProbeOutcome;
    try {
      const response = await env.fetch(url, {
        mode,
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      });
      if (response.type === 'opaque') {
        outcome = 'other';
      } else {
        const body = await response.text();
        outcome = response.status === 200 && body.trim() === 'ping' ? 'ping' : 'other';
      }
    } catch {
      outcome = timedOut ? 'timeout' : 'none';
    } finally {
      env.clearTimeout(timer);
    }
    return { outcome, ms: Math.max(0, Math.round(env.now() - started)) };
  };
  const mark = (id: string, result: Probe): Probe => {
    const reached = result.outcome === 'ping';
    env.show(id, reached ? config.texts.ok : config.texts.failed, reached ? 'ok' : 'failed');
    return result;
  };

  for (const id of ['http', 'name', 'https']) {
    env.show(id, config.texts.checking, 'busy');
  }
  const hello = '/hw_proxy/hello';
  const [http, name, https] = await Promise.all([
    probe(`http://${config.ip}:${config.port}${hello}`, 'cors').then((r) => mark('http', r)),
    probe(`http://${config.name}:${config.port}${hello}`, 'cors'),
    probe(`https://${config.name}${hello}`, 'cors'),
  ]);
  // When the name did not lead to the box's ping, does anything else answer there? An answer
  // means the name resolves here, to something that is not the box.
  let nameOther: Probe | null = null;
  if (name.outcome !== 'ping') {
    nameOther = await probe(`http://${config.name}:${config.port}${hello}`, 'no-cors');
    if (nameOther.outcome !== 'other') {
      nameOther = await probe(`http://${config.name}/`, 'no-cors');
    }
  }
  // HTTPS by name proves the name too (a browser that remembers HSTS for the name upgrades the
  // plain-HTTP request, which then fails although the name is fine).
  mark('name', https.outcome === 'ping' ? https : name);
  mark('https', https);
  const probes: DeviceProbes = { http, name, nameOther, https };

  env.show('result', config.texts.sending, 'busy');
  try {
    const response = await env.fetch(config.resultPath, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: config.token, device: env.device, probes }),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    const reply = response.status === 200 ? (JSON.parse(await response.text()) as unknown) : null;
    const verdict =
      typeof reply === 'object' && reply !== null && 'verdict' in reply ? reply.verdict : null;
    const title = typeof verdict === 'string' ? config.texts.verdicts[verdict] : undefined;
    if (title === undefined) {
      env.show('result', config.texts.sendFailed, 'failed');
    } else {
      env.show('verdict', title, verdict === 'ok' ? 'ok' : 'failed');
      env.show('result', config.texts.sent, 'info');
    }
  } catch {
    env.show('result', config.texts.sendFailed, 'failed');
  }
  return probes;
}
