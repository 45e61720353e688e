// One HTTP GET from inside a lab namespace; reports status/body or the error code.
import http from 'node:http';

import { assertLabTarget } from '../guard';
import type { HttpProbeInput, HttpProbeOutput } from '../probe-types';

import { errorFields, isRecord, probeInput, probeOutput } from './probe-io';

function isInput(value: unknown): value is HttpProbeInput {
  return (
    isRecord(value) && typeof value['url'] === 'string' && typeof value['timeoutMs'] === 'number'
  );
}

const input = probeInput(isInput);
assertLabTarget(input.url);
const started = performance.now();
const elapsed = (): number => Math.round(performance.now() - started);

const output = await new Promise<HttpProbeOutput>((resolve) => {
  const request = http.get(
    input.url,
    { headers: input.headers ?? {}, timeout: input.timeoutMs },
    (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({
          ok: true,
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8').slice(0, 4_000),
          contentType: response.headers['content-type'] ?? '',
          ms: elapsed(),
        });
      });
    },
  );
  request.on('timeout', () =>
    request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
  );
  request.on('error', (error) => {
    const { code, message } = errorFields(error);
    resolve({ ok: false, ...(code === undefined ? {} : { code }), message, ms: elapsed() });
  });
});
probeOutput(output);
