import { parseBoxTarget, type BoxTarget } from '../../electron/core/box/box-target';

/**
 * A box address as a user types it, parsed the way the contract's handlers and the CLI parse
 * it before a service sees it (tests that call a service directly stand at that edge).
 */
export function typedBox(text: string): BoxTarget {
  const target = parseBoxTarget(text);
  if (!target.ok) {
    throw new Error(`not a box address: ${text}`);
  }
  return target.value;
}
