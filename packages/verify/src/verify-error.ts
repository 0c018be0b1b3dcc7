/** Base class of every error @molecule-ctk/verify throws. */
export class VerifyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line asks for something impossible (exit code 2); the message says how to fix it. */
export class VerifyUsageError extends VerifyError {}
