import type { Provisioner } from "@molecule-ctk/mock-platform";

/** How a runtime under test is run: as an image (containers) or as a command (host processes). */
export interface RuntimeSubject {
  readonly kind: "image" | "command";
  /** The image or the command, as the user named it. */
  readonly name: string;
  /** What the embedded mock platform provisions workspaces with. */
  readonly provisioner: Provisioner;
  /** The addresses the platform listens on, all with {@link platformPort}. */
  readonly listenHosts: ReadonlyArray<string>;
  readonly platformPort: number;
  /** PLATFORM_URL as runtimes reach it. */
  readonly platformUrl: string;
  /**
   * SIGTERM to the workspace's runtime (as `docker stop` sends it); resolves whether it ended within
   * `boundMs` and how long it took. Whatever still runs after the bound is killed.
   */
  terminate(workspaceId: string, boundMs: number): Promise<{ ended: boolean; ms: number }>;
  /** The last lines the workspace's runtime printed, for a failing check's detail. */
  output(workspaceId: string): Promise<string[]>;
  /** A `--command` runtime's shell exit code once it has exited on its own (null otherwise, and for images). */
  exitCode(workspaceId: string): Promise<number | null>;
  /** Removes everything the subject made; call it after the provisioner is closed. */
  close(): Promise<void>;
}

/** Labels on every Docker resource a run makes (containers, volumes, its network). */
export const VERIFY_RUN_LABEL = "molecule-ctk.verify.run";
export const VERIFY_OWNER_LABEL = "molecule-ctk.verify.owner";
