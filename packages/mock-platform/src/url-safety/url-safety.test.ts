import { describe, expect, it } from "vitest";
import { fakeResolver } from "../platform-test-utils.js";
import { parseIp } from "./ip-ranges.js";
import { isSafeURL, type UrlSafetyMode, validateAgentURL } from "./url-safety.js";

const strict: UrlSafetyMode = { saas: false, devMode: false, resolver: fakeResolver };
const saas: UrlSafetyMode = { ...strict, saas: true };
const dev: UrlSafetyMode = { ...strict, devMode: true };
const modes = { strict, saas, dev };

type Row = [url: string, strict: string | true, saas: string | true, dev: string | true];

const METADATA = "url targets a blocked address: link-local address (cloud metadata endpoint)";
const LOOPBACK = "url targets a blocked address: loopback address";
const PRIVATE = "url targets a blocked address: RFC-1918 private address";
const CGNAT = "url targets a blocked address: carrier-grade NAT address (RFC-6598)";

// validateAgentURL, as registry_test.go:TestValidateAgentURL, :TestValidateAgentURL_SaaSMode_AllowsRFC1918,
// :TestValidateAgentURL_StrictMode_BlocksRFC1918, :TestValidateAgentURL_PendingPlatformTunnel and
// registry_agent_url_dev_loopback_test.go:TestValidateAgentURLDevLoopback pin it, with the labels of
// registry.go's blocklist (those tests assert error/no error; the wording is the handler's).
// true = allowed, otherwise the exact message (or a prefix of it, for DNS causes).
const registerTable: Row[] = [
  ["", "url is required", "url is required", "url is required"],
  [
    "ftp://agent.public.test/",
    'url scheme must be http or https, got "ftp"',
    'url scheme must be http or https, got "ftp"',
    'url scheme must be http or https, got "ftp"',
  ],
  [
    "://not-a-url",
    'url is not valid: parse "://not-a-url": missing protocol scheme',
    "url is not valid",
    "url is not valid",
  ],
  ["http://localhost:8000", true, true, true],
  ["http://127.0.0.1:9000", LOOPBACK, LOOPBACK, true],
  [
    "http://[::1]:9000",
    "url targets a blocked address: IPv6 loopback address",
    "url targets a blocked address: IPv6 loopback address",
    true,
  ],
  ["http://169.254.169.254/", METADATA, METADATA, METADATA],
  [
    "http://[fe80::1]:8080",
    "url targets a blocked address: IPv6 link-local address (cloud metadata analogue)",
    "url targets a blocked address: IPv6 link-local",
    "url targets a blocked address: IPv6 link-local",
  ],
  [
    "http://192.0.2.7/",
    "url targets a blocked address: TEST-NET-1 documentation range (RFC-5737)",
    "url targets a blocked address: TEST-NET-1",
    "url targets a blocked address: TEST-NET-1",
  ],
  [
    "http://198.51.100.7/",
    "url targets a blocked address: TEST-NET-2 documentation range (RFC-5737)",
    "url targets a blocked address: TEST-NET-2",
    "url targets a blocked address: TEST-NET-2",
  ],
  [
    "http://203.0.113.7/",
    "url targets a blocked address: TEST-NET-3 documentation range (RFC-5737)",
    "url targets a blocked address: TEST-NET-3",
    "url targets a blocked address: TEST-NET-3",
  ],
  ["http://100.64.0.9/", CGNAT, CGNAT, CGNAT],
  [
    "http://239.1.1.1/",
    "url targets a blocked address: IPv4 multicast address",
    "url targets a blocked address: IPv4 multicast address",
    "url targets a blocked address: IPv4 multicast address",
  ],
  [
    "http://[2001:db8::1]/",
    "url targets a blocked address: IPv6 documentation address (RFC-3849 reserved)",
    "url targets a blocked address: IPv6 documentation",
    "url targets a blocked address: IPv6 documentation",
  ],
  [
    "http://[fc00::1]/",
    "url targets a blocked address: IPv6 ULA non-routable prefix (fc00::/8)",
    "url targets a blocked address: IPv6 ULA non-routable prefix (fc00::/8)",
    "url targets a blocked address: IPv6 ULA non-routable prefix (fc00::/8)",
  ],
  ["http://172.18.0.5:8000", PRIVATE, true, PRIVATE],
  ["http://10.0.0.1/", PRIVATE, true, PRIVATE],
  ["http://192.168.1.1/", PRIVATE, true, PRIVATE],
  [
    "http://[fd00::1]/",
    "url targets a blocked address: IPv6 ULA address (RFC-4193 private)",
    true,
    "url targets a blocked address: IPv6 ULA address (RFC-4193 private)",
  ],
  // An unspecified address is not in validateAgentURL's list: it passes (isSafeURL blocks it).
  ["http://0.0.0.0:8000", true, true, true],
  [
    "http://agent.private.test/",
    `hostname "agent.private.test" resolves to forbidden address: ${PRIVATE}`,
    true,
    `hostname "agent.private.test" resolves to forbidden address: ${PRIVATE}`,
  ],
  ["http://agent.public.test/", true, true, true],
  [
    "http://agent.mixed.test/",
    `hostname "agent.mixed.test" resolves to forbidden address: ${METADATA}`,
    'hostname "agent.mixed.test" resolves',
    'hostname "agent.mixed.test" resolves',
  ],
  [
    "http://nowhere.test/",
    'hostname "nowhere.test" cannot be resolved (DNS error): getaddrinfo ENOTFOUND nowhere.test',
    'hostname "nowhere.test"',
    'hostname "nowhere.test"',
  ],
  [
    "http://ws-abc.moleculesai.app/",
    'hostname "ws-abc.moleculesai.app" cannot be resolved',
    true,
    'hostname "ws-abc.moleculesai.app"',
  ],
];

