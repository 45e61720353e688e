import { describe, expect, it } from 'vitest';

import { createCore } from '../../../../electron/core/create-core';
import type { JsonFilePort } from '../../../../electron/core/ports';
import { testPorts } from '../../../support/test-ports';

function recordingFile(initial?: unknown): JsonFilePort & { reads: number; writes: unknown[] } {
  let stored = initial;
  const file = {
    reads: 0,
    writes: [] as unknown[],
    read() {
      file.reads += 1;
      return Promise.resolve(stored);
    },
    write(value: unknown) {
      file.writes.push(value);
      stored = value;
      return Promise.resolve();
    },
  };
  return file;
}

function coreWith(file: JsonFilePort) {
  return createCore(testPorts({ settingsFile: file }));
}

const context = () => ({ signal: new AbortController().signal });

describe('dispatch', () => {
  it.each([
    ['a wrong type', [{ language: 42 }]],
    ['an unknown language', [{ language: 'xx' }]],
    ['an unknown field', [{ language: 'it', admin: true }]],
    ['a missing argument', []],
    ['too many arguments', [{ language: 'it' }, 'extra']],
    ['a non-object', ['it']],
  ])('rejects %s with invalid-arguments and never reaches the service', async (_name, args) => {
    const file = recordingFile();
    const core = coreWith(file);
    const result = await core.dispatch('settings:set', args, context());
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(file.reads).toBe(0);
    expect(file.writes).toEqual([]);
  });

  it('rejects a channel that is not in the contract', async () => {
    const core = coreWith(recordingFile());
    for (const channel of ['settings:delete', '__proto__', 'constructor', 42]) {
      await expect(core.dispatch(channel, [], context())).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid-arguments' },
      });
    }
  });

  it('passes valid arguments through and returns a serialisable result', async () => {
    const file = recordingFile();
    const core = coreWith(file);
    const result = await core.dispatch('settings:set', [{ language: 'it' }], context());
    expect(result).toEqual({
      ok: true,
      value: {
        language: 'it',
        theme: 'system',
        autoUpdate: true,
        rememberEnterpriseCode: false,
        referenceDns: [],
        referenceDoh: '',
      },
    });
    expect(file.writes).toEqual([
      {
        language: 'it',
        theme: 'system',
        autoUpdate: true,
        rememberEnterpriseCode: false,
        referenceDns: [],
        referenceDoh: '',
      },
    ]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('maps a throwing service to internal without leaking the error', async () => {
    const core = coreWith({
      read: () => Promise.resolve(undefined),
      write: () => Promise.reject(new Error('disk on fire')),
    });
    const result = await core.dispatch('settings:set', [{ theme: 'dark' }], context());
    expect(result).toMatchObject({ ok: false, error: { code: 'settings-unreadable' } });
  });
});

describe('settings', () => {
  it('keeps the valid values of a partly damaged file and drops the rest', async () => {
    const core = coreWith(
      recordingFile({ language: 'it', theme: 'purple', autoUpdate: false, extra: 1 }),
    );
    await expect(core.dispatch('settings:get', [], context())).resolves.toEqual({
      ok: true,
      value: {
        language: 'it',
        theme: 'system',
        autoUpdate: false,
        rememberEnterpriseCode: false,
        referenceDns: [],
        referenceDoh: '',
      },
    });
  });

  it('keeps valid reference DNS settings and drops a bad one without losing the rest', async () => {
    const core = coreWith(
      recordingFile({ referenceDns: ['10.0.0.53', '10.0.0.54:5353'], referenceDoh: 'ftp://x' }),
    );
    const result = await core.dispatch('settings:get', [], context());
    expect(result).toMatchObject({
      ok: true,
      value: { referenceDns: ['10.0.0.53', '10.0.0.54:5353'], referenceDoh: '' },
    });
    await expect(
      core.dispatch('settings:set', [{ referenceDns: ['dns.google'] }], context()),
    ).resolves.toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('falls back to defaults when the file is unreadable', async () => {
    const core = coreWith({
      read: () => Promise.reject(new Error('EACCES')),
      write: () => Promise.resolve(),
    });
    await expect(core.dispatch('settings:get', [], context())).resolves.toEqual({
      ok: true,
      value: {
        language: 'system',
        theme: 'system',
        autoUpdate: true,
        rememberEnterpriseCode: false,
        referenceDns: [],
        referenceDoh: '',
      },
    });
  });
});
