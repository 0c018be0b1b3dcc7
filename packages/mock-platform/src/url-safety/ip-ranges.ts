import { BlockList, isIP } from "node:net";

/** The address classes the platform's URL checks care about (contract 2.3). */
export type AddressClass =
  | "loopback"
  | "link-local"
  | "test-net"
  | "cgnat"
  | "unspecified"
  | "multicast-or-reserved"
  | "private";

const RANGES: ReadonlyArray<readonly [cidr: string, cls: AddressClass]> = [
  ["127.0.0.0/8", "loopback"],
  ["::1/128", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["fe80::/10", "link-local"],
  ["192.0.2.0/24", "test-net"],
  ["198.51.100.0/24", "test-net"],
  ["203.0.113.0/24", "test-net"],
  ["100.64.0.0/10", "cgnat"],
  ["0.0.0.0/32", "unspecified"],
  ["::/128", "unspecified"],
  ["224.0.0.0/4", "multicast-or-reserved"],
  ["fc00::/8", "multicast-or-reserved"],
  ["2001:db8::/32", "multicast-or-reserved"],
  ["10.0.0.0/8", "private"],
  ["172.16.0.0/12", "private"],
  ["192.168.0.0/16", "private"],
  ["fd00::/8", "private"],
];

const LISTS = RANGES.map(([cidr, cls]) => {
  const [network = "", prefix = "0"] = cidr.split("/");
  const family = isIP(network) === 6 ? "ipv6" : "ipv4";
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), family);
  return { cidr, cls, family, list } as const;
});

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as plain IPv4; anything else unchanged. */
export function unmapIPv4(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** The class and CIDR of an IP literal, or undefined for a public address (or a non-IP). */
export function classifyAddress(address: string): { cls: AddressClass; cidr: string } | undefined {
  const ip = unmapIPv4(address.replace(/^\[|\]$/g, ""));
  const version = isIP(ip);
  if (version === 0) return undefined;
  const family = version === 6 ? "ipv6" : "ipv4";
  for (const entry of LISTS) {
    if (entry.family === family && entry.list.check(ip, family)) return { cls: entry.cls, cidr: entry.cidr };
  }
  return undefined;
}
