import { createHash } from 'node:crypto';

import { resolveLanguage, type Language } from '../../shared/languages';
import { locales } from '../../shared/locales';
import { runDevicePage, type PageConfig } from './device-page-script';

/* The one static page the other device opens: its HTML, its script and its security headers. */

const STYLE = [
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;color:#1b1f24;background:#fff}',
  'main{max-width:36rem;margin:0 auto}h1{font-size:1.4rem}',
  'ul{list-style:none;padding:0}li{padding:.4rem 0;border-bottom:1px solid #d8dde3}',
  '.ok{color:#176c2e;font-weight:600}.failed{color:#a4161a;font-weight:600}.busy,.info{color:#4a5561}',
  '#verdict{font-size:1.2rem}',
  '@media (prefers-color-scheme:dark){body{color:#e8ebef;background:#15181c}li{border-color:#343b44}',
  '.ok{color:#6fd18b}.failed{color:#ff8a8f}.busy,.info{color:#aab4bf}}',
].join('');

/** The browser side of `env` (see device-page-script.ts). */
const BOOTSTRAP = [
  '{fetch:function(u,i){return fetch(u,i)},now:function(){return performance.now()},',
  'setTimeout:function(c,m){return setTimeout(c,m)},clearTimeout:function(h){clearTimeout(h)},',
  'device:{maxTouchPoints:navigator.maxTouchPoints||0},',
  'show:function(id,t,s){var e=document.getElementById(id);if(e){e.textContent=t;e.className=s}}}',
].join('');

const hash = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON that cannot close the script element or break a JavaScript string. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export type DevicePage = {
  readonly html: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly language: Language;
};

export type DevicePageInput = Omit<PageConfig, 'texts'> & {
  /** The device's Accept-Language header: the page speaks its language. */
  readonly acceptLanguage: string;
};

function preferredLanguages(header: string): string[] {
  return header
    .split(',')
    .map((part) => part.split(';')[0]?.trim() ?? '')
    .filter((tag) => tag !== '')
    .slice(0, 10);
}

/**
 * Builds the page. Its CSP allows only its own inline script and style (by hash) and requests to
 * this server and the box (by address and by name); nothing else loads, nothing may frame it.
 */
export function buildDevicePage(input: DevicePageInput): DevicePage {
  const { acceptLanguage, ...target } = input;
  const language = resolveLanguage(preferredLanguages(acceptLanguage));
  const texts = locales[language].deviceCheck;
  const config: PageConfig = {
    ...target,
    texts: {
      checking: texts.page.checking,
      ok: texts.page.ok,
      failed: texts.page.failed,
      sending: texts.page.sending,
      sent: texts.page.sent,
      sendFailed: texts.page.sendFailed,
      verdicts: Object.fromEntries(
        Object.entries(texts.verdict).map(([verdict, entry]) => [verdict, entry.title]),
      ),
    },
  };
  const script = `(${runDevicePage.toString()})(${scriptJson(config)},${BOOTSTRAP});`;
  // Some bundlers (tsx's esbuild with keepNames) wrap inner functions in `__name(fn, "name")`.
  const code = `var __name=function(f){return f};${script}`;
  const row = (id: 'http' | 'name' | 'https'): string =>
    `<li>${escapeHtml(texts.check[id])}: <span id="${id}"></span></li>`;
  const html = [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(texts.page.title)}</title>`,
    `<style>${STYLE}</style></head>`,
    `<body><main><h1>${escapeHtml(texts.page.title)}</h1>`,
    `<p>${escapeHtml(texts.page.intro)}</p>`,
    `<ul>${row('http')}${row('name')}${row('https')}</ul>`,
    '<p id="verdict" role="status"></p><p id="result" aria-live="polite"></p>',
    `</main><script>${code}</script></body></html>`,
  ].join('');
  const box = `http://${input.ip}:${input.port}`;
  const csp = [
    "default-src 'none'",
    `script-src ${hash(code)}`,
    `style-src ${hash(STYLE)}`,
    `connect-src 'self' ${box} http://${input.name}:${input.port} http://${input.name} https://${input.name}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    html,
    language,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
  };
}
