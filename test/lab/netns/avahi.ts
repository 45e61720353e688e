// Config files for one avahi-daemon per box namespace, each on its own private D-Bus (no systemd,
// no system bus, nothing shared with the host's avahi).

/** A system-type bus on a filesystem socket, open to everyone: it only lives in the run's temp dir. */
export function dbusConf(socketPath: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=${socketPath}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
`;
}

/**
 * All namespaces share one UTS hostname, so the host name must be explicit or every box would
 * claim the same one. IPv4 only and one interface, so answers carry only the lab address.
 */
export function avahiDaemonConf(hostName: string, iface: string): string {
  if (!/^[a-z0-9-]{1,63}$/i.test(hostName)) throw new Error(`bad mDNS host name: ${hostName}`);
  return `[server]
host-name=${hostName}
domain-name=local
use-ipv4=yes
use-ipv6=no
allow-interfaces=${iface}
enable-dbus=yes
ratelimit-interval-usec=1000000
ratelimit-burst=1000

[wide-area]
enable-wide-area=no

[publish]
publish-addresses=yes
publish-hinfo=no
publish-workstation=no
publish-domain=no
publish-aaaa-on-ipv4=no
publish-a-on-ipv6=no

[reflector]
enable-reflector=no

[rlimits]
`;
}
