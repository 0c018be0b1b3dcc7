import { STATUS_CODES } from "node:http";

/**
 * A whole HTTP/1.1 response with a JSON body and `Connection: close`, for the few answers written
 * straight to a socket (bytes node:http could not parse, CONNECT), where no ServerResponse exists.
 */
export function rawJsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): string {
  const text = JSON.stringify(body);
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}`,
    "content-type: application/json",
    `content-length: ${Buffer.byteLength(text)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    "connection: close",
    "",
    text,
  ].join("\r\n");
}
