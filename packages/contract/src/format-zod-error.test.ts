import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatIssuePath, formatZodError } from "./format-zod-error.js";

describe("formatIssuePath", () => {
  it("renders keys with dots and indices in brackets", () => {
    expect(formatIssuePath(["params", "message", "parts", 0, "text"])).toBe("params.message.parts[0].text");
    expect(formatIssuePath([0, "id"])).toBe("[0].id");
    expect(formatIssuePath([])).toBe("(root)");
  });
});

describe("formatZodError", () => {
  it("names each bad field once, behind the subject", () => {
    const schema = z.object({ a: z.string(), b: z.array(z.number()) });
    const error = schema.safeParse({ a: 1, b: [1, "x"] }).error!;
    expect(formatZodError(error, "thing")).toMatch(/^thing: a: .+; b\[1\]: .+$/);
  });

  it("reports the union branch that matched furthest instead of 'Invalid input'", () => {
    const schema = z.union([
      z.object({ kind: z.literal("a"), value: z.string() }),
      z.object({ kind: z.literal("b"), nested: z.object({ deep: z.number() }) }),
    ]);
    const error = schema.safeParse({ kind: "b", nested: { deep: "x" } }).error!;
    expect(formatZodError(error)).toMatch(/^nested\.deep: /);
  });
});
