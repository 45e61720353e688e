// Test helper, run in the ROOT namespace: owns a minimal lab and then waits to be killed, so the
// suite can check that SIGTERM runs the exit hooks and that a SIGKILLed owner's lab is removed
// by the next cleanupLeftovers().
import { createLabLan } from '../lab-lan';

const lan = await createLabLan({ boxes: [], decoy: false });
process.stdout.write(
  `${JSON.stringify({ ready: true, prefix: lan.prefix, tmpDir: lan.tmpDir, pids: lan.recordedPids() })}\n`,
);
// Keep the event loop alive until a signal arrives.
setInterval(() => undefined, 60_000);
