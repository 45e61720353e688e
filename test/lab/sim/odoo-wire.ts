import { z } from 'zod';

// What an Odoo (werkzeug) server puts on the wire: Python json.dumps formatting, JSON-RPC
// envelopes and werkzeug's default error pages. Shared by the box, odoo.com and database sims.

export type JsonRpcId = string | number | null;

export type WireResponse = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
};

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

function escapeString(value: string, ensureAscii: boolean): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') {
      out += '\\"';
    } else if (char === '\\') {
      out += '\\\\';
    } else if (char === '\n') {
      out += '\\n';
    } else if (char === '\r') {
      out += '\\r';
    } else if (char === '\t') {
      out += '\\t';
    } else if (char === '\b') {
      out += '\\b';
    } else if (char === '\f') {
      out += '\\f';
    } else if (code < 0x20 || (ensureAscii && code > 0x7e)) {
      // Python escapes astral characters as a UTF-16 surrogate pair.
      for (let i = 0; i < char.length; i += 1) {
        out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
      }
    } else {
      out += char;
    }
  }
  return `${out}"`;
}

/**
 * Python's `json.dumps(value)` with default separators (", " and ": "). Boxes build GET bodies
 * with json.dumps (ensure_ascii=True); Odoo's JSON-RPC responses use ensure_ascii=False.
 */
export function pyJsonDumps(value: unknown, ensureAscii = true): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : 'NaN';
  }
  if (typeof value === 'string') {
    return escapeString(value, ensureAscii);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => pyJsonDumps(item, ensureAscii)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${entries
      .map(([key, item]) => `${escapeString(key, ensureAscii)}: ${pyJsonDumps(item, ensureAscii)}`)
      .join(', ')}}`;
  }
  return 'null';
}

/** Python `repr()` of JSON-like data, as it appears in box log lines (`%s` of a dict). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) {
    return 'None';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const body = value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
    return `${quote}${quote === "'" ? body.replaceAll("'", "\\'") : body}${quote}`;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => pyRepr(item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${pyRepr(key)}: ${pyRepr(item)}`)
      .join(', ')}}`;
  }
  return 'None';
}

/** Python's `str(datetime)` for a naive UTC datetime without microseconds. */
export function pyDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** An exception raised by a Python route; serialised like `odoo.http.serialize_exception`. */
export class OdooError extends Error {
  readonly pythonName: string;
  readonly pythonArgs: readonly unknown[];
  /** Where it was raised, as traceback lines (`  File "…", line N, in f` and the source line). */
  readonly frames: readonly string[];

  constructor(
    pythonName: string,
    message: string,
    pythonArgs: readonly unknown[] = [message],
    frames: readonly string[] = [],
  ) {
    super(message);
    this.pythonName = pythonName;
    this.pythonArgs = pythonArgs;
    this.frames = frames;
  }
}

/** What Python's logging prints for an exception: the traceback, then `Name: message`. */
export function pythonTraceback(error: unknown): string {
  if (!(error instanceof OdooError)) {
    return `Traceback (most recent call last):\nException: ${String(error)}`;
  }
  const name = error.pythonName.replace(/^builtins\./, '');
  return ['Traceback (most recent call last):', ...error.frames, `${name}: ${error.message}`].join(
    '\n',
  );
}

export function typeError(message: string): OdooError {
  return new OdooError('builtins.TypeError', message);
}

/** Mimic Python's call-time check of required positional arguments. */
export function requireParams(
  functionName: string,
  params: Readonly<Record<string, unknown>>,
  names: readonly string[],
): void {
  const missing = names.filter((name) => !(name in params));
  if (missing.length === 0) {
    return;
  }
  const quoted = missing.map((name) => `'${name}'`);
  const list =
    quoted.length === 1
      ? (quoted[0] ?? '')
      : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
  throw typeError(
    `${functionName}() missing ${missing.length} required positional argument${
      missing.length === 1 ? '' : 's'
    }: ${list}`,
  );
}

const jsonRpcBodySchema = z.looseObject({
  jsonrpc: z.string().optional(),
  method: z.string().optional(),
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

export type JsonRpcRequest = {
  readonly id: JsonRpcId;
  readonly params: Readonly<Record<string, unknown>>;
};

/** Odoo accepts the full envelope and a bare `{"params": {…}}`; `params` defaults to `{}`. */
export function parseJsonRpcBody(raw: string): JsonRpcRequest | null {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = jsonRpcBodySchema.safeParse(data);
  if (!parsed.success) {
    return null;
  }
  return { id: parsed.data.id ?? null, params: parsed.data.params ?? {} };
}

export function jsonRpcResultBody(id: JsonRpcId, result: unknown): string {
  return pyJsonDumps({ jsonrpc: '2.0', id, result }, false);
}

export function serializeException(error: OdooError): Record<string, unknown> {
  const isAccessDenied = error.pythonName === 'odoo.exceptions.AccessDenied';
  return {
    name: error.pythonName,
    // AccessDenied drops its traceback on purpose (odoo/exceptions.py); others carry one.
    debug: isAccessDenied
      ? ''
      : `Traceback (most recent call last):\n  File "<simulated>", line 1, in <module>\n${error.pythonName.split('.').pop() ?? 'Exception'}: ${error.message}\n`,
    message: error.message,
    arguments: error.pythonArgs,
    context: {},
  };
}

export function jsonRpcErrorBody(id: JsonRpcId, error: OdooError): string {
  return pyJsonDumps(
    {
      jsonrpc: '2.0',
      id,
      error: { code: 200, message: 'Odoo Server Error', data: serializeException(error) },
    },
    false,
  );
}

export function jsonResponse(
  body: string,
  extraHeaders: Record<string, string> = {},
): WireResponse {
  return { status: 200, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...extraHeaders }, body };
}

export function htmlResponse(
  body: string,
  status = 200,
  extraHeaders: Record<string, string> = {},
): WireResponse {
  return { status, headers: { 'Content-Type': HTML_CONTENT_TYPE, ...extraHeaders }, body };
}

function werkzeugPage(status: number, title: string, text: string): WireResponse {
  return htmlResponse(
    `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`,
    status,
  );
}

export function notFoundPage(): WireResponse {
  return werkzeugPage(
    404,
    'Not Found',
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  );
}

export function methodNotAllowedPage(allowed: string): WireResponse {
  const page = werkzeugPage(
    405,
    'Method Not Allowed',
    'The method is not allowed for the requested URL.',
  );
  return { ...page, headers: { ...page.headers, Allow: allowed } };
}

export function badRequestPage(text: string): WireResponse {
  return werkzeugPage(400, 'Bad Request', text);
}

export function internalServerErrorPage(): WireResponse {
  return werkzeugPage(
    500,
    'Internal Server Error',
    'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
  );
}

/** Odoo routes JSON-RPC only for JSON bodies; anything else is a 400 for a type=json route. */
export function isJsonContentType(contentType: string | undefined): boolean {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return mime === 'application/json' || mime === 'application/json-rpc';
}
