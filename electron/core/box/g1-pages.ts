import type { BoxCertificateStatus } from '../../shared/schemas/box';
import { oldCertificateStatus } from './certificate-status';
import {
  attribute,
  findAll,
  findFirst,
  nextElementSibling,
  ownTextOf,
  parseHtml,
  textOf,
  type HtmlElement,
} from './html-tree';

/*
 * G1 (jinja) pages, read with a real HTML parser (protocol doc §5, §17 C1–C5). Two page sets
 * exist in hw_posbox_homepage:
 * - the classic `views/homepage.html`: `<td class="heading">Label</td><td>value</td>` rows for
 *   Name, Version, IP Address, Mac Address, Network, Server and HTTPS certificate;
 * - the later refactor (`homepage.jinja2`, `controllers/technical*`): `<th>Label</th><td>` rows,
 *   Name/Odoo Server/Pairing Code on the homepage, Version/IP/MAC/Network Type/HTTPS Certificate
 *   on `/technical`, and "Your Virtual IoT is up and running" on Windows.
 * The templates carry stray and unclosed tags (`</a>` after the IP, an `<a>` never closed before
 * the Server row's button, `<i>Not Configured<i>`, `<small><code>…</small></code>`): a standard
 * HTML parser rebuilds the tree a browser shows, and we read labels and values by what they
 * are, not by position. When a row we need is missing the layout has
 * changed and we say so rather than guess.
 */

/** Both headings ("IoT Box", "Virtual IoT"): what identifies the page is the sentence, not "Box". */
const HEADING = /^Your\s.+\sis up and running$/;

export type G1Rows = ReadonlyMap<string, HtmlElement>;

export type G1Homepage = {
  readonly name: string | null;
  /** The refactor's Windows heading ("Your Virtual IoT …"). */
  readonly virtual: boolean;
  /** Present on the classic page; the refactor has them on `/technical` (see readG1Technical). */
  readonly technical: G1Technical | null;
  readonly serverUrl: string | null;
  readonly pairingCode: string | null;
};

export type G1Technical = {
  readonly version: string;
  readonly ip: string;
  readonly mac: string;
  readonly accessPoint: boolean;
  readonly certificate: BoxCertificateStatus;
};

/** label (lower case) → value cell, for every `td.heading` (classic) or `th` (refactor) row. */
function tableRows(root: ReturnType<typeof parseHtml>): G1Rows {
  const rows = new Map<string, HtmlElement>();
  const headings = findAll(
    root,
    (element) =>
      element.tagName === 'th' ||
      (element.tagName === 'td' &&
        (attribute(element, 'class') ?? '').split(/\s+/).includes('heading')),
  );
  for (const heading of headings) {
    let cell = nextElementSibling(heading);
    while (cell !== null && cell.tagName !== 'td') {
      cell = nextElementSibling(cell);
    }
    const label = ownTextOf(heading).toLowerCase();
    if (cell !== null && label !== '' && !rows.has(label)) {
      rows.set(label, cell);
    }
  }
  return rows;
}

function headingOf(root: ReturnType<typeof parseHtml>): string | null {
  const heading = findFirst(
    root,
    (element) => ['h1', 'h2', 'h3'].includes(element.tagName) && HEADING.test(textOf(element)),
  );
  return heading === null ? null : textOf(heading);
}

export function isG1Homepage(html: string): boolean {
  return headingOf(parseHtml(html)) !== null;
}

/** `<meta http-equiv='refresh' … url=…/steps'>`: the homepage while the access point is up. */
export function isAccessPointRedirect(html: string): boolean {
  const meta = findFirst(
    parseHtml(html),
    (element) =>
      element.tagName === 'meta' && attribute(element, 'http-equiv')?.toLowerCase() === 'refresh',
  );
  return meta !== null && /url=\S*\/steps\s*$/i.test(attribute(meta, 'content') ?? '');
}

