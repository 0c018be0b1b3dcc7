/** The one error @molecule-ctk/verify throws; its message reads `[verify] what happened: how to fix`. */
export class VerifyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "VerifyError";
  }
}
