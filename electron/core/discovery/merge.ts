import { FoundBySchema, type FoundBox, type FoundBy } from '../../shared/schemas/discovery';

/** Channels in a fixed order, so `foundBy` reads the same whatever answered first. */
const CHANNEL_ORDER = FoundBySchema.options;

export function sortFoundBy(channels: Iterable<FoundBy>): FoundBy[] {
  const set = new Set(channels);
  return CHANNEL_ORDER.filter((channel) => set.has(channel));
}

function normaliseMac(mac: string | null): string | null {
  return mac === null ? null : mac.toLowerCase().replace(/-/g, ':');
}

/** Same box if the identifiers match, else the MACs, else the IPs (in that order of trust). */
export function isSameBox(a: FoundBox, b: FoundBox): boolean {
  if (a.identifier !== null && b.identifier !== null) {
    return a.identifier === b.identifier;
  }
  const macA = normaliseMac(a.mac);
  const macB = normaliseMac(b.mac);
  if (macA !== null && macB !== null) {
    return macA === macB;
  }
  return a.ip === b.ip;
}

export type MergeOutcome =
  | { readonly kind: 'added'; readonly box: FoundBox; readonly boxes: FoundBox[] }
  | { readonly kind: 'updated'; readonly box: FoundBox; readonly boxes: FoundBox[] }
  | { readonly kind: 'unchanged'; readonly box: FoundBox; readonly boxes: FoundBox[] };

/**
 * Adds a confirmed box to the list, or folds it into the entry for the same box: channels are
 * united and fields the first answer left unknown are filled in. Never mutates its inputs.
 */
export function mergeBox(boxes: readonly FoundBox[], incoming: FoundBox): MergeOutcome {
  const index = boxes.findIndex((box) => isSameBox(box, incoming));
  const existing = index === -1 ? undefined : boxes[index];
  if (existing === undefined) {
    const box = { ...incoming, foundBy: sortFoundBy(incoming.foundBy) };
    return { kind: 'added', box, boxes: [...boxes, box] };
  }
  const merged: FoundBox = {
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
  const changed = JSON.stringify(merged) !== JSON.stringify(existing);
  const next = boxes.map((box, position) => (position === index ? merged : box));
  return { kind: changed ? 'updated' : 'unchanged', box: merged, boxes: next };
}
