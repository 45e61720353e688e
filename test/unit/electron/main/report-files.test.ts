import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { dialogReportSaver, electronClipboard } from '../../../../electron/main/report-files';
import { clipboard, dialog } from '../../../fakes/electron';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotbox-report-'));
});
afterEach(async () => {
  dialog.nextSavePath = undefined;
  await rm(dir, { recursive: true, force: true });
});

const files = { html: '<p>report</p>', json: '{"ok":true}\n', suggestedName: 'iotbox-report-x' };

describe('report files in the app', () => {
  it('writes the HTML page and the JSON beside it where the user chose', async () => {
    dialog.nextSavePath = join(dir, 'ticket');
    const location = await dialogReportSaver.save(files);
    expect(location).toBe(join(dir, 'ticket.html'));
    expect(await readFile(join(dir, 'ticket.html'), 'utf8')).toBe(files.html);
    expect(await readFile(join(dir, 'ticket.json'), 'utf8')).toBe(files.json);
    expect(String(dialog.saveDialogs.at(-1)?.['defaultPath'])).toContain('iotbox-report-x.html');
  });

  it('writes nothing when the user cancels', async () => {
    await expect(dialogReportSaver.save(files)).resolves.toBeNull();
  });

  it('copies through the main process clipboard', () => {
    electronClipboard.writeText('summary text');
    expect(clipboard.text).toBe('summary text');
  });
});
