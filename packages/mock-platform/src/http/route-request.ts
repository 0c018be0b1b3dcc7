import { type CapturedRequest, captureRequest } from "../control/request-capture.js";
import { type BodyRead, readBodyCapped } from "./request-body.js";

/**
 * What a route sees of a request, filled by either adapter: msw's fetch `Request` in-process
 * ({@link webRouteRequest}) or node:http's `IncomingMessage` in the HTTP server, so the route logic
 * and its resolvers are written once.
 */
export interface RouteRequest {
  readonly method: string;
  /** The URL's path, still percent-encoded, as `new URL(url).pathname` gives it. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** A header's value (several values joined by `, `), or null. */
  header(name: string): string | null;
  /** The body up to `maxBytes`, or `tooLarge` past it (nothing beyond the cap is buffered). */
  readBody(maxBytes: number): Promise<BodyRead>;
  /** Starts keeping the redacted headers and up to `bodyLimit` bytes of the body for the journal. */
  capture(bodyLimit: number): { done(): Promise<CapturedRequest> };
}

/** A fetch `Request` (what msw hands a handler) as a {@link RouteRequest}. */
export function webRouteRequest(request: Request): RouteRequest {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    header: (name) => request.headers.get(name),
    readBody: (maxBytes) => readBodyCapped(request, maxBytes),
    capture: (bodyLimit) => captureRequest(request, bodyLimit),
  };
}
