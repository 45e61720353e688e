import { describe, expect, it } from 'vitest';

import type { DeviceReport } from '../../../electron/shared/schemas/device-check';
import {
  deviceCheckReducer,
  initialDeviceCheck,
  openCheckId,
  type DeviceCheckView,
} from '../../../renderer/src/device-check/device-check-state';

const session = (id: string) => ({
  id,
  url: `http://192.168.1.10:41000/${id}`,
  address: '192.168.1.10',
  port: 41000,
  name: '192-168-1-20.abcd1234.odoo-iot.com',
  expiresAt: '2026-12-03T10:10:00.000Z',
});
const DEVICE = {
  userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/142.0.0.0',
  os: 'android',
  browser: 'chrome',
  browserVersion: 142,
} as const;
const REPORT: DeviceReport = {
  device: DEVICE,
  verdict: 'name-blocked',
  checks: {
    http: { ok: true, detail: 'box', ms: 8 },
    name: { ok: false, detail: 'no-answer', ms: 2 },
    https: { ok: false, detail: 'no-answer', ms: 2 },
  },
  box: { ip: '192.168.1.20', port: 8069, name: '192-168-1-20.abcd1234.odoo-iot.com' },
  checkedAt: '2026-12-03T10:01:00.000Z',
};

const waiting: DeviceCheckView = deviceCheckReducer(initialDeviceCheck, {
  type: 'started',
  session: session('a'),
});

describe('the check-another-device dialog', () => {
  it('waits for the device once the page is open, and keeps that page open', () => {
    expect(waiting).toEqual({ phase: 'waiting', session: session('a'), device: null });
    expect(openCheckId(waiting)).toBe('a');
    expect(openCheckId(initialDeviceCheck)).toBeNull();
  });

  it('shows which device opened the page, then its verdict', () => {
    const opened = deviceCheckReducer(waiting, {
      type: 'opened',
      event: { id: 'a', device: DEVICE },
    });
    expect(opened).toMatchObject({ phase: 'waiting', device: DEVICE });
    const done = deviceCheckReducer(opened, {
      type: 'ended',
      event: { id: 'a', reason: 'result', report: REPORT },
    });
    expect(done).toEqual({ phase: 'result', session: session('a'), report: REPORT });
    expect(openCheckId(done)).toBeNull();
  });

  it('ignores the events of an earlier check', () => {
    expect(
      deviceCheckReducer(waiting, { type: 'opened', event: { id: 'old', device: DEVICE } }),
    ).toBe(waiting);
    expect(
      deviceCheckReducer(waiting, {
        type: 'ended',
        event: { id: 'old', reason: 'result', report: REPORT },
      }),
    ).toBe(waiting);
  });

  it('says when the time ran out, and starts over on request', () => {
    const expired = deviceCheckReducer(waiting, {
      type: 'ended',
      event: { id: 'a', reason: 'expired', report: null },
    });
    expect(expired).toEqual({ phase: 'expired', session: session('a') });
    expect(deviceCheckReducer(expired, { type: 'start' })).toEqual({ phase: 'starting' });
  });

  it('shows why the page could not be opened', () => {
    const failed = deviceCheckReducer(initialDeviceCheck, {
      type: 'start-failed',
      error: { code: 'device-check-no-interface' },
    });
    expect(failed).toEqual({ phase: 'failed', error: { code: 'device-check-no-interface' } });
    // A late answer to a start that already failed does not reopen anything.
    expect(deviceCheckReducer(failed, { type: 'started', session: session('b') })).toBe(failed);
  });
});
