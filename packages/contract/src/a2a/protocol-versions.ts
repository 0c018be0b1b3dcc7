import { z } from "zod";

/** The request header that names the A2A version a client speaks (A2A v1.0, section 3.6). */
export const A2A_VERSION_HEADER = "A2A-Version";

/** The A2A versions this kit knows, as `Major.Minor` (patch numbers never count in negotiation). */
export const A2AProtocolVersion = z.enum(["0.3", "1.0"]);
export type A2AProtocolVersion = z.infer<typeof A2AProtocolVersion>;

/**
 * The `Major.Minor` of an `A2A-Version` value: absent or blank means `0.3` (section 3.6.2), `1` is
 * `1.0`, `0.3.0` is `0.3`. Anything that is not digits and dots gives `undefined`.
 */
export function parseA2AVersion(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return "0.3";
  const match = /^(\d{1,9})(?:\.(\d{1,9}))?(?:\.\d{1,9})*$/.exec(trimmed);
  if (!match) return undefined;
  return `${Number(match[1])}.${Number(match[2] ?? 0)}`;
}

/** Every v0.3 JSON-RPC method (`namespace/verb`). */
export const A2A_V03_METHODS = [
  "message/send",
  "message/stream",
  "tasks/get",
  "tasks/cancel",
  "tasks/resubscribe",
  "tasks/pushNotificationConfig/set",
  "tasks/pushNotificationConfig/get",
  "tasks/pushNotificationConfig/list",
  "tasks/pushNotificationConfig/delete",
  "agent/getAuthenticatedExtendedCard",
] as const;

/** Every v1.0 JSON-RPC method (PascalCase, as the gRPC service names them). */
export const A2A_V1_METHODS = [
  "SendMessage",
  "SendStreamingMessage",
  "GetTask",
  "ListTasks",
  "CancelTask",
  "SubscribeToTask",
  "CreateTaskPushNotificationConfig",
  "GetTaskPushNotificationConfig",
  "ListTaskPushNotificationConfigs",
  "DeleteTaskPushNotificationConfig",
  "GetExtendedAgentCard",
] as const;
