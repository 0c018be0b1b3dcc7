import { AuthToken, buildRegisterRequest, safeParseContract } from "@molecule-ctk/contract";
import { abortableDelay } from "../abortable-delay.js";
import type { Report } from "../stub-logger.js";
import type { PlatformMemory } from "./platform-memory.js";
import type { RegistryClient } from "./registry-client.js";
import type { TokenSource } from "./token-source.js";

/** What a register loop needs. */
export interface RegisterLoopOptions {
  client: RegistryClient;
  tokens: TokenSource;
  /** Learns the platform's record of the workspace from each accepted register. */
  memory: PlatformMemory;
  workspaceId: string;
  /** The `url` sent to register (contract 10.2). */
  registerUrl: string;
  attempts: number;
  delayMs: number;
  /** Stops the loop (shutdown). */
  signal: AbortSignal;
  report: Report;
  /** Keep a register response's auth_token as the fallback bearer (default true; a STUB_DEFECT drops it). */
  keepIssuedToken?: boolean;
}

/**
 * Registers in the background: up to `attempts` tries, `delayMs` apart, until the platform answers
 * 200 (contract 10.4). Only one loop runs at a time; starting while one runs joins it.
 */
export class RegisterLoop {
  readonly #options: RegisterLoopOptions;
  #running: Promise<boolean> | undefined;
  #successes = 0;

  constructor(options: RegisterLoopOptions) {
    this.#options = options;
  }

  /** How many registers the platform has answered 200 so far. */
  get successes(): number {
    return this.#successes;
  }

  /** Whether a loop is running now. */
  get running(): boolean {
    return this.#running !== undefined;
  }

  /** Resolves when no loop is running. */
  async whenIdle(): Promise<void> {
    await this.#running;
  }

  /** Starts a loop unless one runs (then joins it); resolves true once a register got 200, false when it gave up or stopped. */
  start(): Promise<boolean> {
    if (this.#running === undefined) {
      this.#running = this.#run().finally(() => {
        this.#running = undefined;
      });
    }
    return this.#running;
  }

  async #run(): Promise<boolean> {
    const { attempts, delayMs, signal, report } = this.#options;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (await this.#attempt(attempt).catch((error: unknown) => this.#fault(attempt, error))) {
        this.#successes++;
        return true;
      }
      if (signal.aborted) return false;
      if (attempt < attempts && !(await abortableDelay(delayMs, signal))) return false;
    }
    report(
      `register gave up after ${attempts} attempts; a heartbeat 401 or the platform's return starts a new loop`,
    );
    return false;
  }

  async #attempt(attempt: number): Promise<boolean> {
    const { client, tokens, workspaceId, registerUrl, attempts, report } = this.#options;
    const chosen = await tokens.current();
    const body = buildRegisterRequest({ workspaceId }, { url: registerUrl });
    const result = await client.register(body, chosen.token);
    const tag = `register attempt ${attempt}/${attempts} (bearer: ${chosen.origin})`;
    switch (result.kind) {
      case "aborted":
        return false;
      case "ok":
        report(`${tag} -> 200 registered, delivery_mode=${result.body.delivery_mode}`);
        this.#options.memory.registered(result.body);
        this.#captureFromRaw(result.body); // the contract pins no token format; a platform token has one
        return true;
      case "violation":
        report(`${tag} -> 200, contract violation: ${result.problem}`);
        this.#captureFromRaw(result.raw);
        return true;
      case "http":
        if (result.status === 401) tokens.rejected(chosen);
        report(`${tag} -> HTTP ${result.status} ${result.text.slice(0, 200)}`);
        return false;
      case "network":
        report(`${tag}: ${result.problem}`);
        return false;
    }
  }

  #fault(attempt: number, error: unknown): false {
    this.#options.report(`register attempt ${attempt}: internal error ${(error as Error).message}`);
    return false;
  }

  #captureFromRaw(raw: unknown): void {
    if (typeof raw !== "object" || raw === null || !("auth_token" in raw)) return;
    const token = safeParseContract(AuthToken, raw.auth_token, "register response auth_token");
    if (token.ok) this.#capture(token.value);
    else this.#options.report(`not capturing the register response token: ${token.error.message}`);
  }

  #capture(token: string): void {
    if (this.#options.keepIssuedToken === false) {
      this.#options.report("not keeping the register response token (STUB_DEFECT ignore-issued-token)");
      return;
    }
    this.#options.tokens.capture(token);
    this.#options.report("captured auth_token from register response");
  }
}
