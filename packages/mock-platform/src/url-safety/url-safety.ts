import {
  blockedAddressMessage,
  forbiddenResolutionMessage,
  invalidUrlMessage,
  PlatformMessages,
  unresolvableHostMessage,
  urlSchemeMessage,
} from "@molecule-ctk/contract";
import type { PlatformMutant } from "../mutants/platform-mutants.js";
import type { HostResolver } from "../options.js";
import {
  type Cidr,
  cidr,
  type IpAddress,
  inCidr,
  isInterfaceLocalMulticast,
  isLinkLocalMulticast,
  isLinkLocalUnicast,
  isLoopback,
  isUnspecified,
  parseIp,
} from "./ip-ranges.js";

/** The platform mode the URL checks depend on (contract 2.2, 2.3). */
export interface UrlSafetyMode {
  /** SaaS: private ranges are allowed. */
  saas: boolean;
  /** Dev mode (`MOLECULE_ENV=development`): loopback is allowed. */
  devMode: boolean;
  resolver: HostResolver;
  /** `MOLECULE_APP_DOMAIN` for the SaaS unresolvable `ws-*` allowance (#2421). */
  appDomain?: string;
  /** The mutant "ssrf-check-off" allows every URL. */
  mutant?: PlatformMutant | undefined;
}

export type UrlDecision = { ok: true } | { ok: false; error: string; dnsFailure?: boolean };

type When = "always" | "unless-dev" | "unless-saas";

// validateAgentURL's blocklist, in upstream's order: the first range that holds the address names it.
const REGISTER_BLOCKLIST: ReadonlyArray<{ range: Cidr; label: string; when: When }> = [
  ["169.254.0.0/16", "link-local address (cloud metadata endpoint)", "always"],
  ["fe80::/10", "IPv6 link-local address (cloud metadata analogue)", "always"],
  ["192.0.2.0/24", "TEST-NET-1 documentation range (RFC-5737)", "always"],
  ["198.51.100.0/24", "TEST-NET-2 documentation range (RFC-5737)", "always"],
  ["203.0.113.0/24", "TEST-NET-3 documentation range (RFC-5737)", "always"],
  ["100.64.0.0/10", "carrier-grade NAT address (RFC-6598)", "always"],
  ["224.0.0.0/4", "IPv4 multicast address", "always"],
  ["fc00::/8", "IPv6 ULA non-routable prefix (fc00::/8)", "always"],
  ["2001:db8::/32", "IPv6 documentation address (RFC-3849 reserved)", "always"],
  ["127.0.0.0/8", "loopback address", "unless-dev"],
  ["::1/128", "IPv6 loopback address", "unless-dev"],
  ["10.0.0.0/8", "RFC-1918 private address", "unless-saas"],
  ["172.16.0.0/12", "RFC-1918 private address", "unless-saas"],
  ["192.168.0.0/16", "RFC-1918 private address", "unless-saas"],
  ["fd00::/8", "IPv6 ULA address (RFC-4193 private)", "unless-saas"],
].map(([text, label, when]) => ({ range: cidr(text!), label: label!, when: when as When }));

// isSafeURL's ranges beyond Go's IP predicates (ssrf.go isPrivateOrMetadataIP).
const ALWAYS_V4 = [
  "169.254.0.0/16",
  "192.0.2.0/24",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "100.64.0.0/10",
].map(cidr);
const PRIVATE_V4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(cidr);
const ULA = cidr("fc00::/7");
const ULA_LOCAL = cidr("fd00::/8");

function registerBlockLabel(ip: IpAddress, mode: UrlSafetyMode): string | undefined {
  for (const entry of REGISTER_BLOCKLIST) {
    if (entry.when === "unless-dev" && mode.devMode) continue;
    if (entry.when === "unless-saas" && mode.saas) continue;
    if (inCidr(ip, entry.range)) return entry.label;
  }
  return undefined;
}

/** Why isSafeURL refuses an address (Go's predicates, then `isPrivateOrMetadataIP`), or undefined. */
export function proxyBlockReason(
  ip: IpAddress,
  mode: Pick<UrlSafetyMode, "saas" | "devMode">,
): string | undefined {
  if (
    (isLoopback(ip) && !mode.devMode) ||
    isUnspecified(ip) ||
    isLinkLocalUnicast(ip) ||
    isLinkLocalMulticast(ip) ||
    isInterfaceLocalMulticast(ip)
  ) {
    return "forbidden loopback/unspecified/link-local IP";
  }
  const relaxed = mode.saas || mode.devMode; // dev mode relaxes the private ranges as SaaS does (#2103)
  if (ip.version === 4) {
    if (ALWAYS_V4.some((range) => inCidr(ip, range))) return "forbidden private/metadata IP";
    if (PRIVATE_V4.some((range) => inCidr(ip, range)) && !relaxed) return "forbidden private/metadata IP";
    return undefined;
  }
  if (inCidr(ip, ULA) && !(relaxed && inCidr(ip, ULA_LOCAL))) return "forbidden private/metadata IP";
  return undefined;
}

