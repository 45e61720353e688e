import { describe, expect, it } from 'vitest';

import {
  initialReportView,
  reportReducer,
  type ReportAction,
  type ReportView,
} from '../../../renderer/src/report/report-state';

const creating: ReportView = { ...initialReportView, created: { status: 'loading' } };
const created: ReportView = {
  ...initialReportView,
  created: { status: 'loaded', value: { summary: 'OK box' } },
};
const saving: ReportView = { ...created, save: { status: 'saving' } };
const copying: ReportView = { ...created, copy: { status: 'copying' } };

const table: [string, ReportView, ReportAction, ReportView][] = [
  ['the report is being made', initialReportView, { type: 'report-creating' }, creating],
  ['a second request while making it is ignored', creating, { type: 'report-creating' }, creating],
  ['the report is made', creating, { type: 'report-created', summary: 'OK box' }, created],
  [
    'a late report is dropped',
    initialReportView,
    { type: 'report-created', summary: 'x' },
    initialReportView,
  ],
  [
    'a failed report ends the save and copy waiting for it',
    { created: { status: 'loading' }, save: { status: 'saving' }, copy: { status: 'copying' } },
    { type: 'report-create-failed', error: { code: 'report-missing' } },
    {
      created: { status: 'failed', error: { code: 'report-missing' } },
      save: { status: 'idle' },
      copy: { status: 'idle' },
    },
  ],
  ['saving starts', created, { type: 'save-started' }, saving],
  [
    'saved, with where',
    saving,
    { type: 'save-finished', location: '/r.html' },
    { ...created, save: { status: 'saved', location: '/r.html' } },
  ],
  [
    'the save dialog was closed',
    saving,
    { type: 'save-finished', location: null },
    { ...created, save: { status: 'cancelled' } },
  ],
  [
    'saving failed with its code',
    saving,
    { type: 'save-failed', error: { code: 'not-implemented' } },
    { ...created, save: { status: 'failed', error: { code: 'not-implemented' } } },
  ],
  [
    'a late save answer is dropped',
    created,
    { type: 'save-finished', location: '/r.html' },
    created,
  ],
  ['copying starts', created, { type: 'copy-started' }, copying],
  ['copied', copying, { type: 'copy-finished' }, { ...created, copy: { status: 'copied' } }],
  [
    'no clipboard at all',
    copying,
    { type: 'copy-failed' },
    { ...created, copy: { status: 'failed' } },
  ],
  ['a late copy answer is dropped', created, { type: 'copy-finished' }, created],
  [
    'copying again after a copy',
    { ...created, copy: { status: 'copied' } },
    { type: 'copy-started' },
    copying,
  ],
];

describe('report buttons state', () => {
  it.each(table)('%s', (_name, view, action, expected) => {
    expect(reportReducer(view, action)).toEqual(expected);
  });
});
