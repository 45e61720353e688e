import type { RouterFamily } from '../../shared/schemas/dns';

/*
 * What public sources say about each router family (shared/docs/routers.md): how to recognise
 * it, whether it filters private answers by default, and which fixes it offers. `confirmed`
 * marks a menu path a public source shows; everything else is shown with "may differ on your
 * model". Fingerprints are matched against untrusted text, so they are plain patterns only.
 */

export type RouterFix = { readonly confirmed: boolean };

export type RouterProfile = {
  /** A public source says its own DNS drops private answers out of the box. */
  readonly filtersByDefault: boolean;
  /** Its per-domain exception and the exact line or value to enter; null: it has none. */
  readonly exception: (RouterFix & { readonly setting: string }) | null;
  /** Its DHCP server can hand other DNS servers to devices. */
  readonly dhcpDns: RouterFix | null;
  /** Its own (upstream, "Internet") DNS servers can be changed. */
  readonly upstreamDns: RouterFix | null;
  /** The Internet provider locks DNS on it: the fix goes on each device. */
  readonly ispLocked: boolean;
  /** Router-local names that stop working once a device bypasses the router's DNS. */
  readonly localNames: readonly string[];
};

const none = null;
const yes: RouterFix = { confirmed: true };
const maybe: RouterFix = { confirmed: false };
const DNSMASQ_EXCEPTION = 'rebind-domain-ok=/odoo-iot.com/';

const profile = (fields: Partial<RouterProfile>): RouterProfile => ({
  filtersByDefault: false,
  exception: none,
  dhcpDns: none,
  upstreamDns: none,
  ispLocked: false,
  localNames: [],
  ...fields,
});

export const ROUTER_PROFILES: Readonly<Record<RouterFamily, RouterProfile>> = {
  fritzbox: profile({
    filtersByDefault: true,
    exception: { confirmed: true, setting: 'odoo-iot.com' },
    dhcpDns: yes,
    upstreamDns: yes,
    localNames: ['fritz.box'],
  }),
  // DHCP option 6 and a custom upstream exist; the LuCI menu paths are not in a cited source.
  openwrt: profile({
    filtersByDefault: true,
    exception: { confirmed: true, setting: "list rebind_domain 'odoo-iot.com'" },
    dhcpDns: maybe,
    upstreamDns: maybe,
  }),
  'dd-wrt': profile({
    filtersByDefault: true,
    exception: { confirmed: true, setting: DNSMASQ_EXCEPTION },
    dhcpDns: maybe,
    upstreamDns: maybe,
  }),
  pfsense: profile({
    filtersByDefault: true,
    exception: { confirmed: true, setting: 'private-domain: "odoo-iot.com"' },
    dhcpDns: maybe,
    upstreamDns: maybe,
  }),
  opnsense: profile({
    filtersByDefault: true,
    exception: { confirmed: true, setting: 'odoo-iot.com' },
    dhcpDns: maybe,
    upstreamDns: maybe,
  }),
  unifi: profile({ dhcpDns: yes, upstreamDns: maybe }),
  // No per-domain exception: the switch turns the whole protection off (Asuswrt's WAN page).
  asus: profile({
    filtersByDefault: true,
    exception: { confirmed: true, setting: 'Enable DNS Rebind protection: No' },
    dhcpDns: yes,
    upstreamDns: maybe,
    localNames: ['router.asus.com'],
  }),
  mikrotik: profile({ dhcpDns: yes, upstreamDns: yes }),
  netgear: profile({ upstreamDns: yes, localNames: ['routerlogin.net'] }),
  'tp-link': profile({ dhcpDns: yes, upstreamDns: maybe, localNames: ['tplinkwifi.net'] }),
  'tim-hub': profile({}),
  'vodafone-station': profile({}),
  technicolor: profile({}),
  fastweb: profile({}),
  windtre: profile({ dhcpDns: maybe }),
  iliadbox: profile({ dhcpDns: maybe }),
  freebox: profile({ dhcpDns: yes, localNames: ['mafreebox.freebox.fr'] }),
  'sfr-box': profile({ dhcpDns: yes }),
  livebox: profile({ ispLocked: true }),
  speedport: profile({ localNames: ['speedport.ip'] }),
  xfinity: profile({ ispLocked: true }),
  'bt-hub': profile({ ispLocked: true, localNames: ['bthub.home'] }),
  'adguard-home': profile({
    filtersByDefault: false,
    exception: { confirmed: true, setting: 'odoo-iot.com' },
  }),
  'pi-hole': profile({ exception: { confirmed: true, setting: DNSMASQ_EXCEPTION } }),
  nextdns: profile({ exception: { confirmed: true, setting: 'odoo-iot.com' } }),
  unknown: profile({
    exception: { confirmed: false, setting: DNSMASQ_EXCEPTION },
    dhcpDns: maybe,
    upstreamDns: maybe,
  }),
};

/**
 * Brand and firmware names in page titles, Server headers, auth realms and UPnP descriptions.
 * Internet-provider brands come before the hardware makers they resell (a TIM Hub is a
 * Technicolor box), and names before generic words.
 */
