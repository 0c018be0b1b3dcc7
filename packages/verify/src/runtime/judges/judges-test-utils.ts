import type { ObservedCall } from "./observed-call.js";

export const WORKSPACE = "0b8f2c4a-1d3e-4f56-9a7b-2c8d4e6f1a90";

/** An observed call with defaults: a 200 heartbeat of the provisioned workspace without a bearer. */
export function observed(overrides: Partial<ObservedCall> & { json?: unknown } = {}): ObservedCall {
  const { json, ...rest } = overrides;
  return {
    index: 1,
    at: 1_000,
    answeredAt: 1_005,
    status: 200,
    workspaceId: WORKSPACE,
    workspaceLabel: "provisioned",
    bearer: { kind: "none" },
    body: json === undefined ? undefined : JSON.stringify(json),
    bodyTruncated: false,
    ...rest,
  };
}
