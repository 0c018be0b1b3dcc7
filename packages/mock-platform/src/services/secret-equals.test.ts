import { describe, expect, it } from "vitest";
import { secretEquals } from "./secret-equals.js";

describe("secretEquals", () => {
  it("matches only the same secret, whatever the lengths", () => {
    expect(secretEquals("admin-token", "admin-token")).toBe(true);
    expect(secretEquals("admin-token", "admin-tokeN")).toBe(false);
    expect(secretEquals("admin", "admin-token")).toBe(false);
    expect(secretEquals("", "admin-token")).toBe(false);
  });

  it("never matches when either side is missing", () => {
    expect(secretEquals(undefined, "admin-token")).toBe(false);
    expect(secretEquals("admin-token", undefined)).toBe(false);
    expect(secretEquals(undefined, undefined)).toBe(false);
  });
});
