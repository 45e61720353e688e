import { isIPv4, isIPv6 } from 'node:net';

import { fail, ok } from '../../../shared/result';
import type { TextFilePort } from '../../ports';
import type { ChangeStep, DnsConfigBackend, LiveAdapter, ServerLists } from './config-types';

const NAMESERVER = /^\s*nameserver\s+(\S+)/;
export const CHANGED_MARK = '# DNS set by IoT Box Assistant; "Undo" restores the previous file.';

export function nameserversOf(content: string): string[] {
  return content
    .split('\n')
    .map((line) => NAMESERVER.exec(line)?.[1])
    .filter((server): server is string => server !== undefined);
}

/**
 * The file with its nameserver lines replaced by `servers`, at the place of the first one;
 * search, options and comments are kept (resolv.conf(5) honours at most three nameservers).
 */
export function withNameservers(content: string, servers: readonly string[]): string {
  const lines = content.split('\n');
  const first = lines.findIndex((line) => NAMESERVER.test(line));
  const kept = lines.filter((line) => !NAMESERVER.test(line));
  const at = first === -1 ? kept.length : first;
  const inserted = [CHANGED_MARK, ...servers.slice(0, 3).map((server) => `nameserver ${server}`)];
  const result = [...kept.slice(0, at), ...inserted, ...kept.slice(at)].join('\n');
  return result.endsWith('\n') ? result : `${result}\n`;
}

/**
 * A plain /etc/resolv.conf that nothing manages. Rewritten IN PLACE (same inode): inside a
 * network namespace the file is a bind mount that a rename would silently detach.
 */
export function createResolvConfBackend(deps: {
  readonly files: TextFilePort;
  readonly path: string;
}): DnsConfigBackend {
  return {
    method: 'resolv-conf',
    async read() {
      const content = await deps.files.read(deps.path);
      if (content === null) {
        return fail('dns-snapshot-failed', `cannot read ${deps.path}`);
      }
      const servers = nameserversOf(content);
      const adapter: LiveAdapter = {
        saved: {
          id: deps.path,
          label: deps.path,
          device: null,
          ipv4: { mode: 'static', servers: servers.filter((server) => isIPv4(server)) },
          ipv6: { mode: 'static', servers: servers.filter((server) => isIPv6(server)) },
          ordered: null,
          registration: null,
        },
        handle: deps.path,
        role: 'default-route',
      };
      return ok({
        adapters: [adapter],
        blockers: [],
        warnings: [],
        file: { path: deps.path, content },
      });
    },
    // The only file this backend ever writes is its own; a journal naming another is refused.
    refuse: (snapshot) =>
      snapshot.file?.path === deps.path &&
      snapshot.adapters.every((adapter) => adapter.id === deps.path)
        ? null
        : `resolv.conf path is not ${deps.path}`,
    applySteps: (_target, servers: ServerLists, snapshot): ChangeStep[] => [
      {
        kind: 'write-file',
        path: deps.path,
        // IPv4 first: the resolver tries nameservers in order and stops at three.
        content: withNameservers(snapshot.file?.content ?? '', [...servers.ipv4, ...servers.ipv6]),
      },
    ],
    restoreSteps: (_saved, _live, snapshot): ChangeStep[] =>
      snapshot.file
        ? [{ kind: 'write-file', path: deps.path, content: snapshot.file.content }]
        : [],
    // The file's bytes are compared as a whole by the change service.
    matches: () => true,
    // glibc re-reads resolv.conf when it changes; nothing caches here.
    flushSteps: () => [],
  };
}
