import type { z } from "zod";
import { ContractValidationError } from "./contract-error.js";

/**
 * The messages contract parses give: "is required" for a missing field, "expected X, got Y"
 * for a wrong type. Schema-level messages still win over these.
 */
export const contractErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) {
    return "is required";
  }
  if (issue.code === "invalid_type") {
    const expected = issue.expected === "record" ? "object" : issue.expected;
    return `expected ${expected}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === "unrecognized_keys")
    return `unexpected field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_value") {
    return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === "too_small") {
    if (issue.origin === "string")
      return issue.minimum === 1 ? "must not be empty" : `must be at least ${issue.minimum} characters`;
    if (issue.origin === "array") return `must have at least ${issue.minimum} item(s)`;
    return `must be ${issue.inclusive === false ? ">" : ">="} ${issue.minimum}`;
  }
  if (issue.code === "too_big") {
    if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
    if (issue.origin === "array") return `must have at most ${issue.maximum} item(s)`;
    return `must be ${issue.inclusive === false ? "<" : "<="} ${issue.maximum}`;
  }
  return undefined;
};

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") return value.length <= 40 ? JSON.stringify(value) : "string";
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  return typeof value;
}

export type ContractParseResult<T> = { ok: true; value: T } | { ok: false; error: ContractValidationError };

/** Parses `value` with `schema`; on failure the error's message starts with `subject` and names each field. */
export function safeParseContract<S extends z.ZodType>(
  schema: S,
  value: unknown,
  subject: string,
): ContractParseResult<z.output<S>> {
  const result = schema.safeParse(value, { error: contractErrorMap });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: new ContractValidationError(subject, result.error) };
}

/** Parses `value` with `schema`, throwing a {@link ContractValidationError} that names each bad field. */
export function parseContract<S extends z.ZodType>(schema: S, value: unknown, subject: string): z.output<S> {
  const result = safeParseContract(schema, value, subject);
  if (!result.ok) throw result.error;
  return result.value;
}
