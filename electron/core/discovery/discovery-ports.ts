/*
 * The ports discovery talks to the network through, beside the shared HttpPort. Real adapters
 * live in ./adapters; tests inject the lab namespace's interfaces or hand-written fakes.
 */

/** One address of a network interface, as `os.networkInterfaces()` reports it. */
export type InterfaceAddress = {
  readonly name: string;
  readonly address: string;
  readonly netmask: string;
  readonly family: 'IPv4' | 'IPv6';
  readonly internal: boolean;
  readonly mac: string;
};

/** The computer's network interfaces, read fresh for every scan (Wi-Fi comes and goes). */
export type NetworkInterfacesPort = () => readonly InterfaceAddress[];

/**
 * What an mDNS responder heard. Fields are whatever the wire carried: the core validates them
 * before trusting any (odd names, absurd ports and oversized records are dropped there).
 */
export type MdnsAnswer =
  | {
      readonly kind: 'service';
      readonly type: string;
      readonly name: string;
      readonly host: string;
      readonly port: number;
      readonly addresses: readonly string[];
    }
  | { readonly kind: 'host'; readonly name: string; readonly address: string };

export type MdnsListener = {
  /** Any mDNS response at all arrived (proves multicast reaches us, even if no box replied). */
  readonly onResponse: () => void;
  readonly onAnswer: (answer: MdnsAnswer) => void;
};

export type MdnsBrowseOptions = {
  /** The IPv4 address of the interface to browse on; nothing else is bound. */
  readonly interfaceAddress: string;
  /** DNS-SD types such as `_http._tcp`. */
  readonly serviceTypes: readonly string[];
  /** Host names to query A records for, such as `iotbox.local`. */
  readonly hostNames: readonly string[];
};

export type MdnsSession = {
  /** Ask for the A record of a name heard in a service (its announcement may lack addresses). */
  readonly resolveHost: (name: string) => void;
  /** Stops browsing and resolves once the socket is closed. */
  readonly close: () => Promise<void>;
};

/** One mDNS responder bound to one interface. */
export interface MdnsPort {
  browse(options: MdnsBrowseOptions, listener: MdnsListener): MdnsSession;
}
