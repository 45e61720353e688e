/**
 * Decides how a release is signed from the environment alone, so a maintainer's machine, CI with
 * secrets and a contributor without any all run the same command. Absent credentials never fail
 * the build: they produce an unsigned artifact and a clear message saying what was skipped.
 * Publishing is another matter: installed apps download what is published and install it, so
 * only a build whose updates they can verify against our signing identity may be published.
 */
export type DistPlatform = 'win' | 'mac' | 'linux';

export type SigningPlan = {
  /** electron-builder configuration merged over build/electron-builder.yml. */
  readonly overrides: Record<string, unknown>;
  /** Environment for electron-builder (e.g. turning identity auto-discovery off). */
  readonly env: Record<string, string>;
  readonly messages: readonly string[];
  /** Why this build must not be published (`dist --publish` refuses it), or null. */
  readonly publishRefusal: string | null;
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
      return {
        overrides: {},
        env: {},
        messages: ['Linux packages are not signed.'],
        publishRefusal:
          'Linux packages cannot be signed, so nothing could verify them as updates: attach them to the release by hand (the Linux app does not update itself).',
      };
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
    // electron-builder cannot read the publisher from Azure: it must be given, and installed
    // apps compare every downloaded update's signature with it (app-update.yml publisherName).
    const publisher = env['AZURE_TRUSTED_SIGNING_PUBLISHER'];
    return {
      overrides: {
        win: {
          azureSignOptions: {
            endpoint: env['AZURE_TRUSTED_SIGNING_ENDPOINT'],
            codeSigningAccountName: env['AZURE_TRUSTED_SIGNING_ACCOUNT'],
            certificateProfileName: env['AZURE_TRUSTED_SIGNING_PROFILE'],
            publisherName: publisher ?? 'IoT Box Assistant',
          },
        },
      },
      env: {},
      messages: ['Windows: signing with Azure Trusted Signing.'],
      publishRefusal: publisher
        ? null
        : "Windows: set AZURE_TRUSTED_SIGNING_PUBLISHER to the signing certificate's subject name; installed apps verify every update against it.",
    };
  }
  if (has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK')) {
    // electron-builder writes the certificate's subject name into app-update.yml, so installed
    // apps accept only updates signed with it.
    return {
      overrides: {},
      env: {},
      messages: ['Windows: signing with the certificate in WIN_CSC_LINK / CSC_LINK.'],
      publishRefusal: null,
    };
  }
  return {
    overrides: {},
    env: { CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    messages: [
      'Windows: no signing credentials (WIN_CSC_LINK or the AZURE_* variables); building an UNSIGNED installer. SmartScreen will warn users: do not publish it.',
    ],
    publishRefusal:
      'Windows: an unsigned installer cannot be published: installed apps could not verify it as an update (set WIN_CSC_LINK or the AZURE_* variables).',
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
  const notarized = canSign && (apiKey || appleId);
  if (notarized) {
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
  // Squirrel.Mac installs an update only when its signature matches the running app's; an
  // unsigned app has nothing to match, and an unnotarized one is blocked by Gatekeeper.
  const publishRefusal = !canSign
    ? 'macOS: an unsigned app cannot be published: installed apps could not verify it as an update (set CSC_LINK).'
    : notarized
      ? null
      : 'macOS: an app that is not notarized cannot be published: Gatekeeper would block it (set the APPLE_* variables).';
  return { overrides, env: buildEnv, messages, publishRefusal };
}