export const TEXT_CLUES: readonly { readonly family: RouterFamily; readonly pattern: RegExp }[] = [
  { family: 'fritzbox', pattern: /fritz!?\s?box|avm berlin/i },
  { family: 'tim-hub', pattern: /\btim\s?hub|telecom italia/i },
  { family: 'vodafone-station', pattern: /vodafone/i },
  { family: 'fastweb', pattern: /fastgate|fastweb/i },
  { family: 'windtre', pattern: /wind\s?tre/i },
  { family: 'iliadbox', pattern: /iliad/i },
  { family: 'freebox', pattern: /freebox/i },
  { family: 'livebox', pattern: /livebox/i },
  { family: 'sfr-box', pattern: /\bsfr\b/i },
  { family: 'speedport', pattern: /speedport/i },
  { family: 'xfinity', pattern: /xfinity|comcast/i },
  { family: 'bt-hub', pattern: /\bbt\s?(smart\s?)?hub|bthomehub/i },
  { family: 'opnsense', pattern: /opnsense/i },
  { family: 'pfsense', pattern: /pfsense/i },
  { family: 'dd-wrt', pattern: /dd-wrt/i },
  { family: 'openwrt', pattern: /openwrt|\bluci\b|uhttpd/i },
  { family: 'unifi', pattern: /unifi|ubiquiti/i },
  { family: 'adguard-home', pattern: /adguard\s?home/i },
  { family: 'pi-hole', pattern: /pi-hole/i },
  { family: 'mikrotik', pattern: /mikrotik|routeros/i },
  { family: 'netgear', pattern: /netgear/i },
  { family: 'tp-link', pattern: /tp-?link/i },
  { family: 'asus', pattern: /\basus|rt-a[cx]\d/i },
  { family: 'technicolor', pattern: /technicolor|mediaaccess|homeware/i },
];

export function familyOfText(text: string): RouterFamily | null {
  return TEXT_CLUES.find((clue) => clue.pattern.test(text))?.family ?? null;
}

/** Router-local names a router answers with its own address (routers.md §3.2). */
export const LOCAL_NAMES: Readonly<Record<string, RouterFamily>> = {
  'fritz.box': 'fritzbox',
  'speedport.ip': 'speedport',
  'routerlogin.net': 'netgear',
  'tplinkwifi.net': 'tp-link',
  'router.asus.com': 'asus',
  'mafreebox.freebox.fr': 'freebox',
  'bthub.home': 'bt-hub',
};

/** DHCP search domains router firmwares hand out by default. */
export const SEARCH_DOMAINS: Readonly<Record<string, RouterFamily>> = {
  'fritz.box': 'fritzbox',
  lan: 'openwrt',
  'home.arpa': 'pfsense',
  internal: 'opnsense',
};

/** Factory addresses that are (almost) one family's own; weak alone. */
export const GATEWAY_ADDRESSES: Readonly<Record<string, RouterFamily>> = {
  '192.168.178.1': 'fritzbox',
  '192.168.2.1': 'speedport',
  '192.168.88.1': 'mikrotik',
  '10.0.0.1': 'xfinity',
};

const OUI_TABLE: readonly [RouterFamily, string][] = [
  [
    'fritzbox',
    '00040E 00150C 001A4F 001B4E 001C4A 001F3F 0024FE 0896D7 1CED6F 246511 2C3AFD 2C91AB 3431C4 ' +
      '3481C4 3810D5 3C3712 3CA62F 444E6D 50E636 5C4979 74427F 7CFF4D 989BCB 9CC7A6 B0F208 ' +
      'BC0543 C02506 C80E14 CCCE1E D012CB DC15C8 DC396F E0286D E8DF70 F0B014',
  ],
  ['vodafone-station', '081605 141459 74366D 801605 BC15AC 002489 6459F8 90356E'],
  ['technicolor', '00CB7A 087E64 08952A'],
  ['freebox', '0007CB 0024D4 140C76 2066CF 342792 68A378 70FC8F 8C97EA DC00B0 E49E12 F4CAE5'],
  [
    'unifi',
    '00156D 002722 0418D6 18E829 245A4C 24A43C 44D9E7 602232 687251 68D79A 70A741 7483C2 ' +
      '74ACB9 784558 788A20 802AA8 942A6F AC8BA9 B4FBE4 D021F9 DC9FDB E063DA E43883 F09FC2 ' +
      'F492BF F4E2C6 FCECDA',
  ],
  [
    'mikrotik',
    '000C42 085531 18FD74 2CC81B 488F5A 4C5E0C 64D154 6C3B6B 744D28 B869F4 C4AD34 CC2DE0 D4CA6D ' +
      'DC2C6E E48D8C',
  ],
  ['speedport', 'E0AF4F'],
];

const OUIS: ReadonlyMap<string, RouterFamily> = new Map(
  OUI_TABLE.flatMap(([family, list]) => list.split(' ').map((oui) => [oui, family] as const)),
);

/** `3c:a6:2f:12:34:56` → fritzbox (IEEE prefixes from nmap-mac-prefixes, via routers.md). */
export function familyOfMac(mac: string): RouterFamily | null {
  const hex = mac.replaceAll(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.length === 12 ? (OUIS.get(hex.slice(0, 6)) ?? null) : null;
}

/** A reseller's box is the maker's box: the maker's clues count for the reseller too. */
export const REFINES: Readonly<Partial<Record<RouterFamily, readonly RouterFamily[]>>> = {
  'tim-hub': ['technicolor'],
  'vodafone-station': ['technicolor'],
  fastweb: ['technicolor'],
  iliadbox: ['freebox'],
};
