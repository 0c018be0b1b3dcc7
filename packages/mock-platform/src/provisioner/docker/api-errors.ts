/** The HTTP status of a failed Docker engine call (dockerode sets `statusCode`), if any. */
export function dockerStatusCode(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" ? status : undefined;
}

/** The engine's own error message (`json.message`), else the error's message. */
export function dockerErrorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const json = (error as { json?: unknown }).json;
    if (typeof json === "object" && json !== null) {
      const message = (json as { message?: unknown }).message;
      if (typeof message === "string") return message;
    }
    if (error instanceof Error) return error.message;
  }
  return String(error);
}

/** Whether a failed call was a 404 (no such container, volume, network, image or path). */
export function isDockerNotFound(error: unknown): boolean {
  return dockerStatusCode(error) === 404;
}

export function isDockerConflict(error: unknown): boolean {
  return dockerStatusCode(error) === 409;
}
