import {
  type A2AProtocolVersion,
  AgentCard,
  parseContract,
  STUB_CARD_DESCRIPTION,
  V1AgentCard,
  type V1AgentInterface,
} from "@molecule-ctk/contract";

/** The stub's version in its agent card: package.json's, which agent-card.test.ts checks (the bundle reads no files). */
export const STUB_RUNTIME_VERSION = "0.1.0";

/** What both cards say. */
export interface StubCardOptions {
  workspaceId: string;
  /** The register URL, where every interface is served. */
  url: string;
  reply: string;
  /** The A2A versions the stub speaks (default both). */
  versions?: readonly A2AProtocolVersion[];
}

const BOTH: readonly A2AProtocolVersion[] = ["1.0", "0.3"];

/** The JSON-RPC interfaces of the card, v1.0 first (the preferred one) then v0.3, all on the register URL. */
function interfaces(url: string, versions: readonly A2AProtocolVersion[]): V1AgentInterface[] {
  return BOTH.filter((version) => versions.includes(version)).map((protocolVersion) => ({
    url,
    protocolBinding: "JSONRPC",
    protocolVersion,
  }));
}

function skills(reply: string) {
  return [
    {
      id: "stub-reply",
      name: "Canned reply",
      description: `Answers every message with ${JSON.stringify(reply)}.`,
      tags: ["stub", "e2e"],
      examples: ["ping"],
    },
  ];
}

/**
 * The A2A v0.3 card served at `/.well-known/agent-card.json` and the legacy `/.well-known/agent.json`
 * to clients that send no `A2A-Version` or a 0.x one (contract 10.8); `url` is the register URL. When
 * the stub also speaks v1.0 the card carries v1.0's `supportedInterfaces` as well: the two versions'
 * top-level fields are disjoint, so one document serves both readers, as the official SDK's is.
 */
export function buildStubRuntimeAgentCard(options: StubCardOptions): AgentCard {
  const versions = options.versions ?? BOTH;
  const card: AgentCard = {
    protocolVersion: "0.3.0",
    name: options.workspaceId,
    description: STUB_CARD_DESCRIPTION,
    url: options.url,
    preferredTransport: "JSONRPC",
    version: STUB_RUNTIME_VERSION,
    capabilities: { streaming: false, pushNotifications: false, stateTransitionHistory: false },
    defaultInputModes: ["text/plain"],
    defaultOutputModes: ["text/plain"],
    skills: skills(options.reply),
    ...(versions.includes("1.0") ? { supportedInterfaces: interfaces(options.url, versions) } : {}),
  };
  return parseContract(AgentCard, card, "[stub-runtime] agent card");
}

/** The A2A v1.0 card, served to clients that send `A2A-Version: 1.x`: `supportedInterfaces` lists every version the stub speaks. */
export function buildStubRuntimeV1AgentCard(options: StubCardOptions): V1AgentCard {
  const card: V1AgentCard = {
    name: options.workspaceId,
    description: STUB_CARD_DESCRIPTION,
    supportedInterfaces: interfaces(options.url, options.versions ?? BOTH),
    version: STUB_RUNTIME_VERSION,
    capabilities: { streaming: false, pushNotifications: false, extendedAgentCard: false },
    defaultInputModes: ["text/plain"],
    defaultOutputModes: ["text/plain"],
    skills: skills(options.reply),
  };
  return parseContract(V1AgentCard, card, "[stub-runtime] v1 agent card");
}
