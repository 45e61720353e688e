import { describe, expect, it } from 'vitest';

import { silentLog } from '../../../../../electron/core/adapters/console-log';
import {
  chooseReferences,
  createDnsServices,
  GOOGLE_DNS,
  GOOGLE_DOH,
  referencesFromEnv,
  referencesFromSettings,
} from '../../../../../electron/core/dns/create-dns';

// Where the reference servers come from: options (CLI, tests), then IOTBOX_REFERENCE_DNS /
// IOTBOX_DOH, then Settings → Advanced, then Google; decided once, field by field.

const settings = () => Promise.resolve({ servers: [{ address: '10.0.0.53', port: 53 }] });

describe('DNS references', () => {
  it('default to Google', () => {
    expect(chooseReferences({}, {})).toEqual({ servers: GOOGLE_DNS, dohUrl: GOOGLE_DOH });
  });

  it('read IOTBOX_REFERENCE_DNS and IOTBOX_DOH, and name a bad value instead of using it', () => {
    expect(
      referencesFromEnv({ IOTBOX_REFERENCE_DNS: '9.9.9.9, 10.0.0.1:5353', IOTBOX_DOH: 'off' }),
    ).toEqual({
      choice: {
        servers: [
          { address: '9.9.9.9', port: 53 },
          { address: '10.0.0.1', port: 5353 },
        ],
        dohUrl: null,
      },
      problems: [],
    });
    const bad = referencesFromEnv({ IOTBOX_REFERENCE_DNS: '9.9.9.9,dns.google', IOTBOX_DOH: 'x' });
    expect(bad.choice).toEqual({});
    expect(bad.problems).toHaveLength(2);
  });

  it('turn the settings into a choice; empty fields leave Google', () => {
    expect(referencesFromSettings({ referenceDns: [], referenceDoh: '' })).toEqual({});
    expect(
      referencesFromSettings({ referenceDns: ['[2001:db8::53]:5353'], referenceDoh: 'off' }),
    ).toEqual({ servers: [{ address: '2001:db8::53', port: 5353 }], dohUrl: null });
  });

  it('are decided field by field: options, then the environment, then the settings', async () => {
    const fromSettings = createDnsServices({
      log: silentLog,
      env: {},
      settingsReferences: settings,
    });
    expect(await fromSettings.references()).toEqual({
      servers: [{ address: '10.0.0.53', port: 53 }],
      dohUrl: GOOGLE_DOH,
    });
    const fromEnv = createDnsServices({
      log: silentLog,
      env: { IOTBOX_REFERENCE_DNS: '127.0.77.1:5301' },
      settingsReferences: settings,
    });
    expect((await fromEnv.references()).servers).toEqual([{ address: '127.0.77.1', port: 5301 }]);
    expect(fromEnv.fromEnv).toEqual({ servers: true, doh: false });
    const fromOptions = createDnsServices({
      log: silentLog,
      env: { IOTBOX_REFERENCE_DNS: '127.0.77.1:5301', IOTBOX_DOH: 'off' },
      references: [{ address: '127.0.77.2', port: 5302 }],
      settingsReferences: settings,
    });
    expect(await fromOptions.references()).toEqual({
      servers: [{ address: '127.0.77.2', port: 5302 }],
      dohUrl: null,
    });
    // A change of this computer writes only port-53 references (with Google's IPv6 for Google).
    expect(await fromSettings.fixServers()).toEqual({ ipv4: ['10.0.0.53'], ipv6: [] });
  });
});
