import type { DeployMode } from "@molecule-ctk/contract";

/** Which deploy modes allow an address; every other mode must refuse it. */
export type Allowed = ReadonlyArray<DeployMode>;

/** One URL of contract 2.3's table and where each check must let it through. */
export interface UrlCase {
  url: string;
  /** What it stands for, in a failure detail. */
  label: string;
  allowedIn: Allowed;
}

const NEVER: Allowed = [];
const DEV: Allowed = ["development"];
const SAAS: Allowed = ["saas"];
const SAAS_OR_DEV: Allowed = ["saas", "development"];
const ALWAYS: Allowed = ["self-hosted", "saas", "development"];

/**
 * `validateAgentURL`, the register `url` (contract 2.3): IP literals of each range, decided without
 * DNS and without the platform ever connecting (it only stores an accepted URL; verify deletes it).
 */
export const REGISTER_URL_CASES: ReadonlyArray<UrlCase> = [
  { url: "http://localhost:1/", label: "the literal host localhost", allowedIn: ALWAYS },
  { url: "http://169.254.169.254:1/", label: "link-local 169.254/16 (cloud metadata)", allowedIn: NEVER },
  { url: "http://[fe80::1]:1/", label: "IPv6 link-local fe80::/10", allowedIn: NEVER },
  { url: "http://192.0.2.1:1/", label: "TEST-NET-1 192.0.2/24", allowedIn: NEVER },
  { url: "http://198.51.100.1:1/", label: "TEST-NET-2 198.51.100/24", allowedIn: NEVER },
  { url: "http://203.0.113.1:1/", label: "TEST-NET-3 203.0.113/24", allowedIn: NEVER },
  { url: "http://100.64.0.1:1/", label: "CGNAT 100.64/10", allowedIn: NEVER },
  { url: "http://224.0.0.1:1/", label: "IPv4 multicast 224/4", allowedIn: NEVER },
  { url: "http://239.255.255.250:1/", label: "IPv4 multicast 224/4", allowedIn: NEVER },
  { url: "http://[fc00::1]:1/", label: "IPv6 ULA fc00::/8", allowedIn: NEVER },
  { url: "http://[2001:db8::1]:1/", label: "IPv6 documentation 2001:db8::/32", allowedIn: NEVER },
  { url: "http://127.0.0.1:1/", label: "loopback 127/8", allowedIn: DEV },
  { url: "http://[::1]:1/", label: "IPv6 loopback ::1", allowedIn: DEV },
  { url: "http://10.0.0.1:1/", label: "RFC-1918 10/8", allowedIn: SAAS },
  { url: "http://172.16.0.1:1/", label: "RFC-1918 172.16/12", allowedIn: SAAS },
  { url: "http://192.168.0.1:1/", label: "RFC-1918 192.168/16", allowedIn: SAAS },
  { url: "http://[fd00::1]:1/", label: "IPv6 ULA fd00::/8", allowedIn: SAAS },
  { url: "ftp://localhost:1/", label: "a non-http(s) scheme", allowedIn: NEVER },
];

/** `isSafeURL`, a card's `agent_card.url` (contract 2.3): the ranges it blocks and the ones modes relax. */
export const CARD_URL_CASES: ReadonlyArray<UrlCase> = [
  {
    url: "http://169.254.169.254/latest/meta-data/",
    label: "link-local 169.254/16 (cloud metadata)",
    allowedIn: NEVER,
  },
  { url: "http://[fe80::1]:1/", label: "IPv6 link-local fe80::/10", allowedIn: NEVER },
  { url: "http://192.0.2.1:1/", label: "TEST-NET-1 192.0.2/24", allowedIn: NEVER },
  { url: "http://100.64.0.1:1/", label: "CGNAT 100.64/10", allowedIn: NEVER },
  { url: "http://0.0.0.0:1/", label: "the unspecified address", allowedIn: NEVER },
  { url: "http://127.0.0.1:1/", label: "loopback 127/8", allowedIn: DEV },
  { url: "http://10.0.0.1:1/", label: "RFC-1918 10/8", allowedIn: SAAS_OR_DEV },
  { url: "http://192.168.0.1:1/", label: "RFC-1918 192.168/16", allowedIn: SAAS_OR_DEV },
  { url: "http://[fd00::1]:1/", label: "IPv6 ULA fd00::/8", allowedIn: SAAS_OR_DEV },
];

/** `isSafeURL` rules beyond the plain ranges: ULA fc00::/8, link- and interface-local multicast, schemes. */
export const CARD_URL_RESERVED_CASES: ReadonlyArray<UrlCase> = [
  { url: "http://[fc00::1]:1/", label: "IPv6 ULA fc00::/8 (blocked in every mode)", allowedIn: NEVER },
  { url: "http://224.0.0.1:1/", label: "link-local multicast 224.0.0/24", allowedIn: NEVER },
  { url: "http://[ff02::1]:1/", label: "IPv6 link-local multicast ff02::/16", allowedIn: NEVER },
  { url: "http://[ff01::1]:1/", label: "IPv6 interface-local multicast ff01::/16", allowedIn: NEVER },
  { url: "ftp://localhost:1/", label: "an ftp: URL", allowedIn: NEVER },
  { url: "file:///etc/passwd", label: "a file: URL", allowedIn: NEVER },
];

/** IPv4-mapped IPv6 literals, judged as the IPv4 address they carry (contract 2.3, Go's To4()). */
export const MAPPED_REGISTER_CASES: ReadonlyArray<UrlCase> = [
  { url: "http://[::ffff:169.254.169.254]:1/", label: "::ffff:169.254.169.254 (metadata)", allowedIn: NEVER },
  { url: "http://[::ffff:127.0.0.1]:1/", label: "::ffff:127.0.0.1 (loopback)", allowedIn: DEV },
  { url: "http://[::ffff:10.0.0.1]:1/", label: "::ffff:10.0.0.1 (RFC-1918)", allowedIn: SAAS },
];

export const MAPPED_CARD_CASES: ReadonlyArray<UrlCase> = [
  {
    url: "http://[::ffff:169.254.169.254]/latest/meta-data/",
    label: "::ffff:169.254.169.254 (metadata)",
    allowedIn: NEVER,
  },
  { url: "http://[::ffff:100.64.0.1]:1/", label: "::ffff:100.64.0.1 (CGNAT)", allowedIn: NEVER },
];
