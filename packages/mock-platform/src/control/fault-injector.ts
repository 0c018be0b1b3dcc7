import { randomUUID } from "node:crypto";
import { MockPlatformOptionError } from "../mock-platform-error.js";

/** A fault to inject on a route: delay it, force a status and body, or drop the connection. */
export interface FaultSpec {
  /** HTTP method; any when omitted. */
  method?: string;
  /** The route pattern (`/workspaces/:id/a2a`) or a concrete path (`/registry/heartbeat`). */
  path: string;
  /** Wait this long first (then answer normally unless status or drop is set). */
  delayMs?: number;
  status?: number;
  /** JSON body of the forced answer. Default `{"error":"injected fault"}`. */
  body?: unknown;
  /** Destroy the connection instead of answering. */
  drop?: boolean;
  /** Apply this many times, then expire. Default: until cleared. */
  times?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  hits: number;
}

/** Most faults active at once; {@link FaultInjector.add} refuses more. */
export const MAX_FAULTS = 100;

/** Faults per route, plus a downtime window during which every request gets a dropped connection. */
export class FaultInjector {
  #faults: Fault[] = [];
  #downtimeUntil = 0;

  add(spec: FaultSpec): Fault {
    if (!spec.path.startsWith("/")) {
      throw new MockPlatformOptionError(
        `[mock-platform] fault path ${JSON.stringify(spec.path)} must start with /`,
      );
    }
    if (spec.times !== undefined && !(spec.times > 0)) {
      throw new MockPlatformOptionError(`[mock-platform] fault times must be positive, got ${spec.times}`);
    }
    if (this.#faults.length >= MAX_FAULTS) {
      throw new MockPlatformOptionError(
        `[mock-platform] ${MAX_FAULTS} faults are active: remove some (control.removeFault, DELETE /__mock/faults) before adding more`,
      );
    }
    const fault: Fault = { ...spec, id: randomUUID(), hits: 0 };
    this.#faults.push(fault);
    return fault;
  }

  /** The first fault matching the request, counted as fired (and expired when its times run out). */
  take(method: string, route: string, path: string): Fault | undefined {
    const fault = this.#faults.find(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.path === route || f.path === path),
    );
    if (!fault) return undefined;
    fault.hits++;
    if (fault.times !== undefined && fault.hits >= fault.times) this.remove(fault.id);
    return fault;
  }

  remove(id: string): void {
    this.#faults = this.#faults.filter((f) => f.id !== id);
  }

  list(): Fault[] {
    return [...this.#faults];
  }

  startDowntime(ms: number): void {
    this.#downtimeUntil = Date.now() + ms;
  }

  inDowntime(): boolean {
    return Date.now() < this.#downtimeUntil;
  }

  clear(): void {
    this.#faults = [];
    this.#downtimeUntil = 0;
  }
}