// IPv4-mapped IPv6, dotted and hex (Node's URL parser turns the first into the second), is judged
// as the IPv4 address it carries: Go's To4() (registry_test.go:TestValidateAgentURL, case "blocked
// IPv4-mapped IPv6 link-local"). Each form in every check and mode.
const MAPPED_FORMS = (v4: string, hex: string) => [
  `http://[::ffff:${v4}]/`,
  `http://[::ffff:${hex}]/`,
  `http://[0:0:0:0:0:ffff:${hex}]:80/`,
  `http://[::FFFF:${v4}]:8080/a2a`,
];
const mappedTable: Row[] = [
  ...MAPPED_FORMS("169.254.169.254", "a9fe:a9fe").map((url): Row => [url, METADATA, METADATA, METADATA]),
  ...MAPPED_FORMS("100.64.0.1", "6440:1").map((url): Row => [url, CGNAT, CGNAT, CGNAT]),
  ...MAPPED_FORMS("127.0.0.1", "7f00:1").map((url): Row => [url, LOOPBACK, LOOPBACK, true]),
  ...MAPPED_FORMS("10.1.2.3", "a01:203").map((url): Row => [url, PRIVATE, true, PRIVATE]),
];

describe("validateAgentURL", () => {
  for (const [url, ...expected] of [...registerTable, ...mappedTable]) {
    (["strict", "saas", "dev"] as const).forEach((modeName, index) => {
      const want = expected[index]!;
      it(`${want === true ? "allows" : "rejects"} ${JSON.stringify(url)} in ${modeName} mode`, async () => {
        const decision = await validateAgentURL(url, modes[modeName]);
        if (want === true) expect(decision).toEqual({ ok: true });
        else {
          expect(decision.ok).toBe(false);
          expect(decision.ok ? "" : decision.error).toMatch(new RegExp(`^${escapeRegex(want)}`));
        }
      });
    });
  }

  it("does not resolve the literal localhost by DNS", async () => {
    const decision = await validateAgentURL("http://localhost:1", {
      ...strict,
      resolver: async () => {
        throw new Error("resolver must not be called");
      },
    });
    expect(decision.ok).toBe(true);
  });

  it("resolves a LOCALHOST spelt otherwise, as Go compares the hostname case-sensitively", async () => {
    expect(await validateAgentURL("http://LOCALHOST:1234", strict)).toEqual({
      ok: false,
      error: `hostname "LOCALHOST" resolves to forbidden address: ${LOOPBACK}`,
    });
    expect(await validateAgentURL("http://LOCALHOST:1234", dev)).toEqual({ ok: true });
  });

  it("judges a hostname resolving to an IPv4-mapped address as IPv4", async () => {
    const resolver = async () => ["::ffff:a9fe:a9fe"];
    expect(await validateAgentURL("http://imds.test/", { ...dev, resolver })).toEqual({
      ok: false,
      error: `hostname "imds.test" resolves to forbidden address: ${METADATA}`,
    });
  });
});

