import { win32 } from 'node:path';

/*
 * Windows programs are launched by their absolute System32 path, never by bare name: a bare name
 * is searched in the current folder and along PATH first, where anything could answer to it.
 */

const DEFAULT_SYSTEM_ROOT = 'C:\\Windows';

/** `%SystemRoot%` when it is a plain absolute folder; the default otherwise. */
export function systemRoot(env: Readonly<Record<string, string | undefined>>): string {
  const value = env['SystemRoot'] ?? env['SYSTEMROOT'] ?? '';
  return /^[A-Za-z]:\\[^"*?<>|;%]*$/.test(value) ? value.replace(/\\+$/, '') : DEFAULT_SYSTEM_ROOT;
}

export type WindowsTools = {
  readonly powershell: string;
  readonly netsh: string;
  readonly ipconfig: string;
  readonly arp: string;
};

export function windowsTools(env: Readonly<Record<string, string | undefined>>): WindowsTools {
  const system32 = win32.join(systemRoot(env), 'System32');
  return {
    powershell: win32.join(system32, 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
    netsh: win32.join(system32, 'netsh.exe'),
    ipconfig: win32.join(system32, 'ipconfig.exe'),
    arp: win32.join(system32, 'arp.exe'),
  };
}