/** A server link's target when it is one; the classic page links "Not Configured" too. */
function serverLink(cell: HtmlElement | undefined): string | null {
  const link =
    cell === undefined
      ? null
      : findFirst(
          cell,
          (element) => element.tagName === 'a' && attribute(element, 'href') !== null,
        );
  const href = (link === null ? null : attribute(link, 'href'))?.trim() ?? '';
  return /^https?:\/\/\S+$/i.test(href) ? href : null;
}

function certificateFrom(cell: HtmlElement | undefined): BoxCertificateStatus {
  if (cell === undefined) {
    // Homepages before PR #114993 have no certificate row at all.
    return { state: 'unknown' };
  }
  const codeElement = findFirst(cell, (element) => element.tagName === 'code');
  const code = codeElement === null ? null : rawTextOf(codeElement);
  const summary = findFirst(cell, (element) => element.tagName === 'summary');
  if (summary !== null && textOf(summary) === 'OK') {
    return oldCertificateStatus(true, code ?? '');
  }
  return code === null ? { state: 'unknown' } : oldCertificateStatus(false, code);
}

/** A `<code>` block's text with its line breaks (`ERR_… \n\n<exception>`), trimmed. */
function rawTextOf(element: HtmlElement): string {
  let text = '';
  for (const child of element.childNodes) {
    if (child.nodeName === '#text' && 'value' in child) {
      text += child.value;
    } else if ('tagName' in child) {
      text += rawTextOf(child);
    }
  }
  return text.trim();
}

function cellText(cell: HtmlElement | undefined): string | null {
  if (cell === undefined) {
    return null;
  }
  return ownTextOf(cell) || null;
}

/** Version, address, network and certificate rows: the classic homepage or `/technical`. */
function technicalFrom(rows: G1Rows): G1Technical | null {
  const version = cellText(rows.get('version'));
  const ip = cellText(rows.get('ip address'));
  const mac = cellText(rows.get('mac address'));
  if (version === null || ip === null) {
    return null;
  }
  const network = cellText(rows.get('network') ?? rows.get('network type')) ?? '';
  return {
    version,
    ip,
    mac: mac ?? '',
    accessPoint: network.toLowerCase().includes('access point'),
    certificate: certificateFrom(rows.get('https certificate')),
  };
}

/** null when the page is not a G1 homepage we can read (layout changed). */
export function parseG1Homepage(html: string): G1Homepage | null {
  const root = parseHtml(html);
  const heading = headingOf(root);
  if (heading === null) {
    return null;
  }
  const rows = tableRows(root);
  const name = rows.get('name');
  if (name === undefined) {
    return null;
  }
  return {
    name: cellText(name),
    virtual: heading.includes('Virtual'),
    technical: technicalFrom(rows),
    serverUrl: serverLink(rows.get('server') ?? rows.get('odoo server') ?? rows.get('odoo url')),
    pairingCode: cellText(rows.get('pairing code')),
  };
}

/** The refactor's `/technical` page; null when its rows are not there. */
export function parseG1Technical(html: string): G1Technical | null {
  return technicalFrom(tableRows(parseHtml(html)));
}

/**
 * `/list_credential`: a form whose inputs carry the stored values (`DB uuid`, `Contract
 * Number`); null when the inputs are not there. The values never leave the box client.
 */
export function parseG1Credentials(
  html: string,
): { readonly dbUuid: string; readonly enterpriseCode: string } | null {
  const root = parseHtml(html);
  const input = (name: string): HtmlElement | null =>
    findFirst(
      root,
      (element) => element.tagName === 'input' && attribute(element, 'name') === name,
    );
  const uuid = input('db_uuid');
  const code = input('enterprise_code');
  if (uuid === null || code === null) {
    return null;
  }
  return {
    dbUuid: (attribute(uuid, 'value') ?? '').trim(),
    enterpriseCode: (attribute(code, 'value') ?? '').trim(),
  };
}

/** `/server`: the box's name is the value of the `iotname` input (the access point hides `/`). */
export function parseG1ServerPageName(html: string): string | null {
  const input = findFirst(
    parseHtml(html),
    (element) => element.tagName === 'input' && attribute(element, 'name') === 'iotname',
  );
  return (input === null ? null : attribute(input, 'value'))?.trim() || null;
}
