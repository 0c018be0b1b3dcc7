import type { z } from "zod";
import { formatZodError } from "./format-zod-error.js";

/** Base class of every error the contract package throws. */
export class ContractError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A value that does not satisfy a contract schema; `message` names every bad field. */
export class ContractValidationError extends ContractError {
  readonly issues: ReadonlyArray<z.core.$ZodIssue>;

  constructor(subject: string, error: z.ZodError, options?: ErrorOptions) {
    super(formatZodError(error, subject), { cause: error, ...options });
    this.issues = error.issues;
  }
}
