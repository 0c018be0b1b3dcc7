import { isIP } from "node:net";

/**
 * An IP address as bytes, as Go's `net.IP` holds it. An IPv4-mapped IPv6 address
 * (`::ffff:0:0/96`, dotted `::ffff:169.254.169.254` or hex `::ffff:a9fe:a9fe`, the form Node's
 * URL parser hands back) is its IPv4 address, as Go's `To4()` makes it (contract 2.3).
 */
export interface IpAddress {
  version: 4 | 6;
  bytes: number[];
}

/** Parses an IP literal (brackets allowed); undefined for anything that is not one. */
export function parseIp(literal: string): IpAddress | undefined {
  const text = literal.replace(/^\[|\]$/g, "");
  const version = isIP(text);
  if (version === 4) return { version: 4, bytes: text.split(".").map(Number) };
  if (version !== 6) return undefined;
  const bytes = ipv6Bytes(text.replace(/%.*$/, ""));
  if (bytes === undefined) return undefined;
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? { version: 4, bytes: bytes.slice(12) } : { version: 6, bytes };
}

function ipv6Bytes(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string | undefined): number[] | undefined => {
    if (!part) return [];
    const out: number[] = [];
    for (const group of part.split(":")) {
      if (group.includes(".")) {
        const v4 = group.split(".").map(Number);
        if (v4.length !== 4 || v4.some((n) => !(n >= 0 && n <= 255))) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        const n = Number.parseInt(group, 16);
        if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
        out.push(n);
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return undefined;
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return undefined;
  const all = [...head, ...new Array<number>(fill).fill(0), ...tail];
  return all.flatMap((group) => [group >> 8, group & 0xff]);
}

/** A CIDR as {@link IpAddress} bytes and a prefix length. */
export interface Cidr {
  text: string;
  network: IpAddress;
  prefix: number;
}

export function cidr(text: string): Cidr {
  const [address = "", prefix = ""] = text.split("/");
  const network = parseIp(address);
  if (!network) throw new Error(`bad CIDR ${text}`);
  return { text, network, prefix: Number(prefix) };
}

/** Whether `ip` is inside `range` (an IPv4-mapped address counts as IPv4, as in Go). */
export function inCidr(ip: IpAddress, range: Cidr): boolean {
  if (ip.version !== range.network.version) return false;
  for (let bit = 0; bit < range.prefix; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((ip.bytes[byte]! & mask) !== (range.network.bytes[byte]! & mask)) return false;
  }
  return true;
}

/** Go's `IsLoopback`: 127.0.0.0/8 and ::1. */
export const isLoopback = (ip: IpAddress) =>
  ip.version === 4 ? ip.bytes[0] === 127 : ip.bytes.every((b, i) => b === (i === 15 ? 1 : 0));

/** Go's `IsUnspecified`: 0.0.0.0 and ::. */
export const isUnspecified = (ip: IpAddress) => ip.bytes.every((b) => b === 0);

/** Go's `IsLinkLocalUnicast`: 169.254.0.0/16 and fe80::/10. */
export const isLinkLocalUnicast = (ip: IpAddress) =>
  ip.version === 4
    ? ip.bytes[0] === 169 && ip.bytes[1] === 254
    : ip.bytes[0] === 0xfe && (ip.bytes[1]! & 0xc0) === 0x80;

/** Go's `IsLinkLocalMulticast`: 224.0.0.0/24 and ff02::/16 (any ffX2::). */
export const isLinkLocalMulticast = (ip: IpAddress) =>
  ip.version === 4
    ? ip.bytes[0] === 224 && ip.bytes[1] === 0 && ip.bytes[2] === 0
    : ip.bytes[0] === 0xff && (ip.bytes[1]! & 0x0f) === 0x02;

/** Go's `IsInterfaceLocalMulticast`: ff01::/16 (any ffX1::); IPv6 only. */
export const isInterfaceLocalMulticast = (ip: IpAddress) =>
  ip.version === 6 && ip.bytes[0] === 0xff && (ip.bytes[1]! & 0x0f) === 0x01;
