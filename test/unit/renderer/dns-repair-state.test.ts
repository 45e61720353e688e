import { describe, expect, it } from 'vitest';

import type {
  DnsChangePreview,
  DnsJournalSummary,
  DnsRecheck,
  DnsReport,
} from '../../../electron/shared/schemas/dns';
import {
  checkOutcome,
  dnsRepairReducer,
  initialDnsRepairState,
  previewDecision,
  type DnsRepairAction,
  type DnsRepairState,
} from '../../../renderer/src/wizard/dns-repair-state';

const report: DnsReport = {
  name: '192-168-1-143.d73e7513.odoo-iot.com',
  hash: 'd73e7513',
  expectedIp: '192.168.1.143',
  verdict: 'rebind-blocked',
  publishedAddresses: ['192.168.1.143'],
  basis: null,
  outboundDnsBlocked: false,
  boxReached: true,
  probes: [],
  router: {
    address: '192.168.1.1',
    family: 'unknown',
    evidence: [],
    model: null,
    filterAt: null,
    upstream: [],
    adminUrl: null,
    localNames: [],
  },
  durationMs: 120,
  checkedAt: '2025-01-01T00:00:00.000Z',
};
const summary: DnsJournalSummary = {
  id: 'a1',
  state: 'awaiting-confirmation',
  name: report.name,
  method: 'resolv-conf',
  createdAt: '2025-01-01T00:00:00.000Z',
  deadline: 60_000,
  servers: ['8.8.8.8'],
  adapters: [],
  reason: null,
  results: null,
};
const failure = { code: 'dns-change-denied' } as const;
const fixedReport: DnsReport = { ...report, verdict: 'ok', checkedAt: '2025-01-01T00:01:00.000Z' };
const reachable: DnsRecheck = {
  name: report.name,
  expectedIp: report.expectedIp,
  resolves: true,
  lookup: {
    roles: ['system'],
    address: 'system',
    outcome: 'answer',
    addresses: [report.expectedIp],
    error: null,
    errno: null,
    ms: 3,
  },
  https: { status: 'ok', code: null },
  reachable: true,
};

const loading: DnsRepairState = { ...initialDnsRepairState, check: { status: 'loading' } };
const loaded: DnsRepairState = {
  ...initialDnsRepairState,
  check: { status: 'loaded', value: { report, plans: [], https: null, attempt: null } },
};
const applying: DnsRepairState = { ...loaded, change: { status: 'applying' } };
const awaiting: DnsRepairState = { ...loaded, change: { status: 'awaiting', summary } };
const kept: DnsRepairState = { ...loaded, change: { status: 'kept', summary } };

const table: [string, DnsRepairState, DnsRepairAction, DnsRepairState][] = [
  ['check starts', initialDnsRepairState, { type: 'check-started' }, loading],
  [
    'check ends with the plans',
    loading,
    { type: 'checked', report, plans: [], https: null },
    loaded,
  ],
  [
    '"Check again" replaces the previous verdict, remembering the fix just tried',
    { ...loaded, check: { status: 'loading' }, attempt: 'router-exception' },
    { type: 'checked', report: fixedReport, plans: [], https: reachable },
    {
      ...loaded,
      check: {
        status: 'loaded',
        value: { report: fixedReport, plans: [], https: reachable, attempt: 'router-exception' },
      },
    },
  ],
  [
    'a check after a tried fix starts with that fix',
    loaded,
    { type: 'check-started', attempt: 'router-dhcp-google' },
    { ...loaded, check: { status: 'loading' }, attempt: 'router-dhcp-google' },
  ],
  ['one check at a time', loading, { type: 'check-started', attempt: 'hosts-file' }, loading],
  [
    'a corrected router replaces the router and the plans, not the verdict',
    loaded,
    { type: 'router-corrected', router: { ...report.router, family: 'fritzbox' }, plans: [] },
    {
      ...loaded,
      check: {
        status: 'loaded',
        value: {
          report: { ...report, router: { ...report.router, family: 'fritzbox' } },
          plans: [],
          https: null,
          attempt: null,
        },
      },
    },
  ],
  [
    'check fails',
    loading,
    { type: 'check-failed', error: failure },
    { ...initialDnsRepairState, check: { status: 'failed', error: failure } },
  ],
  [
    'a late answer without a running check is dropped',
    loaded,
    { type: 'check-failed', error: failure },
    loaded,
  ],
  ['apply starts', loaded, { type: 'change-started' }, applying],
  ['apply cannot start twice', applying, { type: 'change-started' }, applying],
  ['applied: awaits confirmation', applying, { type: 'change-applied', summary }, awaiting],
  [
    'apply fails',
    applying,
    { type: 'change-failed', error: failure },
    { ...loaded, change: { status: 'failed', error: failure } },
  ],
  ['kept', awaiting, { type: 'change-kept', summary }, kept],
  [
    'undo from awaiting',
    awaiting,
    { type: 'undo-started' },
    { ...loaded, change: { status: 'undoing', summary } },
  ],
  [
    'undo from kept',
    kept,
    { type: 'undo-started' },
    { ...loaded, change: { status: 'undoing', summary } },
  ],
  ['nothing to undo', loaded, { type: 'undo-started' }, loaded],
  [
    'restored',
    { ...loaded, change: { status: 'undoing', summary } },
    { type: 'change-restored', summary: { ...summary, state: 'restored' } },
    { ...loaded, change: { status: 'restored', summary: { ...summary, state: 'restored' } } },
  ],
  [
    'auto rollback of the awaited change',
    awaiting,
    { type: 'change-rolled-back', summary: { ...summary, state: 'rolled-back' } },
    { ...loaded, change: { status: 'rolled-back', summary: { ...summary, state: 'rolled-back' } } },
  ],
  [
    'a rollback of another change is ignored',
    awaiting,
    { type: 'change-rolled-back', summary: { ...summary, id: 'other' } },
    awaiting,
  ],
  [
    'an open journal at start is offered',
    initialDnsRepairState,
    { type: 'journal-found', summary },
    { ...initialDnsRepairState, openJournal: summary },
  ],
  [
    'a finished journal is not offered',
    initialDnsRepairState,
    { type: 'journal-found', summary: { ...summary, state: 'restored' } },
    initialDnsRepairState,
  ],
  [
    'undo of the open journal',
    { ...initialDnsRepairState, openJournal: summary },
    { type: 'undo-started' },
    { ...initialDnsRepairState, openJournal: summary, change: { status: 'undoing', summary } },
  ],
];

