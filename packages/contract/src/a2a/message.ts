import { z } from "zod";
import { JsonObject } from "../primitives.js";

// A2A v0.3 objects are loose: members this version does not name pass through untouched.

/** `{kind: "text", text}` (A2A v0.3). */
export const TextPart = z.looseObject({
  kind: z.literal("text"),
  text: z.string(),
  metadata: JsonObject.optional(),
});
export type TextPart = z.infer<typeof TextPart>;

const FileBase = { name: z.string().optional(), mimeType: z.string().optional() };

/** A file given inline as base64 `bytes`. */
export const FileWithBytes = z.looseObject({ ...FileBase, bytes: z.string() });
/** A file given by `uri`. */
export const FileWithUri = z.looseObject({ ...FileBase, uri: z.string() });

/** `{kind: "file", file: {bytes | uri, name?, mimeType?}}` (A2A v0.3). */
export const FilePart = z.looseObject({
  kind: z.literal("file"),
  file: z.union([FileWithBytes, FileWithUri]),
  metadata: JsonObject.optional(),
});
export type FilePart = z.infer<typeof FilePart>;

/** `{kind: "data", data: {...}}` (A2A v0.3). */
export const DataPart = z.looseObject({
  kind: z.literal("data"),
  data: JsonObject,
  metadata: JsonObject.optional(),
});
export type DataPart = z.infer<typeof DataPart>;

/**
 * A message part, tagged by `kind`. The platform's proxy renames v0.2 `type` to `kind` before it
 * forwards (contract 7.3), so a runtime always sees `kind`.
 */
export const Part = z.discriminatedUnion("kind", [TextPart, FilePart, DataPart]);
export type Part = z.infer<typeof Part>;

/** The two roles of a v0.3 message. */
export const Role = z.enum(["user", "agent"]);
export type Role = z.infer<typeof Role>;

/**
 * An A2A v0.3 Message. `kind` defaults to "message": the platform's proxy adds `messageId` and
 * `role` but not `kind` (contract 7.3), and a2a-python defaults it the same way.
 */
export const Message = z.looseObject({
  kind: z.literal("message").default("message"),
  role: Role,
  parts: z.array(Part),
  messageId: z.string().min(1),
  taskId: z.string().optional(),
  contextId: z.string().optional(),
  metadata: JsonObject.optional(),
  extensions: z.array(z.string()).optional(),
  referenceTaskIds: z.array(z.string()).optional(),
});
export type Message = z.output<typeof Message>;
