/**
 * How an adapter's operation ends: with the first of its own answer, its deadline or the
 * caller's abort. Whatever comes later is ignored; the timer, the abort listener and the
 * operation's own resources (`cleanup`) are released once, whichever came first.
 */
export type Settle<T> = {
  readonly finish: (value: T) => void;
  readonly settled: () => boolean;
};

export function settleOnce<T>(options: {
  readonly resolve: (value: T) => void;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly onTimeout: () => T;
  readonly onAbort: () => T;
  readonly cleanup?: () => void;
}): Settle<T> {
  const { signal } = options;
  let settled = false;
  const finish = (value: T): void => {
    if (settled) {
      return;
    }
    settled = true;
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    options.cleanup?.();
    options.resolve(value);
  };
  const onAbort = (): void => finish(options.onAbort());
  const timer = setTimeout(() => finish(options.onTimeout()), options.timeoutMs);
  if (signal.aborted) {
    onAbort();
  } else {
    signal.addEventListener('abort', onAbort, { once: true });
  }
  return { finish, settled: () => settled };
}
