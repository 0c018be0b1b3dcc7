import type Dockerode from "dockerode";

/** Count and summed duration of one kind of engine call. */
export interface CallTally {
  count: number;
  ms: number;
}

const KINDS: Array<[RegExp, string]> = [
  [/^POST \/containers\/create/, "container create"],
  [/^PUT \/containers\/[^/]+\/archive/, "container archive put"],
  [/^HEAD \/containers\/[^/]+\/archive/, "container archive head"],
  [/^POST \/containers\/[^/]+\/start/, "container start"],
  [/^POST \/containers\/[^/]+\/(stop|kill)/, "container stop"],
  [/^DELETE \/containers\//, "container remove"],
  [/^GET \/containers\/[^/]+\/json/, "container inspect"],
  [/^POST \/volumes\/create/, "volume create"],
  [/^GET \/volumes\//, "volume inspect"],
  [/^DELETE \/volumes\//, "volume remove"],
  [/^GET \/images\//, "image inspect"],
  [/ \/networks/, "network"],
];

function kindOf(method: string, path: string): string {
  const call = `${method} ${path.replace(/^\/v[\d.]+/, "")}`;
  return KINDS.find(([pattern]) => pattern.test(call))?.[1] ?? `other ${method}`;
}

/**
 * Wraps the engine client's transport so every API call it makes is counted and timed by kind
 * (container create, start, remove, ...): the kit's Docker work beside the floor's.
 */
export class DockerCallRecorder {
  readonly #tallies = new Map<string, CallTally>();

  constructor(docker: Dockerode) {
    const modem = docker.modem as unknown as {
      dial(options: { method: string; path: string }, callback: (...args: unknown[]) => void): unknown;
    };
    const dial = modem.dial.bind(modem);
    modem.dial = (options, callback) => {
      const kind = kindOf(options.method, options.path);
      const started = performance.now();
      return dial(options, (...args: unknown[]) => {
        const tally = this.#tallies.get(kind) ?? { count: 0, ms: 0 };
        tally.count++;
        tally.ms += performance.now() - started;
        this.#tallies.set(kind, tally);
        callback(...args);
      });
    };
  }

  /** The tallies since the last reset, by kind. */
  snapshot(): Map<string, CallTally> {
    return new Map([...this.#tallies].map(([kind, tally]) => [kind, { ...tally }]));
  }

  reset(): void {
    this.#tallies.clear();
  }
}
