/** A service built on first use, its code loaded then: how the core hands services around. */
export type Lazy<T> = () => Promise<T>;

/** `make` runs on the first call only; every later call shares what it made. */
export function once<T>(make: () => Promise<T>): Lazy<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
