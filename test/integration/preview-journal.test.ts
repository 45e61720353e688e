import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createDnsJournalStore } from '../../electron/core/adapters/dns-journal-store';
import { startPreview, type Preview } from '../preview/start-preview';
import { journalBody, plantSealed } from '../support/dns-machines';

// `npm run preview` (real mode) can change this computer's DNS, so its change journal must
// outlive the preview: it lives in the app's data folder (here IOTBOX_DATA_DIR), not in a
// temporary folder deleted on exit. A change recorded there is still offered for Undo after
// the preview closes and starts again. Nothing here reads or changes the machine's DNS: only the
// journal is read.

let dir: string;
const saved = process.env['IOTBOX_DATA_DIR'];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotbox-preview-data-'));
  process.env['IOTBOX_DATA_DIR'] = dir;
});
afterEach(async () => {
  if (saved === undefined) {
    delete process.env['IOTBOX_DATA_DIR'];
  } else {
    process.env['IOTBOX_DATA_DIR'] = saved;
  }
  await rm(dir, { recursive: true, force: true });
});

async function journalOffered(preview: Preview): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${preview.port}/api/invoke/dns:get-journal`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${preview.token}`, 'Content-Type': 'application/json' },
    body: '[]',
  });
  return response.json();
}

describe('the real-network preview keeps its DNS change journal', () => {
  it('in a stable data folder: a kept change is still offered for Undo after a restart', async () => {
    const folder = join(dir, 'preview');
    const body = journalBody('resolv-conf');
    await plantSealed(createDnsJournalStore(folder), body);

    const first = await startPreview({ network: 'real' });
    expect(first.dataDir).toBe(folder);
    expect(await journalOffered(first)).toMatchObject({ ok: true, value: { id: body.id } });
    await first.close();

    expect(JSON.parse(await readFile(join(folder, 'dns-journal.json'), 'utf8'))).toMatchObject({
      id: body.id,
    });
    const second = await startPreview({ network: 'real' });
    try {
      expect(await journalOffered(second)).toMatchObject({ ok: true, value: { id: body.id } });
    } finally {
      await second.close();
    }
  });
});
