import { build, Platform } from 'electron-builder';

import { loadBuilderConfig, mergeConfig, PROJECT_DIR } from './builder-config';
import { makeIcons } from './make-icons';
import { planSigning, type DistPlatform } from './signing';

// `npm run dist:win|mac|linux`: icons from the one source, signing from the environment, then
// electron-builder. Publishing stays a deliberate step (`--publish`, docs/releasing.md), and is
// refused for a build installed apps could not verify as an update (an unsigned one).
const platform = process.argv[2];
const publish = process.argv.includes('--publish') ? 'always' : 'never';
const targets: Record<DistPlatform, Platform> = {
  win: Platform.WINDOWS,
  mac: Platform.MAC,
  linux: Platform.LINUX,
};
if (platform !== 'win' && platform !== 'mac' && platform !== 'linux') {
  process.stderr.write('usage: dist.ts win|mac|linux [--publish]\n');
  process.exit(2);
}

const plan = planSigning(platform, process.env);
if (publish === 'always' && plan.publishRefusal !== null) {
  process.stderr.write(`dist: refusing to publish. ${plan.publishRefusal}\n`);
  process.exit(2);
}
await makeIcons();
for (const message of plan.messages) {
  process.stdout.write(`${message}\n`);
}
Object.assign(process.env, plan.env);
await build({
  projectDir: PROJECT_DIR,
  targets: targets[platform].createTarget(),
  config: mergeConfig(await loadBuilderConfig(), plan.overrides),
  publish,
});
