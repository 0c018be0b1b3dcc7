import { contractErrorMap, formatZodError, HeartbeatRequest, RegisterRequest } from "@molecule-ctk/contract";
import type { z } from "zod";
import { fail, pass, skip, type Verdict } from "../checks/check-recorder.js";
import type { ObservedCall } from "./observed-call.js";
import { SsotHeartbeatRequest, SsotRegisterRequest } from "./ssot-shapes.js";

/** Which schema a body check holds bodies to. */
export type BodyRule = "contract" | "ssot";

const SCHEMAS = {
  register: { contract: RegisterRequest, ssot: SsotRegisterRequest },
  heartbeat: { contract: HeartbeatRequest, ssot: SsotHeartbeatRequest },
} as const;

const FIX = {
  register: {
    contract:
      "send {id, url, agent_card, delivery_mode?} with the types of contract 4.1 (the platform answers 400 invalid request body otherwise)",
    ssot: "send only the SSOT's fields (id, url, agent_card, delivery_mode, kind, mcp_server_present) and give agent_card a non-empty name",
  },
  heartbeat: {
    contract:
      "send {workspace_id, error_rate, sample_error, active_tasks, uptime_seconds, current_task} with the types of contract 5.1 (whole seconds, counts as integers)",
    ssot: "send only HeartbeatPayload's fields (contract 5.1); anything else fails upstream's SSOT schema",
  },
} as const;

/**
 * Holds every journaled body of one kind to the contract package's schema or to upstream's SSOT
 * shape. The contract schema accepts everything the SSOT does (it is the laxer of the two).
 */
export function judgeBodies(
  kind: "register" | "heartbeat",
  rule: BodyRule,
  calls: ReadonlyArray<ObservedCall>,
): Verdict {
  if (calls.length === 0) return skip(`no ${kind} arrived, so no ${kind} body could be checked`);
  const schema: z.ZodType = SCHEMAS[kind][rule];
  for (const call of calls) {
    const label = `${kind} #${call.index} of the ${call.workspaceLabel} workspace`;
    if (call.bodyTruncated)
      return skip(`${label} was longer than the journal keeps; its body could not be checked`);
    let body: unknown;
    try {
      body = JSON.parse(call.body ?? "");
    } catch {
      return fail(`${label} is not JSON: ${FIX[kind][rule]}`);
    }
    const parsed = schema.safeParse(body, { error: contractErrorMap });
    if (!parsed.success) {
      return fail(
        `${label} breaks the ${rule === "ssot" ? "SSOT" : "contract"} schema: ${formatZodError(parsed.error)}; ${FIX[kind][rule]}`,
      );
    }
  }
  return pass(
    `${calls.length} ${kind} bod${calls.length === 1 ? "y" : "ies"} valid against the ${rule === "ssot" ? "upstream SSOT shape" : "contract package"}`,
  );
}
