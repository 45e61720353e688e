import type { CliIo } from './io';

/*
 * The terminal is a boundary too: a box name holding `ESC ] 0 ; … BEL` retitles the window and
 * `ESC [ 2 J` clears the screen. The CLI never writes control sequences of its own, so every
 * control character in its output came from a box, a server or a file. Each one is printed as
 * its `\uXXXX` escape: a technician sees that the box sent something odd, and `--json` output
 * stays valid JSON with the exact value (JSON.stringify already escapes C0, not C1 or DEL).
 */

/** C0 except tab and newline, DEL, C1 (8-bit CSI/OSC…), and the bidi overrides that reorder text. */
// eslint-disable-next-line no-control-regex -- matching control characters is this module's job
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same outputs, with every write made terminal-safe. */
export function terminalSafeIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(terminalSafe(text)),
    stderr: (text) => io.stderr(terminalSafe(text)),
  };
}
