import { readFile } from "node:fs/promises";

/** Where a bearer came from: the config volume, the register response, or nowhere (bootstrap). */
export type TokenOrigin = "volume" | "captured" | "none";

/** The bearer to send on one platform call. */
export interface ChosenToken {
  token: string | undefined;
  origin: TokenOrigin;
}

/**
 * Chooses the bearer for each platform call. The volume file (`<config>/.auth_token`) is re-read on
 * every call and preferred; the `auth_token` of a register response is the fallback. Once the
 * platform answered 401 to a volume token, that same file content is not sent again while a captured
 * token exists; a change of the file (rotation) lifts the ban.
 */
export class TokenSource {
  readonly #tokenFile: string;
  readonly #reread: boolean;
  #firstRead: Promise<string | undefined> | undefined;
  #captured: string | undefined;
  #rejectedVolume: string | undefined;

  /** `rereadFile: false` keeps the first value read (the STUB_DEFECT cache-first-token, #1877). */
  constructor(tokenFile: string, options: { rereadFile?: boolean } = {}) {
    this.#tokenFile = tokenFile;
    this.#reread = options.rereadFile ?? true;
  }

  /** The token captured from a register response, if any. */
  get captured(): string | undefined {
    return this.#captured;
  }

  /** Keeps a register-response token as the fallback bearer. */
  capture(token: string): void {
    this.#captured = token;
  }

  /** Re-reads the volume file and picks the bearer for the next call. */
  async current(): Promise<ChosenToken> {
    const volume = await this.readVolume();
    if (volume !== this.#rejectedVolume) this.#rejectedVolume = undefined;
    if (volume !== undefined && volume !== this.#rejectedVolume) return { token: volume, origin: "volume" };
    if (this.#captured !== undefined) return { token: this.#captured, origin: "captured" };
    // Nothing better is known: send what the reference would send.
    return volume === undefined ? { token: undefined, origin: "none" } : { token: volume, origin: "volume" };
  }

  /** Records that the platform answered 401 to `sent`; a rejected volume token is skipped until the file changes. */
  rejected(sent: ChosenToken): void {
    // Compared with the file on the next read: a file that changed meanwhile is sent, not skipped.
    if (sent.origin === "volume") this.#rejectedVolume = sent.token;
  }

  /** The trimmed content of the token file, or undefined when it is missing, unreadable or empty. */
  async readVolume(): Promise<string | undefined> {
    if (!this.#reread) {
      this.#firstRead ??= this.#read();
      return this.#firstRead;
    }
    return this.#read();
  }

  async #read(): Promise<string | undefined> {
    try {
      const token = (await readFile(this.#tokenFile, "utf8")).trim();
      return token === "" ? undefined : token;
    } catch {
      return undefined;
    }
  }
}
