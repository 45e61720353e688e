import type {
  DeviceCheckItem,
  DevicePageResult,
  DeviceReport,
  DeviceVerdict,
  Probe,
} from '../../shared/schemas/device-check';

type Probes = DevicePageResult['probes'];

function item(probe: Probe): DeviceCheckItem {
  const detail =
    probe.outcome === 'ping'
      ? 'box'
      : probe.outcome === 'other'
        ? 'other-server'
        : probe.outcome === 'timeout'
          ? 'timeout'
          : 'no-answer';
  return { ok: probe.outcome === 'ping', detail, ms: probe.ms };
}

/**
 * The name check: the box's ping by name over HTTP, or over HTTPS (which needs the name too);
 * otherwise whether something else answered there (the name resolves, to another device).
 */
function nameItem(probes: Probes): DeviceCheckItem {
  if (probes.name.outcome === 'ping') {
    return item(probes.name);
  }
  if (probes.https.outcome === 'ping') {
    return item(probes.https);
  }
  const other = probes.name.outcome === 'other' || probes.nameOther?.outcome === 'other';
  return other ? { ok: false, detail: 'other-server', ms: probes.name.ms } : item(probes.name);
}

/**
 * One verdict for the device from what its browser saw, most specific first: HTTPS by name
 * works → ok; the name leads to the box but HTTPS fails → the certificate is refused; the name
 * leads elsewhere → wrong address; the box does not answer even by address → unreachable; the
 * box answers by address but not by name → the name does not resolve on this device.
 */
export function classifyDevice(probes: Probes): Pick<DeviceReport, 'verdict' | 'checks'> {
  const checks = { http: item(probes.http), name: nameItem(probes), https: item(probes.https) };
  let verdict: DeviceVerdict;
  if (checks.https.ok) {
    verdict = 'ok';
  } else if (probes.https.outcome === 'other') {
    // The secure address answered (so its certificate was trusted), but not as an IoT box.
    verdict = 'box-unreachable';
  } else if (checks.name.ok) {
    verdict = 'certificate-untrusted';
  } else if (checks.name.detail === 'other-server') {
    verdict = 'wrong-address';
  } else if (!checks.http.ok) {
    verdict = 'box-unreachable';
  } else {
    verdict = 'name-blocked';
  }
  return { verdict, checks };
}
