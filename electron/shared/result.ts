import type { DiagnosisCode } from './diagnosis';

/** A failure that can cross any boundary (IPC, the preview bridge, CLI JSON): a code, never a thrown error. */
export type Failure = {
  readonly code: DiagnosisCode;
  /** Developer detail for logs and reports; never shown as the user-facing message. */
  readonly detail?: string;
};

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E = Failure> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export const err = <E>(error: E): Err<E> => ({ ok: false, error });

export const fail = (code: DiagnosisCode, detail?: string): Err<Failure> =>
  err(detail === undefined ? { code } : { code, detail });

/** The state of something the UI waits for. */
export type Loadable<T, E = Failure> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly value: T }
  | { readonly status: 'failed'; readonly error: E };

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
