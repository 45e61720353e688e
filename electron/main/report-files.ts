import { writeFile } from 'node:fs/promises';

import { app, clipboard, dialog } from 'electron';

import type { ClipboardPort, ReportSaverPort } from '../core/ports';

/** Saves a report where the user picks: the HTML page, and the same data as JSON beside it. */
export const dialogReportSaver: ReportSaverPort = {
  async save(report) {
    const choice = await dialog.showSaveDialog({
      defaultPath: `${app.getPath('documents')}/${report.suggestedName}.html`,
      filters: [{ name: 'HTML', extensions: ['html'] }],
    });
    if (choice.canceled || !choice.filePath) {
      return null;
    }
    const html = choice.filePath.endsWith('.html') ? choice.filePath : `${choice.filePath}.html`;
    await writeFile(html, report.html, 'utf8');
    await writeFile(html.replace(/\.html$/, '.json'), report.json, 'utf8');
    return html;
  },
};

export const electronClipboard: ClipboardPort = {
  writeText: (text) => {
    void clipboard.writeText(text);
  },
};
