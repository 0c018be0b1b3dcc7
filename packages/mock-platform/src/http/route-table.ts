import type { HttpReply } from "./http-reply.js";
import type { RouteRun } from "./route.js";

/** What the mock platform knows about one route before any handler runs: its method and bounds. */
export interface RouteSpec {
  method: string;
  /** An msw path pattern, e.g. `/workspaces/:id/a2a`. */
  pattern: string;
  /** The largest request body the route reads. */
  maxBodyBytes: number;
  /** The route's own 413, when it has one (the A2A proxy's). */
  tooLarge?: (maxBytes: number) => HttpReply;
  /** The route itself, for the HTTP server (absent for a spec only the guard reads). */
  run?: RouteRun;
}

/** The route that answers a request, and its params (percent-decoded, as msw passes them). */
export interface RouteLookup {
  spec: RouteSpec;
  params: Record<string, string>;
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
 * method no route takes and refuse an oversize body before a handler buffers it, and the HTTP server
 * can find the route that answers without going through msw.
 */
export class RouteTable {
  readonly #routes: CompiledRoute[] = [];
  /** Every spec in the order it was added, as msw holds its handlers. */
  readonly #ordered: Array<{ spec: RouteSpec; regex: RegExp }> = [];

  add(spec: RouteSpec): void {
    const existing = this.#routes.find((route) => route.pattern === spec.pattern);
    if (existing) existing.specs.push(spec);
    else this.#routes.push({ pattern: spec.pattern, regex: compile(spec.pattern), specs: [spec] });
    const regex = existing?.regex ?? this.#routes.at(-1)!.regex;
    this.#ordered.push({ spec, regex });
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

  /**
   * The route msw would run for `method` and `path`: the first registered whose pattern matches and
   * takes the method (msw tries its handlers in order). Params are percent-decoded; a param that
   * does not decode (the guard refuses those first) is no match.
   */
  lookup(method: string, path: string): RouteLookup | undefined {
    for (const { spec, regex } of this.#ordered) {
      if (spec.method !== method) continue;
      const hit = regex.exec(path);
      if (!hit) continue;
      const params: Record<string, string> = {};
      try {
        for (const [name, value] of Object.entries(hit.groups ?? {}))
          params[name] = decodeURIComponent(value);
      } catch {
        continue;
      }
      return { spec, params };
    }
    return undefined;
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
