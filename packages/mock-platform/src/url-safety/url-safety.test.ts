import { describe, expect, it } from "vitest";
import { fakeResolver } from "../platform-test-utils.js";
import { isSafeURL, type UrlSafetyMode, validateAgentURL } from "./url-safety.js";

const strict: UrlSafetyMode = { saas: false, devMode: false, resolver: fakeResolver };
const saas: UrlSafetyMode = { ...strict, saas: true };
const dev: UrlSafetyMode = { ...strict, devMode: true };
const modes = { strict, saas, dev };

type Row = [url: string, strict: string | true, saas: string | true, dev: string | true];

// validateAgentURL: true = allowed, otherwise the exact message or a prefix of it.
const registerTable: Row[] = [
  ["", "url is required", "url is required", "url is required"],
  [
    "ftp://agent.public.test/",
    'url scheme must be http or https, got "ftp"',
    'url scheme must be http or https, got "ftp"',
    'url scheme must be http or https, got "ftp"',
  ],
  ["http://localhost:8000", true, true, true],
  ["http://LOCALHOST:1234", true, true, true],
  [
    "http://127.0.0.1:9000",
    "url resolves to a blocked address 127.0.0.1 (127.0.0.0/8)",
    "url resolves to a blocked address 127.0.0.1",
    true,
  ],
  [
    "http://[::1]:9000",
    "url resolves to a blocked address ::1",
    "url resolves to a blocked address ::1",
    true,
  ],
  [
    "http://169.254.169.254/",
    "url resolves to a blocked address 169.254.169.254 (169.254.0.0/16)",
    "url resolves",
    "url resolves",
  ],
  [
    "http://192.0.2.7/",
    "url resolves to a blocked address 192.0.2.7 (192.0.2.0/24)",
    "url resolves",
    "url resolves",
  ],
  ["http://198.51.100.7/", "url resolves", "url resolves", "url resolves"],
  ["http://203.0.113.7/", "url resolves", "url resolves", "url resolves"],
  [
    "http://agent.cgnat.test/",
    "url resolves to a blocked address 100.64.0.9 (100.64.0.0/10)",
    "url resolves",
    "url resolves",
  ],
  [
    "http://224.0.0.1/",
    "url resolves to a blocked address 224.0.0.1 (224.0.0.0/4)",
    "url resolves",
    "url resolves",
  ],
  ["http://[2001:db8::1]/", "url resolves to a blocked address 2001:db8::1", "url resolves", "url resolves"],
  [
    "http://[fc00::1]/",
    "url resolves to a blocked address fc00::1 (fc00::/8)",
    "url resolves",
    "url resolves",
  ],
  [
    "http://172.18.0.5:8000",
    "url resolves to a blocked address 172.18.0.5 (172.16.0.0/12)",
    true,
    "url resolves",
  ],
  ["http://10.0.0.1/", "url resolves to a blocked address 10.0.0.1 (10.0.0.0/8)", true, "url resolves"],
  ["http://192.168.1.1/", "url resolves", true, "url resolves"],
  ["http://[fd00::1]/", "url resolves to a blocked address fd00::1 (fd00::/8)", true, "url resolves"],
  ["http://agent.private.test/", "url resolves to a blocked address 10.1.2.3", true, "url resolves"],
  ["http://agent.public.test/", true, true, true],
  [
    "http://agent.mixed.test/",
    "url resolves to a blocked address 169.254.169.254",
    "url resolves",
    "url resolves",
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

describe("validateAgentURL", () => {
  for (const [url, ...expected] of registerTable) {
    (["strict", "saas", "dev"] as const).forEach((modeName, index) => {
      const want = expected[index]!;
      it(`${want === true ? "allows" : "rejects"} ${JSON.stringify(url)} in ${modeName} mode`, async () => {
        const decision = await validateAgentURL(url, modes[modeName]);
        if (want === true) expect(decision).toEqual({ ok: true });
        else {
          expect(decision.ok).toBe(false);
          expect(decision.ok ? "" : decision.error.startsWith(want)).toBe(true);
        }
      });
    });
  }

  it("does not resolve localhost by DNS", async () => {
    const decision = await validateAgentURL("http://localhost:1", {
      ...strict,
      resolver: async () => {
        throw new Error("resolver must not be called");
      },
    });
    expect(decision.ok).toBe(true);
  });
});

// isSafeURL: [url, strict, saas, dev] as booleans.
const proxyTable: Array<[string, boolean, boolean, boolean]> = [
  ["http://localhost:1234", false, false, true],
  ["http://127.0.0.1:1234", false, false, true],
  ["http://agent.public.test/", true, true, true],
  ["http://10.0.0.1/", false, true, true],
  ["http://172.18.0.5:8000", false, true, true],
  ["http://[fd00::1]/", false, true, true],
  ["http://169.254.169.254/", false, false, false],
  ["http://100.64.0.1/", false, false, false],
  ["http://203.0.113.1/", false, false, false],
  ["http://0.0.0.0:8000", false, false, false],
  ["http://[::]:8000", false, false, false],
  ["http://224.0.0.1/", true, true, true],
  ["http://nowhere.test/", false, false, false],
  ["not a url", false, false, false],
];

describe("isSafeURL", () => {
  for (const [url, ...expected] of proxyTable) {
    (["strict", "saas", "dev"] as const).forEach((modeName, index) => {
      it(`${expected[index] ? "allows" : "blocks"} ${url} in ${modeName} mode`, async () => {
        expect((await isSafeURL(url, modes[modeName])).ok).toBe(expected[index]);
      });
    });
  }
});
