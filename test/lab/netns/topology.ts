// The lab's wiring as `ip -batch` scripts. One `ip` process per namespace instead of one per
// command: on a 2-core VM ~40 separate spawns took ~2 s, the batches take a fraction of that.

export interface LanDevice {
  /** Namespace name. */
  readonly ns: string;
  /** Name of the bridge port for this device in the switch namespace (≤ 15 chars). */
  readonly port: string;
  /** Address on the LAN, /24. */
  readonly ip: string;
  /** Hosts route via the gateway; the gateway itself does not. */
  readonly isGateway: boolean;
}

export interface TopologyInput {
  readonly switchNs: string;
  readonly gatewayNs: string;
  readonly wanNs: string;
  readonly allNamespaces: readonly string[];
  readonly devices: readonly LanDevice[];
  readonly gatewayIp: string;
  readonly wanGatewayIp: string;
  readonly wanAddresses: readonly string[];
  readonly lanSubnet: string;
}

export interface TopologyBatches {
  /** Run first, in the root namespace: creates namespaces and veth pairs (no root-side ends). */
  readonly root: readonly string[];
  /** Then, in parallel, `ip -n <ns> -batch -` with these lines. */
  readonly perNamespace: Readonly<Record<string, readonly string[]>>;
}

export function topologyBatches(input: TopologyInput): TopologyBatches {
  for (const device of input.devices) {
    if (device.port.length > 15) throw new Error(`interface name too long: ${device.port}`);
  }
  const root: string[] = input.allNamespaces.map((ns) => `netns add ${ns}`);
  // Both ends are created directly inside their namespaces, so `eth0` never appears (or
  // collides) in the root namespace and nothing links a lab namespace to it.
  for (const device of input.devices) {
    root.push(
      `link add eth0 netns ${device.ns} type veth peer name ${device.port} netns ${input.switchNs}`,
    );
  }
  root.push(`link add wan0 netns ${input.gatewayNs} type veth peer name eth0 netns ${input.wanNs}`);

  const perNamespace: Record<string, string[]> = {};
  const lines = (ns: string): string[] => {
    perNamespace[ns] ??= ['link set lo up'];
    return perNamespace[ns];
  };
  for (const ns of input.allNamespaces) lines(ns);

  // mcast_snooping 0: flood mDNS to every port instead of waiting for IGMP reports.
  lines(input.switchNs).push('link add br0 type bridge mcast_snooping 0', 'link set br0 up');
  for (const device of input.devices) {
    lines(input.switchNs).push(`link set ${device.port} master br0`, `link set ${device.port} up`);
    const device_ = lines(device.ns);
    device_.push(`addr add ${device.ip}/24 dev eth0`, 'link set eth0 up multicast on');
    if (!device.isGateway) {
      device_.push(`route add default via ${input.gatewayIp}`);
      // Without a default or a multicast route, mDNS browsers find nothing, silently.
      device_.push('route add 224.0.0.0/4 dev eth0');
    }
  }
  lines(input.gatewayNs).push(`addr add ${input.wanGatewayIp}/24 dev wan0`, 'link set wan0 up');
  const wan = lines(input.wanNs);
  for (const address of input.wanAddresses) wan.push(`addr add ${address}/24 dev eth0`);
  // Only the lab LAN sits behind the gateway; the "Internet" has no default route at all.
  wan.push('link set eth0 up', `route add ${input.lanSubnet} via ${input.wanGatewayIp}`);
  return { root, perNamespace };
}
