import { type A2AProtocolVersion, buildV1JsonRpcError, parseA2AVersion } from "@molecule-ctk/contract";
import type { JsonRpcDialect, JsonRpcRouter } from "./json-rpc-dispatcher.js";

/** The dialects a stub speaks, by A2A version. */
export type A2ADialects = Partial<Record<A2AProtocolVersion, JsonRpcDialect>>;

/**
 * Picks the dialect of each request as the official SDK does: a method name of either grammar
 * (`message/send`, `SendMessage`) goes to its own version; anything else (an unknown method, a body
 * that does not parse) is answered in the version the `A2A-Version` header asks for, absent meaning
 * 0.3. A header naming a version the stub does not speak refuses every request with -32009.
 */
export function routeA2ARequest(dialects: A2ADialects, header: string | null): JsonRpcRouter {
  const requested = parseA2AVersion(header);
  const asked = requested === "0.3" || requested === "1.0" ? dialects[requested] : undefined;
  const envelope = asked ?? dialects["1.0"] ?? dialects["0.3"];
  if (envelope === undefined)
    throw new RangeError("[stub-runtime] A2A router: no dialect: enable 0.3 or 1.0");
  const dialectFor = (method: string) => {
    for (const dialect of [dialects["1.0"], dialects["0.3"]])
      if (dialect?.methods.has(method)) return dialect;
    return envelope;
  };
  if (asked !== undefined) return { envelope, dialectFor };
  const supported = (Object.keys(dialects) as A2AProtocolVersion[]).sort().join(", ");
  const detail = `A2A-Version ${JSON.stringify(header ?? "")} is not spoken here: send one of ${supported}`;
  return {
    envelope,
    dialectFor,
    refuse: (id) =>
      buildV1JsonRpcError("VersionNotSupported", {
        id,
        detail,
        metadata: { requestedVersion: header ?? "", supportedVersions: supported },
      }),
  };
}

/** Which card to serve: the v1.0 one to a 1.x client the stub speaks v1.0 to, else the v0.3 one if it speaks v0.3. */
export function cardVersionFor(
  versions: readonly A2AProtocolVersion[],
  header: string | null,
): A2AProtocolVersion {
  const requested = parseA2AVersion(header);
  if (requested === "1.0" && versions.includes("1.0")) return "1.0";
  return versions.includes("0.3") ? "0.3" : "1.0";
}
