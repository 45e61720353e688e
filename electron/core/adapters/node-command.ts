import type { CommandPort, CommandResult } from '../ports';
import { isNodeError } from './json-file';

const MAX_OUTPUT = 4 * 1024 * 1024;

/** execFile with an argument array (no shell), a deadline, a size cap, and cancellation. */
export function createNodeCommand(): CommandPort {
  return {
    run: (request, signal) =>
      new Promise<CommandResult>((resolve) => {
        if (signal.aborted) {
          resolve({ code: null, stdout: '', stderr: '', error: 'aborted' });
          return;
        }
        // Loaded by the first command: most runs never start one.
        const { execFile } = process.getBuiltinModule('node:child_process');
        const child = execFile(
          request.file,
          [...request.args],
          {
            timeout: request.timeoutMs,
            maxBuffer: MAX_OUTPUT,
            signal,
            windowsHide: true,
            encoding: 'utf8',
          },
          (error, stdout, stderr) => {
            if (!error) {
              resolve({ code: 0, stdout, stderr });
              return;
            }
            const code = isNodeError(error) ? error.code : undefined;
            if (typeof code === 'number') {
              resolve({ code, stdout, stderr });
            } else if (code === 'ENOENT') {
              resolve({ code: null, stdout, stderr, error: 'not-found' });
            } else if (signal.aborted || code === 'ABORT_ERR') {
              resolve({ code: null, stdout, stderr, error: 'aborted' });
            } else if ('killed' in error && error.killed) {
              resolve({ code: null, stdout, stderr, error: 'timeout' });
            } else {
              resolve({ code: null, stdout, stderr: stderr || error.message, error: 'failed' });
            }
          },
        );
        child.stdin?.end(request.input ?? '');
      }),
  };
}
