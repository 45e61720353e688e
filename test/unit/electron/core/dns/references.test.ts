import { describe, expect, it } from 'vitest';

import { nodeSystem } from '../../../../../electron/core/adapters/node-ports';
import { createDnsServices, type DnsOptions } from '../../../../../electron/core/dns/create-dns';
import {
  chooseReferences,
  GOOGLE_DNS,
  GOOGLE_DOH,
  referencesFromEnv,
  referencesFromSettings,
} from '../../../../../electron/core/dns/references';
import { testPorts } from '../../../../support/test-ports';

// Where the reference servers come from: options (CLI, tests), then IOTBOX_REFERENCE_DNS /
// IOTBOX_DOH, then Settings → Advanced, then Google; decided once, field by field.

const settings = () => Promise.resolve({ servers: [{ address: '10.0.0.53', port: 53 }] });

function dnsWith(env: Record<string, string>, options: DnsOptions = {}) {
  return createDnsServices(
    testPorts({ system: nodeSystem(env) }),
    { language: () => Promise.resolve('en'), settingsReferences: settings },
    options,
  );
}

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
    const fromSettings = dnsWith({});
    expect(await fromSettings.references()).toEqual({
      servers: [{ address: '10.0.0.53', port: 53 }],
      dohUrl: GOOGLE_DOH,
    });
    const fromEnv = dnsWith({ IOTBOX_REFERENCE_DNS: '127.0.77.1:5301' });
    expect((await fromEnv.references()).servers).toEqual([{ address: '127.0.77.1', port: 5301 }]);
    expect(fromEnv.fromEnv).toEqual({ servers: true, doh: false });
    const fromOptions = dnsWith(
      { IOTBOX_REFERENCE_DNS: '127.0.77.1:5301', IOTBOX_DOH: 'off' },
      { references: [{ address: '127.0.77.2', port: 5302 }] },
    );
    expect(await fromOptions.references()).toEqual({
      servers: [{ address: '127.0.77.2', port: 5302 }],
      dohUrl: null,
    });
    // A change of this computer writes only port-53 references (with Google's IPv6 for Google).
    expect(await fromSettings.fixServers()).toEqual({ ipv4: ['10.0.0.53'], ipv6: [] });
  });
});
