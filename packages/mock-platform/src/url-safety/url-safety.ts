import { isIP } from "node:net";
import {
  blockedAddressMessage,
  PlatformMessages,
  unresolvableHostMessage,
  urlSchemeMessage,
} from "@molecule-ctk/contract";
import type { PlatformMutant } from "../mutants/platform-mutants.js";
import type { HostResolver } from "../options.js";
import { type AddressClass, classifyAddress } from "./ip-ranges.js";

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

function schemeOf(raw: string): string {
  return /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw)?.[1]?.toLowerCase() ?? "";
}

function hostOf(raw: string): string | undefined {
  try {
    return new URL(raw).hostname.replace(/^\[|\]$/g, "").toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

async function addressesOf(host: string, resolver: HostResolver): Promise<string[]> {
  return isIP(host) ? [host] : await resolver(host);
}

function blockedForRegister(cls: AddressClass, mode: UrlSafetyMode): boolean {
  if (cls === "loopback") return !mode.devMode;
  if (cls === "private") return !mode.saas;
  return cls !== "unspecified"; // validateAgentURL's table does not list unspecified addresses
}

function blockedForProxy(cls: AddressClass, mode: UrlSafetyMode): boolean {
  if (cls === "loopback") return !mode.devMode;
  if (cls === "private") return !(mode.saas || mode.devMode);
  return cls !== "multicast-or-reserved"; // isSafeURL's table does not list these
}

/** `validateAgentURL`: the register `url` check, with the platform's exact messages (contract 2.3). */
export async function validateAgentURL(raw: string, mode: UrlSafetyMode): Promise<UrlDecision> {
  if (mode.mutant === "ssrf-check-off") return { ok: true };
  if (raw === "") return { ok: false, error: PlatformMessages.urlRequired };
  const scheme = schemeOf(raw);
  if (scheme !== "http" && scheme !== "https") return { ok: false, error: urlSchemeMessage(scheme) };
  const host = hostOf(raw);
  if (host === undefined) return { ok: false, error: PlatformMessages.urlRequired };
  if (host === "localhost") return { ok: true }; // allowed by name, no DNS, in every mode
  let addresses: string[];
  try {
    addresses = await addressesOf(host, mode.resolver);
  } catch (error) {
    const domain = (mode.appDomain ?? "moleculesai.app").toLowerCase();
    if (mode.saas && host.startsWith("ws-") && host.endsWith(`.${domain}`)) return { ok: true };
    const cause = error instanceof Error ? error.message : String(error);
    return { ok: false, error: unresolvableHostMessage(host, cause), dnsFailure: true };
  }
  for (const address of addresses) {
    const hit = classifyAddress(address);
    if (hit && blockedForRegister(hit.cls, mode)) {
      return { ok: false, error: blockedAddressMessage(address, hit.cidr) };
    }
  }
  return { ok: true };
}

/** `isSafeURL`: the proxy-target and card-URL check; every host, `localhost` included, is resolved. */
export async function isSafeURL(raw: string, mode: UrlSafetyMode): Promise<UrlDecision> {
  if (mode.mutant === "ssrf-check-off") return { ok: true };
  const host = hostOf(raw);
  if (host === undefined) return { ok: false, error: `url ${JSON.stringify(raw)} has no host` };
  let addresses: string[];
  try {
    addresses = await addressesOf(host, mode.resolver);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return { ok: false, error: unresolvableHostMessage(host, cause), dnsFailure: true };
  }
  if (addresses.length === 0)
    return { ok: false, error: `host ${host} resolved to no address`, dnsFailure: true };
  for (const address of addresses) {
    const hit = classifyAddress(address);
    if (hit && blockedForProxy(hit.cls, mode))
      return { ok: false, error: blockedAddressMessage(address, hit.cidr) };
  }
  return { ok: true };
}
