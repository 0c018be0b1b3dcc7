import { z } from "zod";

/**
 * A loose object of which exactly one of `members` is set, as a ProtoJSON `oneof` is. The rule is
 * checked in zod (with `message` at the object's path) and exported to JSON Schema as a `oneOf` of
 * `required` sets, so a branch error names the member actually sent. Each branch repeats its member's
 * description, so every property of the export is described.
 */
export function exactlyOneOf<S extends z.core.$ZodLooseShape>(
  shape: S,
  members: ReadonlyArray<keyof S & string>,
  message: string,
) {
  return z
    .looseObject(shape)
    .check((ctx) => {
      const value = ctx.value as Record<string, unknown>;
      const set = members.filter((member) => value[member] !== undefined).length;
      if (set !== 1) ctx.issues.push({ code: "custom", input: ctx.value, message });
    })
    .meta({
      oneOf: members.map((member) => {
        const description = z.globalRegistry.get(shape[member] as z.ZodType)?.description;
        return {
          type: "object",
          properties: { [member]: description ? { description } : {} },
          required: [member],
        };
      }),
    });
}
