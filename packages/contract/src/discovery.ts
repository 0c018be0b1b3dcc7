import { z } from "zod";
import { JsonObject, WorkspaceStatus } from "./primitives.js";

/** `POST /registry/check-access` body (discovery.go `CheckAccess`): both ids required. */
export const CheckAccessRequest = z
  .object({
    caller_id: z.string().min(1).describe("The workspace that would call."),
    target_id: z.string().min(1).describe("The workspace it would call."),
  })
  .describe("POST /registry/check-access body.");
export type CheckAccessRequest = z.infer<typeof CheckAccessRequest>;

/** 200 of `POST /registry/check-access`: whether the hierarchy lets the caller reach the target. */
export const CheckAccessResponse = z
  .object({ allowed: z.boolean().describe("CanCommunicate(caller_id, target_id).") })
  .describe("200 of POST /registry/check-access.");
export type CheckAccessResponse = z.infer<typeof CheckAccessResponse>;

/** One entry of `GET /registry/:id/peers` (discovery.go `queryPeerMaps`). */
export const PeerRow = z
  .object({
    id: z.string().describe("The peer's id."),
    name: z.string().describe("The peer's name."),
    role: z.string().nullable().describe("Its role, null when empty."),
    tier: z.int().describe("Its tier."),
    status: WorkspaceStatus.describe("Its status."),
    agent_card: JsonObject.nullable().describe("Its registered card, null when none."),
    url: z.string().describe('Its stored URL ("" when none).'),
    parent_id: z.string().nullable().describe("Its parent, null for a root."),
    active_tasks: z.int().describe("Its in-flight tasks."),
  })
  .describe("A sibling, child or the parent of a workspace.");

/** 200 of `GET /registry/:id/peers`: always an array, never null. */
export const PeersResponse = z
  .array(PeerRow)
  .describe("200 of GET /registry/:id/peers: siblings, children, parent.");
export type PeersResponse = z.infer<typeof PeersResponse>;

/** 200 of `GET /registry/discover/:id`: where the caller reaches the target. */
export const DiscoverResponse = z
  .object({
    id: z.string().describe("The target's id."),
    name: z.string().describe("The target's name."),
    url: z.string().describe("The URL the caller reaches the target at."),
  })
  .describe("200 of GET /registry/discover/:id.");
export type DiscoverResponse = z.infer<typeof DiscoverResponse>;
