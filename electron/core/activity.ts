/**
 * Tracks work that must not be interrupted (a DNS change waiting for verification), so the
 * auto-updater never asks to restart in the middle of it.
 */
export type ActivityTracker = {
  /** Marks work as started; call the returned function when it ends (idempotent). */
  begin(reason: string): () => void;
  isBusy(): boolean;
};

export function createActivityTracker(): ActivityTracker {
  const active = new Map<symbol, string>();
  return {
    begin(reason) {
      const id = Symbol(reason);
      active.set(id, reason);
      return () => {
        active.delete(id);
      };
    },
    isBusy: () => active.size > 0,
  };
}
