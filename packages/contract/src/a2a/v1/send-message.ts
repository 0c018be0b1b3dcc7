import { z } from "zod";
import { JsonObject } from "../../primitives.js";
import { jsonRpcSuccess } from "../json-rpc.js";
import { V1JsonRpcErrorResponse } from "./error-details.js";
import { V1Message } from "./message.js";
import { exactlyOneOf } from "./one-of.js";
import { V1Task } from "./task.js";

/**
 * `SendMessage` configuration. Unlike v0.3's `blocking`, a v1.0 send waits for a terminal or
 * interrupted state unless `returnImmediately` is true.
 */
export const V1SendMessageConfiguration = z.looseObject({
  acceptedOutputModes: z.array(z.string()).optional(),
  taskPushNotificationConfig: JsonObject.optional(),
  historyLength: z.int().nonnegative().optional(),
  returnImmediately: z.boolean().optional(),
});
export type V1SendMessageConfiguration = z.infer<typeof V1SendMessageConfiguration>;

/** `SendMessage` (and `SendStreamingMessage`) params. */
export const V1SendMessageRequest = z.looseObject({
  tenant: z.string().optional(),
  message: V1Message,
  configuration: V1SendMessageConfiguration.optional(),
  metadata: JsonObject.optional(),
});
export type V1SendMessageRequest = z.infer<typeof V1SendMessageRequest>;

/** `SendMessage` result: `{task}` or `{message}`, never both. */
export const V1SendMessageResult = exactlyOneOf(
  { task: V1Task.optional(), message: V1Message.optional() },
  ["task", "message"],
  "a SendMessage result holds exactly one of task or message",
);
export type V1SendMessageResult = z.infer<typeof V1SendMessageResult>;

/** A `SendMessage` JSON-RPC response: success or a v1.0 error. */
export const V1SendMessageResponse = z.union([jsonRpcSuccess(V1SendMessageResult), V1JsonRpcErrorResponse]);
export type V1SendMessageResponse = z.infer<typeof V1SendMessageResponse>;
