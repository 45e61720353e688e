import { z } from 'zod';

import type { ApiGeneration, BoxInfo } from '../../shared/schemas/box';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import { boxGet, type BoxHttp } from './box-http';
import type { BoxTarget } from './box-target';

/*
 * The box's log, read from its end. Both log routes return the whole file, which grows for
 * months (doc §17 C13): the download route is a file stream that honours a Range request, and
 * the JSON route of the OWL homepages (`iot_logs`) is the whole file in one string. Either way
 * only the last LOG_TAIL_BYTES are kept, and a large log is never a reason to give up.
 */

/** The one size cap for the box's log: its recent end is what certificates and support need. */
export const LOG_TAIL_BYTES = 512 * 1024;
/** A log of several megabytes takes time over a shop's Wi-Fi. */
const LOG_TIMEOUT_MS = 30_000;

/** `hw_drivers/controllers/driver.py` and `iot_drivers/controllers/driver.py` download_logs. */
const DOWNLOAD_ROUTES: Readonly<Record<ApiGeneration, string>> = {
  g1: '/hw_drivers/download_logs',
  g2: '/hw_drivers/download_logs',
  g3: '/hw_drivers/download_logs',
  g4: '/iot_drivers/download_logs',
};

/** The OWL homepages' `iot_logs`: `{"status": "success", "logs": "<the whole file>"}`. */
const JSON_ROUTES: Readonly<Partial<Record<ApiGeneration, string>>> = {
  g2: '/hw_posbox_homepage/iot_logs',
  g3: '/hw_posbox_homepage/iot_logs',
  g4: '/iot_drivers/iot_logs',
};

const LogsSchema = z.object({ logs: z.string() });

export type BoxLog = {
  readonly text: string;
  /** Older lines were left out: the text starts at a line boundary, not at the file's start. */
  readonly truncated: boolean;
};

/** A cut file starts in the middle of a line: drop that fragment. */
function fromLineStart(text: string): string {
  const newline = text.indexOf('\n');
  return newline === -1 ? '' : text.slice(newline + 1);
}

/**
 * The end of a JSON document whose last value is the log string: decode from the first `\n`
 * escape (a line start, and a safe place to begin decoding) to the closing quote.
 */
export function decodeLogsTail(body: string): string | null {
  const end = /"\s*}\s*$/.exec(body);
  if (end === null) {
    return null;
  }
  const content = body.slice(0, end.index);
  for (
    let index = content.indexOf('\\n');
    index !== -1;
    index = content.indexOf('\\n', index + 1)
  ) {
    let backslashes = 0;
    while (content[index - 1 - backslashes] === '\\') {
      backslashes += 1;
    }
    if (backslashes % 2 === 0) {
      try {
        const decoded: unknown = JSON.parse(`"${content.slice(index + 2)}"`);
        return typeof decoded === 'string' ? decoded : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

async function getTail(
  box: BoxHttp,
  target: BoxTarget,
  path: string,
  signal: AbortSignal,
  range: boolean,
): Promise<Result<{ status: number; body: string; truncated: boolean }, Failure>> {
  const answer = await boxGet(box, target, path, signal, {
    ...(range ? { headers: { Range: `bytes=-${LOG_TAIL_BYTES}` } } : {}),
    timeoutMs: LOG_TIMEOUT_MS,
    maxBodyBytes: LOG_TAIL_BYTES,
    oversize: 'keep-tail',
  });
  if (!answer.ok) {
    return answer;
  }
  const { status, body, headers, truncated } = answer.value;
  // `Content-Range: bytes <first>-<last>/<size>`: a first byte after 0 means a cut file.
  const first = /^bytes (\d+)-/.exec(headers['content-range'] ?? '');
  const cut =
    truncated === true || (status === 206 && first?.[1] !== undefined && first[1] !== '0');
  return ok({ status, body, truncated: cut });
}

/** The box's log, its last LOG_TAIL_BYTES at most; a failure when no log route answers. */
export async function readLog(
  box: BoxHttp,
  target: BoxTarget,
  info: BoxInfo,
  signal: AbortSignal,
): Promise<Result<BoxLog, Failure>> {
  const download = await getTail(box, target, DOWNLOAD_ROUTES[info.api], signal, true);
  if (!download.ok && download.error.code === 'cancelled') {
    return download;
  }
  if (download.ok && (download.value.status === 200 || download.value.status === 206)) {
    const { body, truncated } = download.value;
    // A box without a configured log file answers the download route with an empty body.
    if (body.trim() !== '') {
      return ok({ text: truncated ? fromLineStart(body) : body, truncated });
    }
  }
  const route = JSON_ROUTES[info.api];
  if (route === undefined) {
    return download.ok
      ? fail('box-unrecognised', `${DOWNLOAD_ROUTES[info.api]} gave no log`)
      : download;
  }
  const json = await getTail(box, target, route, signal, false);
  if (!json.ok) {
    return json;
  }
  if (json.value.status !== 200) {
    return fail('box-unrecognised', `${route} answered HTTP ${json.value.status}`);
  }
  if (json.value.truncated) {
    const text = decodeLogsTail(json.value.body);
    return text === null
      ? fail('box-unrecognised', `${route}: the end of the log is not a JSON string`)
      : ok({ text, truncated: true });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json.value.body);
  } catch {
    return fail('box-unrecognised', `${route}: body is not JSON`);
  }
  const parsed = LogsSchema.safeParse(raw);
  return parsed.success
    ? ok({ text: parsed.data.logs, truncated: false })
    : fail('box-unrecognised', `${route}: no logs`);
}
