/*
 * Which names a box takes, checked the same way in the wizard's form and in the core before
 * anything is sent. Odoo's rename_iot.sh (point_of_sale/tools/posbox/configuration @15744c7d)
 * drops every character outside ASCII letters, digits and hyphens, keeps the old name when
 * nothing is left, runs `hostname NAME` (a leading hyphen would read as an option) and writes
 * the name as the SSID of the box's set-up access point (hostapd.conf `ssid=`), which Wi-Fi
 * limits to 32 bytes: a longer name would leave the box without its set-up Wi-Fi. So we refuse
 * what the script would silently change, rather than send it.
 */

/** Wi-Fi's SSID limit (IEEE 802.11): the longest name the access point can still carry. */
export const BOX_NAME_MAX_LENGTH = 32;

/** Why a name is refused; null when the box takes it as typed. */
export type BoxNameProblem = 'empty' | 'characters' | 'hyphen-edge' | 'too-long' | 'unchanged';

const ALLOWED = /^[A-Za-z0-9-]+$/;

/** `current` is the box's name now: renaming to it would reboot the box for nothing. */
export function boxNameProblem(name: string, current: string | null): BoxNameProblem | null {
  if (name === '') {
    return 'empty';
  }
  if (!ALLOWED.test(name)) {
    return 'characters';
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    return 'hyphen-edge';
  }
  if (name.length > BOX_NAME_MAX_LENGTH) {
    return 'too-long';
  }
  return name === current ? 'unchanged' : null;
}
