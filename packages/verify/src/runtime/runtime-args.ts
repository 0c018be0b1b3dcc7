import type { CheckLevel } from "../report/check-result.js";
import { VerifyError } from "../verify-error.js";
import type { RuntimeRunOptions } from "./verify-runtime.js";

export const RUNTIME_USAGE = `Usage: molecule-ctk verify runtime (--image IMAGE | --command "CMD") [options]
Checks a runtime against the Molecule platform contract: an embedded mock platform provisions it
(--image: containers on a Docker network of the run's own; --command: host processes) and drives it
through boot, heartbeats, A2A, token rotations, a re-provision, a platform restart and SIGTERM.
Options:
  --image IMAGE        a local Docker image of the runtime (provisioned as the platform does, contract 8)
  --command "CMD"      a shell command that starts the runtime on the host; it gets the contract's
                       variables, WORKSPACE_CONFIG_PATH at a config volume the kit manages, and PORT
                       (also STUB_PORT) set to the free port it must listen on
  --beat-seconds N     the longest gap between heartbeats the runtime promises (default 10)
  --boot-seconds N     how long it may take from start to an accepted register (default 30)
  --level must|should  the level the verdict holds it to (default must)
  --env KEY=VALUE      a variable for the runtime, injected as a workspace secret (repeatable)
  --report DIR         also write DIR/report.json, DIR/junit.xml and DIR/report.md
  --help               this text
Exit code: 0 when every check at or above the level passed, 1 when one failed or could not run,
2 when the run could not be made (a usage error, an image not on the engine, a --report DIR not writable).`;

/** A parsed command line: the run's options, and where to write the reports. */
export interface RuntimeArgs {
  run: RuntimeRunOptions;
  reportDir?: string;
  help?: true;
}

/** Parses `verify runtime ...argv`; throws a {@link VerifyError} that says what to change. */
export function parseRuntimeArgs(argv: ReadonlyArray<string>): RuntimeArgs {
  let image: string | undefined;
  let command: string | undefined;
  let reportDir: string | undefined;
  let level: CheckLevel = "MUST";
  let beatSeconds = 10;
  let bootSeconds = 30;
  const env: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === "--help" || flag === "-h") return { run: { subject: { command: "" } }, help: true };
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next === "")
        throw usage(`${flag} needs a value`, "put it right after the flag");
      return next;
    };
    switch (flag) {
      case "--image":
        image = value();
        break;
      case "--command":
        command = value();
        break;
      case "--report":
        reportDir = value();
        break;
      case "--beat-seconds":
        beatSeconds = seconds(flag, value());
        break;
      case "--boot-seconds":
        bootSeconds = seconds(flag, value());
        break;
      case "--level": {
        const given = value().toUpperCase();
        if (given !== "MUST" && given !== "SHOULD")
          throw usage(
            `--level ${JSON.stringify(argv[i])} is not a level`,
            "use --level must or --level should",
          );
        level = given;
        break;
      }
      case "--env": {
        const pair = value();
        const at = pair.indexOf("=");
        if (at <= 0) throw usage(`--env ${JSON.stringify(pair)} has no KEY=`, "write --env KEY=VALUE");
        env[pair.slice(0, at)] = pair.slice(at + 1);
        break;
      }
      default:
        throw usage(
          `unknown option ${JSON.stringify(flag)}`,
          "molecule-ctk verify runtime --help lists the options",
        );
    }
  }
  if (image === undefined && command === undefined)
    throw usage("no runtime to verify", 'give --image IMAGE or --command "CMD"');
  if (image !== undefined && command !== undefined)
    throw usage("both --image and --command given", "give exactly one of them");
  return {
    run: {
      subject: image !== undefined ? { image } : { command: command! },
      beatSeconds,
      bootSeconds,
      level,
      env,
    },
    ...(reportDir === undefined ? {} : { reportDir }),
  };
}

function seconds(flag: string, raw: string): number {
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0) || value > 3600) {
    throw usage(
      `${flag} ${JSON.stringify(raw)} is not a duration`,
      "give a number of seconds above 0, at most 3600",
    );
  }
  return value;
}

/** One line, `[verify] what happened: how to fix`. */
function usage(problem: string, fix: string): VerifyError {
  return new VerifyError(`[verify] ${problem}: ${fix}`);
}
