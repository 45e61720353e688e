import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createStreamLog } from '../../../../electron/core/adapters/console-log';
import { createJsonFile } from '../../../../electron/core/adapters/json-file';
import { rememberSecret } from '../../../../electron/core/redact';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotbox-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('json file', () => {
  it('reads a missing file as undefined and round-trips a value', async () => {
    const file = createJsonFile(join(dir, 'nested', 'settings.json'));
    await expect(file.read()).resolves.toBeUndefined();
    await file.write({ language: 'it' });
    await expect(file.read()).resolves.toEqual({ language: 'it' });
    // No temporary file is left behind by the atomic write.
    expect(await readdir(join(dir, 'nested'))).toEqual(['settings.json']);
  });

  it('reads a damaged file as absent instead of throwing', async () => {
    const path = join(dir, 'settings.json');
    await writeFile(path, '{"language": "it"');
    await expect(createJsonFile(path).read()).resolves.toBeUndefined();
    expect(await readFile(path, 'utf8')).toBe('{"language": "it"');
  });
});

describe('log', () => {
  it('never writes secret fields', () => {
    const lines: string[] = [];
    const log = createStreamLog({ write: (line) => lines.push(line) });
    log.info('pairing', {
      enterprise_code: 'M1234567890',
      token: 'abc',
      password: 'hunter2',
      apiKey: 'k',
      ip: '192.168.1.5',
    });
    expect(lines.join('')).not.toMatch(/M1234567890|abc|hunter2|"k"/);
    expect(lines.join('')).toContain('192.168.1.5');
  });

  it('never writes a secret in the message, nor one this process registered', () => {
    const lines: string[] = [];
    const log = createStreamLog({ write: (line) => lines.push(line) });
    rememberSecret('M2407loggedBox01');
    log.warn("box said {'token': 'l0ggedTok3n'} for M2407loggedBox01");
    log.info('sent', { note: 'code M2407loggedBox01 accepted' });
    expect(lines.join('')).not.toMatch(/l0ggedTok3n|M2407loggedBox01/);
    expect(lines.join('')).toContain("'token': '[removed]'");
  });

  it('respects the minimum level', () => {
    const lines: string[] = [];
    const log = createStreamLog({ minLevel: 'warn', write: (line) => lines.push(line) });
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('warn loud');
  });
});
