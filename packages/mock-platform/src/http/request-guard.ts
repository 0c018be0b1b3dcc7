import { RequestHandler } from "msw";
import { errorReply, type HttpReply } from "./http-reply.js";
import { bodyTooLargeReply } from "./route.js";
import type { RouteTable } from "./route-table.js";
import { toWireReply, wireResponse } from "./wire-reply.js";

/** What the guard looks at: the method, the path as sent (still percent-encoded), the declared length. */
export interface GuardInput {
  method: string;
  path: string;
  contentLength: string | null;
}

/** The first percent escape of a path that does not decode, as Go's url package names it, or undefined. */
export function badEscape(path: string): string | undefined {
  const bad = /%(?![0-9a-fA-F]{2})[^%]{0,2}/.exec(path);
  if (bad) return bad[0];
  for (const segment of path.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return segment; // well-formed escapes that are not UTF-8
    }
  }
  return undefined;
}

/**
 * Request hygiene in front of every route, for msw in-process and the HTTP adapter alike: a path
 * whose escapes do not decode is 400; a known path with a method no route takes is 405 with
 * `Allow`; a declared body over the route's cap is 413 before anything is read. Anything else
 * (an unknown path included) goes on to the routes. Every answer is the `{"error": ...}` envelope.
 */
export function guardRequest(routes: RouteTable, input: GuardInput): HttpReply | undefined {
  const bad = badEscape(input.path);
  if (bad !== undefined)
    return errorReply(400, `malformed request target: invalid URL escape ${JSON.stringify(bad)}`);
  const match = routes.match(input.path);
  if (!match) return undefined;
  const spec = match.specs.find((candidate) => candidate.method === input.method);
  if (!spec) {
    return errorReply(405, "method not allowed", {}, { allow: routes.methods(match).join(", ") });
  }
  const declared = Number(input.contentLength ?? Number.NaN);
  if (declared > spec.maxBodyBytes)
    return spec.tooLarge?.(spec.maxBodyBytes) ?? bodyTooLargeReply(spec.maxBodyBytes);
  return undefined;
}

type GuardResult = { reply: HttpReply | undefined };

/**
 * {@link guardRequest} as the first msw handler: it answers only when the guard refuses, and it
 * looks at the raw URL before msw's own matching, which throws on a malformed escape.
 */
export class RequestGuardHandler extends RequestHandler<{ header: string }, GuardResult> {
  constructor(
    private readonly routes: RouteTable,
    private readonly baseUrl: string,
  ) {
    super({
      info: { header: "mock-platform request guard" },
      resolver: ({ reply, request }: { reply?: HttpReply; request: Request }) =>
        reply ? wireResponse(toWireReply(reply, new URL(request.url).pathname)) : undefined,
    });
  }

  override async parse({ request }: { request: Request }): Promise<GuardResult> {
    const url = request.url;
    if (!url.startsWith(`${this.baseUrl}/`)) return { reply: undefined };
    const path = url.slice(this.baseUrl.length).replace(/[?#].*$/s, "");
    const input = { method: request.method, path, contentLength: request.headers.get("content-length") };
    return { reply: guardRequest(this.routes, input) };
  }

  predicate({ parsedResult }: { parsedResult: GuardResult }): boolean {
    return parsedResult.reply !== undefined;
  }

  protected override extendResolverArgs({ parsedResult }: { parsedResult: GuardResult }) {
    return { reply: parsedResult.reply };
  }

  log(): void {}
}
