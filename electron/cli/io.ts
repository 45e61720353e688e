/** Where the CLI writes; injected so tests run it in-process. */
export type CliIo = {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** stdout is a terminal (a QR code can be drawn there). */
  readonly stdoutIsTty?: boolean;
};

export const EXIT_OK = 0;
/** The check ran and found a problem (no box, refused certificate, blocked DNS…). */
export const EXIT_PROBLEM = 1;
/** The command line itself was wrong; nothing was done. */
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
