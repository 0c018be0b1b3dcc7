/** The one error the verify package throws: `[verify] what happened: how to fix`; the CLI exits 2 on it. */
export class VerifyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "VerifyError";
  }
}
