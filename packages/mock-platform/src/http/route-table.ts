import type { HttpReply } from "./http-reply.js";

/** What the mock platform knows about one route before any handler runs: its method and bounds. */
export interface RouteSpec {
  method: string;
  /** An msw path pattern, e.g. `/workspaces/:id/a2a`. */
  pattern: string;
  /** The largest request body the route reads. */
  maxBodyBytes: number;
  /** The route's own 413, when it has one (the A2A proxy's). */
  tooLarge?: (maxBytes: number) => HttpReply;
}

interface CompiledRoute {
  pattern: string;
  regex: RegExp;
  specs: RouteSpec[];
}

/** The routes of one path pattern that match a request path, and the raw (undecoded) params. */
export interface RouteMatch {
  pattern: string;
  specs: ReadonlyArray<RouteSpec>;
  params: Record<string, string>;
}

/**
 * Every route of the mock platform by pattern, matched as msw matches them (case-insensitive, an
 * optional trailing slash, `:name` for one segment), so the request guard can answer 405 for a
 * method no route takes and refuse an oversize body before a handler buffers it.
 */
export class RouteTable {
  readonly #routes: CompiledRoute[] = [];

  add(spec: RouteSpec): void {
    const existing = this.#routes.find((route) => route.pattern === spec.pattern);
    if (existing) {
      existing.specs.push(spec);
      return;
    }
    this.#routes.push({ pattern: spec.pattern, regex: compile(spec.pattern), specs: [spec] });
  }

  match(path: string): RouteMatch | undefined {
    // Literal patterns first, as a literal segment (`/workspaces/:id/a2a/queue`) beats a parameter.
    let best: RouteMatch | undefined;
    for (const route of this.#routes) {
      const hit = route.regex.exec(path);
      if (!hit) continue;
      const params = { ...(hit.groups ?? {}) };
      if (!best || Object.keys(params).length < Object.keys(best.params).length) {
        best = { pattern: route.pattern, specs: route.specs, params };
      }
    }
    return best;
  }

  /** The methods a pattern takes, for an `Allow` header. */
  methods(match: RouteMatch): string[] {
    return [...new Set(match.specs.map((spec) => spec.method))].sort();
  }

  all(): RouteSpec[] {
    return this.#routes.flatMap((route) => route.specs);
  }
}

function compile(pattern: string): RegExp {
  const source = pattern
    .split("/")
    .map((segment) =>
      segment.startsWith(":")
        ? `(?<${segment.slice(1)}>[^/]+)`
        : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${source}/?$`, "i");
}
