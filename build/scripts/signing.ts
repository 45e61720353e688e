/**
 * Decides how a release is signed from the environment alone, so a maintainer's machine, CI with
 * secrets and a contributor without any all run the same command. Absent credentials never fail
 * the build: they produce an unsigned artifact and a clear message saying what was skipped.
 */
export type DistPlatform = 'win' | 'mac' | 'linux';

export type SigningPlan = {
  /** electron-builder configuration merged over build/electron-builder.yml. */
  readonly overrides: Record<string, unknown>;
  /** Environment for electron-builder (e.g. turning identity auto-discovery off). */
  readonly env: Record<string, string>;
  readonly messages: readonly string[];
};

type Env = Readonly<Record<string, string | undefined>>;

const has = (env: Env, ...names: string[]): boolean => names.every((name) => Boolean(env[name]));

export function planSigning(platform: DistPlatform, env: Env): SigningPlan {
  switch (platform) {
    case 'win':
      return planWindows(env);
    case 'mac':
      return planMac(env);
    case 'linux':
      return { overrides: {}, env: {}, messages: ['Linux packages are not signed.'] };
  }
}

function planWindows(env: Env): SigningPlan {
  if (
    has(
      env,
      'AZURE_TENANT_ID',
      'AZURE_CLIENT_ID',
      'AZURE_CLIENT_SECRET',
      'AZURE_TRUSTED_SIGNING_ENDPOINT',
      'AZURE_TRUSTED_SIGNING_ACCOUNT',
      'AZURE_TRUSTED_SIGNING_PROFILE',
    )
  ) {
    return {
      overrides: {
        win: {
          azureSignOptions: {
            endpoint: env['AZURE_TRUSTED_SIGNING_ENDPOINT'],
            codeSigningAccountName: env['AZURE_TRUSTED_SIGNING_ACCOUNT'],
            certificateProfileName: env['AZURE_TRUSTED_SIGNING_PROFILE'],
            publisherName: env['AZURE_TRUSTED_SIGNING_PUBLISHER'] ?? 'IoT Box Assistant',
          },
        },
      },
      env: {},
      messages: ['Windows: signing with Azure Trusted Signing.'],
    };
  }
  if (has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK')) {
    return {
      overrides: {},
      env: {},
      messages: ['Windows: signing with the certificate in WIN_CSC_LINK / CSC_LINK.'],
    };
  }
  return {
    overrides: {},
    env: { CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    messages: [
      'Windows: no signing credentials (WIN_CSC_LINK or the AZURE_* variables); building an UNSIGNED installer. SmartScreen will warn users: do not publish it.',
    ],
  };
}

function planMac(env: Env): SigningPlan {
  const messages: string[] = [];
  const overrides: Record<string, unknown> = {};
  const buildEnv: Record<string, string> = {};
  const canSign = has(env, 'CSC_LINK') || has(env, 'CSC_NAME');
  if (canSign) {
    messages.push('macOS: signing with the Developer ID certificate in CSC_LINK / CSC_NAME.');
  } else {
    buildEnv['CSC_IDENTITY_AUTO_DISCOVERY'] = 'false';
    messages.push(
      'macOS: no Developer ID certificate (CSC_LINK); building an UNSIGNED app. Gatekeeper will block it: do not publish it.',
    );
  }
  const apiKey = has(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER');
  const appleId = has(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID');
  if (canSign && (apiKey || appleId)) {
    messages.push(
      `macOS: notarizing with ${apiKey ? 'the App Store Connect API key' : 'the Apple ID'}.`,
    );
  } else {
    overrides['mac'] = { notarize: false };
    messages.push(
      canSign
        ? 'macOS: no notarization credentials (APPLE_API_KEY* or APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID); skipping notarization.'
        : 'macOS: skipping notarization (it needs a signed app).',
    );
  }
  return { overrides, env: buildEnv, messages };
}
