import { z } from "zod";
import { JsonObject } from "../../primitives.js";
import { exactlyOneOf } from "./one-of.js";

// A2A v1.0 objects are ProtoJSON: camelCase members, enum names as strings, no `kind` tags. Like the
// v0.3 schemas they are loose, since the spec asks implementations to ignore unrecognised fields.

const PartCommon = {
  metadata: JsonObject.optional(),
  filename: z.string().optional(),
  mediaType: z.string().optional(),
};

/**
 * A v1.0 part: exactly one of `text`, `raw` (base64 bytes), `url` or `data` (any JSON value), with
 * optional `filename`, `mediaType` and `metadata` on every kind.
 */
export const V1Part = exactlyOneOf(
  {
    text: z.string().optional(),
    // ProtoJSON `bytes`: standard or URL-safe base64, padding optional.
    raw: z
      .string()
      .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, { error: "must be base64" })
      .optional(),
    url: z.string().min(1).optional(),
    data: z.json().optional(),
    ...PartCommon,
  },
  ["text", "raw", "url", "data"],
  "a part holds exactly one of text, raw, url or data",
);
export type V1Part = z.infer<typeof V1Part>;

/** The sender of a v1.0 message (`ROLE_UNSPECIFIED` is not a valid sender). */
export const V1Role = z.enum(["ROLE_USER", "ROLE_AGENT"]);
export type V1Role = z.infer<typeof V1Role>;

/** An A2A v1.0 Message: `messageId`, `role` and at least one part are required. */
export const V1Message = z.looseObject({
  messageId: z.string().min(1),
  contextId: z.string().optional(),
  taskId: z.string().optional(),
  role: V1Role,
  parts: z.array(V1Part).min(1),
  metadata: JsonObject.optional(),
  extensions: z.array(z.string()).optional(),
  referenceTaskIds: z.array(z.string()).optional(),
});
export type V1Message = z.infer<typeof V1Message>;
