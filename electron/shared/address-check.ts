import type { GuideText } from './dns-guidance';
import type { AddressCheckProgress } from './schemas/discovery';

/* What a typed address's patient check says while it waits, in the wizard and the CLI alike. */

/** A box on the LAN answers within a second: after that the wait is shown… */
export const SHOW_WAIT_AFTER_MS = 1_000;
/** …and after this, a hint about why it may not answer yet. */
const HINT_AFTER_MS = 3_000;

/**
 * "Still starting?" for an address that is there but not answering as a box yet (or slowly),
 * another hint for one that stays silent; nothing in the first seconds.
 */
export function addressWaitHint(
  progress: Pick<AddressCheckProgress, 'elapsedMs' | 'last'>,
): GuideText | null {
  if (progress.elapsedMs < HINT_AFTER_MS) {
    return null;
  }
  return { key: progress.last === 'silent' ? 'findBox.silentYet' : 'findBox.stillStarting' };
}
