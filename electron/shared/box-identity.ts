import type { GuideText } from './dns-guidance';
import type { BoxInfo } from './schemas/box';

/*
 * How a box is told apart from the others on the same network, in the wizard and the CLI alike.
 * A box with a host name goes by it. One without (G4 reports none) is named the way Odoo's own
 * "Connect an IoT Box" dialog lists a box it discovered — "IoT Box <serial number> <pairing code>"
 * (the IoT app's `iot.discovered.box._compute_box_name` and `add.iot.box._get_box_name`) — so the
 * user sees the same name here and in Odoo.
 */

/** What a box says about itself that tells it apart. */
export type BoxIdentity = Pick<BoxInfo, 'name' | 'identifier' | 'mac' | 'pairingCode'>;

/**
 * The box's host name, or Odoo's name for a box without one, or a plain "IoT box" when the box
 * says nothing to tell it apart; `say` translates (the wizard's t, the CLI's English file).
 */
export function boxName(box: BoxIdentity, say: (text: GuideText) => string): string {
  if (box.name !== null) {
    return box.name;
  }
  const serial = box.identifier ?? box.mac;
  if (serial === null) {
    return say({ key: 'findBox.unnamed' });
  }
  return say(
    box.pairingCode === null
      ? { key: 'box.serialName', values: { serial } }
      : { key: 'box.serialCodeName', values: { serial, code: box.pairingCode } },
  );
}

/**
 * What tells this box apart besides its name: its serial number (or MAC address when the box
 * gives no serial, as G1–G3 use the MAC as their identifier) and the pairing code it shows.
 */
export function boxMarks(box: BoxIdentity): GuideText[] {
  const marks: GuideText[] = [];
  if (box.identifier !== null && box.identifier !== box.mac) {
    marks.push({ key: 'box.serial', values: { serial: box.identifier } });
  }
  if (box.mac !== null) {
    marks.push({ key: 'box.mac', values: { mac: box.mac } });
  }
  if (box.pairingCode !== null) {
    marks.push({ key: 'box.pairingCode', values: { code: box.pairingCode } });
  }
  return marks;
}
