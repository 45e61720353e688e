import { NodeType, parse, type HTMLElement } from 'node-html-parser';

import type { BoxCertificateStatus } from '../../shared/schemas/box';
import { oldCertificateStatus } from './certificate-status';

/*
 * G1 (jinja) pages, read with a real HTML parser. The homepage is a table of
 * `<td class="heading">Label</td><td>value …</td>` rows (doc §5; exact markup partly [I]).
 * When the rows we need are missing the layout has changed and we say so, rather than guess.
 */

export const G1_HOMEPAGE_MARKER = 'Your IoT Box is up and running';

export type G1Homepage = {
  readonly name: string | null;
  readonly version: string;
  readonly ip: string;
  readonly mac: string;
  readonly accessPoint: boolean;
  readonly serverUrl: string | null;
  readonly pairingCode: string | null;
  readonly certificate: BoxCertificateStatus;
};

/** label → value cell, for every `td.heading` row. */
function headingRows(root: HTMLElement): Map<string, HTMLElement> {
  const rows = new Map<string, HTMLElement>();
  for (const heading of root.querySelectorAll('td.heading')) {
    const cell = heading.nextElementSibling;
    const label = heading.text.trim().toLowerCase();
    if (cell !== null && label !== '' && !rows.has(label)) {
      rows.set(label, cell);
    }
  }
  return rows;
}

/** The cell's own text, without the text of its buttons ("configure", "update"). */
function ownText(cell: HTMLElement): string {
  return cell.childNodes
    .filter((node) => node.nodeType === NodeType.TEXT_NODE)
    .map((node) => node.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function isG1Homepage(html: string): boolean {
  return parse(html)
    .querySelectorAll('h1, h2, h3')
    .some((heading) => heading.text.trim() === G1_HOMEPAGE_MARKER);
}

function certificateFrom(cell: HTMLElement | undefined): BoxCertificateStatus {
  if (cell === undefined) {
    // Homepages before PR #114993 have no certificate row at all.
    return { state: 'unknown' };
  }
  const details = cell.querySelector('.certificate-details')?.text ?? null;
  if (cell.classList.contains('text-success')) {
    return oldCertificateStatus(true, details ?? '');
  }
  if (details !== null) {
    return oldCertificateStatus(false, details);
  }
  return { state: 'unknown' };
}

/** null when the page is not a G1 homepage we can read (layout changed). */
export function parseG1Homepage(html: string): G1Homepage | null {
  const root = parse(html);
  if (!isG1Homepage(html)) {
    return null;
  }
  const rows = headingRows(root);
  const version = rows.get('version');
  const ip = rows.get('ip address');
  const mac = rows.get('mac address');
  if (version === undefined || ip === undefined || mac === undefined) {
    return null;
  }
  const versionText = ownText(version);
  const ipText = ownText(ip);
  if (versionText === '' || ipText === '') {
    return null;
  }
  const name = rows.get('name');
  const server = rows.get('server');
  const serverLink = server?.querySelector('a[target]')?.getAttribute('href') ?? null;
  const pairing = rows.get('pairing code');
  const network = rows.get('network');
  return {
    name: name === undefined ? null : ownText(name) || null,
    version: versionText,
    ip: ipText,
    mac: ownText(mac),
    accessPoint: network !== undefined && ownText(network).toLowerCase().includes('access point'),
    serverUrl: serverLink,
    pairingCode: pairing === undefined ? null : ownText(pairing) || null,
    certificate: certificateFrom(rows.get('https certificate')),
  };
}

/** `/list_credential`: the two values as the page shows them (they never leave the box client). */
export function parseG1Credentials(
  html: string,
): { readonly db_uuid: string; readonly enterprise_code: string } | null {
  const rows = headingRows(parse(html));
  const uuid = rows.get('db uuid');
  const code = rows.get('enterprise code');
  if (uuid === undefined || code === undefined) {
    return null;
  }
  return { db_uuid: ownText(uuid), enterprise_code: ownText(code) };
}
