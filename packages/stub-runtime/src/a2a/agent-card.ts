import { AgentCard, parseContract, STUB_CARD_DESCRIPTION } from "@molecule-ctk/contract";

/** The stub's version in its agent card: package.json's, which agent-card.test.ts checks (the bundle reads no files). */
export const STUB_RUNTIME_VERSION = "0.1.0";

/**
 * The A2A v0.3 card served at `/.well-known/agent-card.json` and the legacy `/.well-known/agent.json`
 * (contract 10.8); `url` is the register URL. Checked with the contract's AgentCard schema.
 */
export function buildStubRuntimeAgentCard(options: {
  workspaceId: string;
  url: string;
  reply: string;
}): AgentCard {
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
    skills: [
      {
        id: "stub-reply",
        name: "Canned reply",
        description: `Answers every message/send with ${JSON.stringify(options.reply)}.`,
        tags: ["stub", "e2e"],
        examples: ["ping"],
      },
    ],
  };
  return parseContract(AgentCard, card, "[stub-runtime] agent card");
}
