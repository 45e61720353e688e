import type { BoxAddress } from '../../shared/schemas/box';
import { FoundBySchema, type FoundBox, type FoundBy } from '../../shared/schemas/discovery';

/*
 * A search's list of boxes. An entry is an address that answered as a box: what a device says
 * about itself (identifier, MAC) never folds two addresses into one, since any device can copy a
 * box's public identifier and would then hide it. When two addresses claim one identifier or
 * MAC, both stay listed and each names the other, so the user can tell them apart.
 */

/** Channels in a fixed order, so `foundBy` reads the same whatever answered first. */
const CHANNEL_ORDER = FoundBySchema.options;

export function sortFoundBy(channels: Iterable<FoundBy>): FoundBy[] {
  const set = new Set(channels);
  return CHANNEL_ORDER.filter((channel) => set.has(channel));
}

function normaliseMac(mac: string | null): string | null {
  return mac === null ? null : mac.toLowerCase().replace(/-/g, ':');
}

function sameAddress(a: BoxAddress, b: BoxAddress): boolean {
  return a.host === b.host && a.port === b.port;
}

/** Two answers claim one box: the same identifier, or the same MAC. */
function claimsSameBox(a: FoundBox, b: FoundBox): boolean {
  if (a.identifier !== null && a.identifier === b.identifier) {
    return true;
  }
  const mac = normaliseMac(a.mac);
  return mac !== null && mac === normaliseMac(b.mac);
}

/** Each box with the other addresses claiming its identity, in list order. */
function withClaims(boxes: readonly FoundBox[]): FoundBox[] {
  return boxes.map((box) => ({
    ...box,
    alsoClaimedBy: boxes
      .filter((other) => !sameAddress(other.address, box.address) && claimsSameBox(box, other))
      .map((other) => other.address),
  }));
}

export type MergeOutcome = {
  readonly boxes: FoundBox[];
  /** The incoming box when its address is new to the list. */
  readonly added: FoundBox | null;
  /** Entries that changed: the one at the incoming address, or others whose claims changed. */
  readonly updated: FoundBox[];
};

/**
 * Adds a confirmed box to the list, or folds it into the entry at the same address (channels
 * united, fields the first answer left unknown filled in), then recomputes which addresses claim
 * the same identity. Never mutates its inputs.
 */
export function mergeBox(boxes: readonly FoundBox[], incoming: FoundBox): MergeOutcome {
  const index = boxes.findIndex((box) => sameAddress(box.address, incoming.address));
  const existing = index === -1 ? undefined : boxes[index];
  const entry: FoundBox =
    existing === undefined
      ? { ...incoming, foundBy: sortFoundBy(incoming.foundBy) }
      : {
          ...existing,
          name: existing.name ?? incoming.name,
          identifier: existing.identifier ?? incoming.identifier,
          mac: existing.mac ?? incoming.mac,
          version: existing.version ?? incoming.version,
          system: existing.system ?? incoming.system,
          serverUrl: existing.serverUrl ?? incoming.serverUrl,
          pairingCode: existing.pairingCode ?? incoming.pairingCode,
          foundBy: sortFoundBy([...existing.foundBy, ...incoming.foundBy]),
        };
  const next = withClaims(
    existing === undefined
      ? [...boxes, entry]
      : boxes.map((box, position) => (position === index ? entry : box)),
  );
  const added = existing === undefined ? (next.at(-1) ?? null) : null;
  const updated = next.filter((box, position) => {
    const before = boxes[position];
    return before !== undefined && JSON.stringify(before) !== JSON.stringify(box);
  });
  return { boxes: next, added, updated };
}