// isSafeURL, as ssrf_test.go:TestIsSafeURL, :TestIsSafeURL_DevModeAllowsLoopback,
// :TestIsSafeURL_DevMode_StillBlocksOtherRanges, :TestIsSafeURL_SaaSMode_AllowsRFC1918,
// :TestIsSafeURL_SaaSMode_StillBlocksMetadataEtAl, :TestIsSafeURL_DevMode_AllowsRFC1918,
// :TestIsSafeURL_StrictMode_BlocksRFC1918 and :TestIsPrivateOrMetadataIP_IPv6 pin it; the IPv6
// multicast rows are Go's IsLinkLocalMulticast / IsInterfaceLocalMulticast (ssrf.go). [url, strict, saas, dev].
const proxyTable: Array<[string, boolean, boolean, boolean]> = [
  ["http://localhost:1234", false, false, true],
  ["http://127.0.0.1:1234", false, false, true],
  ["http://127.255.255.255:9000", false, false, true],
  ["http://[::1]:8000", false, false, true],
  ["http://agent.public.test/", true, true, true],
  ["http://10.0.0.1/", false, true, true],
  ["http://172.18.0.5:8000", false, true, true],
  ["http://[fd00::1]/", false, true, true],
  ["http://[fd12:3456:789a::42]/a2a", false, true, true],
  ["http://[fc00::1]/", false, false, false],
  ["http://169.254.169.254/", false, false, false],
  ["http://[fe80::1]/", false, false, false],
  ["http://100.64.0.1/", false, false, false],
  ["http://203.0.113.1/", false, false, false],
  ["http://0.0.0.0:8000", false, false, false],
  ["http://[::]:8000", false, false, false],
  ["http://224.0.0.1/", false, false, false],
  ["http://224.0.0.251:8080", false, false, false],
  ["http://239.1.1.1/", true, true, true], // other IPv4 multicast is not checked
  ["http://[ff02::1]/", false, false, false],
  ["http://[ff01::1]/", false, false, false],
  ["http://[ff05::1]/", true, true, true],
  ["http://[2001:db8::1]/", true, true, true], // only validateAgentURL blocks the documentation prefix
  ["file:///etc/passwd", false, false, false],
  ["ftp://agent.public.test/", false, false, false],
  ["mailto://user@agent.public.test", false, false, false],
  ["data:text/html,<script>alert(1)</script>", false, false, false],
  ["http://:8080/a2a", false, false, false],
  ["http://nowhere.test/", false, false, false],
  ["not a url", false, false, false],
  ...["169.254.169.254", "a9fe:a9fe", "100.64.0.1", "6440:1"].map(
    (ip): [string, boolean, boolean, boolean] => [`http://[::ffff:${ip}]/`, false, false, false],
  ),
  ...["127.0.0.1", "7f00:1"].map((ip): [string, boolean, boolean, boolean] => [
    `http://[::ffff:${ip}]:8000/`,
    false,
    false,
    true,
  ]),
  ...["10.0.0.1", "a00:1"].map((ip): [string, boolean, boolean, boolean] => [
    `http://[::ffff:${ip}]/`,
    false,
    true,
    true,
  ]),
];

describe("isSafeURL", () => {
  for (const [url, ...expected] of proxyTable) {
    (["strict", "saas", "dev"] as const).forEach((modeName, index) => {
      it(`${expected[index] ? "allows" : "blocks"} ${url} in ${modeName} mode`, async () => {
        expect((await isSafeURL(url, modes[modeName])).ok).toBe(expected[index]);
      });
    });
  }

  it("judges a resolved IPv4-mapped address in hex form as IPv4", async () => {
    const resolver = async () => ["::ffff:a9fe:a9fe"];
    expect((await isSafeURL("http://imds.test/", { ...dev, resolver })).ok).toBe(false);
  });
});

describe("parseIp", () => {
  it.each([
    ["::ffff:169.254.169.254", 4, [169, 254, 169, 254]],
    ["::ffff:a9fe:a9fe", 4, [169, 254, 169, 254]],
    ["[::ffff:7f00:1]", 4, [127, 0, 0, 1]],
    ["0:0:0:0:0:ffff:6440:1", 4, [100, 64, 0, 1]],
    ["10.0.0.1", 4, [10, 0, 0, 1]],
  ])("reads %s as IPv%i", (literal, version, bytes) => {
    expect(parseIp(literal)).toEqual({ version, bytes });
  });

  it("keeps an IPv4-compatible (not mapped) address as IPv6, as Go does", () => {
    expect(parseIp("::a9fe:a9fe")?.version).toBe(6);
  });

  it.each(["", "localhost", "1.2.3", "::ffff:1.2.3.999", "1::2::3", "g::1"])("refuses %j", (literal) => {
    expect(parseIp(literal)).toBeUndefined();
  });
});

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