/** The URL's scheme, authority host as written (Go does not lower-case it), and the WHATWG parse. */
function splitUrl(raw: string): { scheme: string; rawHost: string; url: URL | undefined } {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw)?.[1]?.toLowerCase() ?? "";
  const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(raw)?.[1] ?? "";
  const hostPort = authority.slice(authority.lastIndexOf("@") + 1);
  const rawHost = hostPort.startsWith("[")
    ? hostPort.slice(1, hostPort.indexOf("]"))
    : hostPort.replace(/:[^:]*$/, "");
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  return { scheme, rawHost, url };
}

/** The WHATWG hostname without brackets ("" when there is none). */
const hostnameOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

async function resolve(host: string, resolver: HostResolver): Promise<IpAddress[]> {
  const literal = parseIp(host);
  if (literal) return [literal];
  const addresses = await resolver(host);
  return addresses.map((address) => parseIp(address)).filter((ip): ip is IpAddress => ip !== undefined);
}

/** `validateAgentURL`: the register and create `url` check, with the platform's exact messages (contract 2.3). */
export async function validateAgentURL(raw: string, mode: UrlSafetyMode): Promise<UrlDecision> {
  if (mode.mutant === "ssrf-check-off") return { ok: true };
  if (raw === "") return { ok: false, error: PlatformMessages.urlRequired };
  if ([...raw].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return { ok: false, error: invalidUrlMessage(raw, "net/url: invalid control character in URL") };
  }
  if (raw.startsWith(":")) return { ok: false, error: invalidUrlMessage(raw, "missing protocol scheme") };
  const { scheme, rawHost, url } = splitUrl(raw);
  if (scheme !== "http" && scheme !== "https") return { ok: false, error: urlSchemeMessage(scheme) };
  if (!url) return { ok: false, error: invalidUrlMessage(raw, "invalid URL") };
  const host = hostnameOf(url);
  const literal = parseIp(host);
  if (literal) {
    const label = registerBlockLabel(literal, mode);
    return label === undefined ? { ok: true } : { ok: false, error: blockedAddressMessage(label) };
  }
  if (rawHost === "localhost") return { ok: true }; // allowed by name, no DNS, in every mode
  let addresses: IpAddress[];
  try {
    addresses = await resolve(host, mode.resolver);
  } catch (error) {
    const domain = (mode.appDomain ?? "moleculesai.app").toLowerCase();
    if (mode.saas && host.startsWith("ws-") && host.endsWith(`.${domain}`)) return { ok: true };
    const cause = error instanceof Error ? error.message : String(error);
    return { ok: false, error: unresolvableHostMessage(rawHost, cause), dnsFailure: true };
  }
  for (const address of addresses) {
    const label = registerBlockLabel(address, mode);
    if (label !== undefined) return { ok: false, error: forbiddenResolutionMessage(rawHost, label) };
  }
  return { ok: true };
}

/** `isSafeURL`: the proxy-target and card-URL check; every host, `localhost` included, is resolved. */
export async function isSafeURL(raw: string, mode: UrlSafetyMode): Promise<UrlDecision> {
  if (mode.mutant === "ssrf-check-off") return { ok: true };
  const { scheme, url } = splitUrl(raw);
  if (!url) return { ok: false, error: "invalid URL" };
  if (scheme !== "http" && scheme !== "https")
    return { ok: false, error: `forbidden scheme: ${scheme} (only http/https allowed)` };
  const host = hostnameOf(url);
  if (host === "") return { ok: false, error: "empty hostname" };
  let addresses: IpAddress[];
  try {
    addresses = await resolve(host, mode.resolver);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return { ok: false, error: unresolvableHostMessage(host, cause), dnsFailure: true };
  }
  if (addresses.length === 0)
    return { ok: false, error: `DNS returned no addresses for: ${host}`, dnsFailure: true };
  for (const address of addresses) {
    const reason = proxyBlockReason(address, mode);
    if (reason !== undefined) return { ok: false, error: `${reason} (host ${host})` };
  }
  return { ok: true };
}