describe('dnsRepairReducer', () => {
  it.each(table)('%s', (_name, state, action, expected) => {
    expect(dnsRepairReducer(state, action)).toEqual(expected);
  });
});

describe('previewing a change of this computer', () => {
  const preview = (fields: Partial<DnsChangePreview> = {}): DnsChangePreview => ({
    method: 'windows',
    adapters: [{ label: 'Ethernet', ipv4: { mode: 'automatic', servers: [] }, ipv6: null }],
    skipped: [],
    blockers: [],
    warnings: [],
    prompts: true,
    ...fields,
  });
  const previewing = dnsRepairReducer(loaded, { type: 'preview-started' });

  it.each([
    ['nothing to say: straight on', preview(), 'go', 'applying'],
    [
      'a VPN left alone: asked first',
      preview({ skipped: [{ label: 'VPN', reason: 'vpn' }] }),
      'confirm',
      'confirm',
    ],
    [
      'a browser bypassing the OS: asked first',
      preview({
        warnings: [{ kind: 'browser-secure-dns', browser: 'firefox', source: 'setting' }],
      }),
      'confirm',
      'confirm',
    ],
    ['a managed PC: refused', preview({ blockers: ['domain', 'nrpt'] }), 'refuse', 'refused'],
  ] as const)('%s', (_name, value, decision, status) => {
    expect(previewDecision(value)).toBe(decision);
    const next = dnsRepairReducer(previewing, { type: 'previewed', preview: value });
    expect(next.change.status).toBe(status);
    expect(next.preview).toEqual(value);
    if (next.change.status === 'refused') {
      expect(next.change.error.code).toBe('dns-managed-domain');
    }
  });

  it('shows a waiting prompt only while a change runs, and forgets it when it ends', () => {
    const running = dnsRepairReducer(applying, { type: 'prompt-waiting' });
    expect(running.promptWaiting).toBe(true);
    expect(dnsRepairReducer(loaded, { type: 'prompt-waiting' }).promptWaiting).toBe(false);
    expect(dnsRepairReducer(running, { type: 'change-applied', summary }).promptWaiting).toBe(
      false,
    );
  });

  it('cancel after the preview goes back to idle', () => {
    const asking = dnsRepairReducer(previewing, {
      type: 'previewed',
      preview: preview({ skipped: [{ label: 'VPN', reason: 'vpn' }] }),
    });
    expect(dnsRepairReducer(asking, { type: 'preview-cancelled' }).change).toEqual({
      status: 'idle',
    });
  });
});

describe('checkOutcome', () => {
  it('is reachable only when the name resolves and HTTPS passed', () => {
    const result = { report: fixedReport, plans: [], https: reachable, attempt: null };
    expect(checkOutcome(result)).toBe('reachable');
    expect(checkOutcome({ ...result, https: null })).toBe('found');
    expect(checkOutcome({ ...result, report })).toBe('problem');
  });
});
