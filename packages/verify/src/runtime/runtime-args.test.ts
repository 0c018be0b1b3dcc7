import { describe, expect, it } from "vitest";
import { VerifyUsageError } from "../verify-error.js";
import { parseRuntimeArgs } from "./runtime-args.js";

describe("parseRuntimeArgs", () => {
  it("reads an image run with every option", () => {
    const args = parseRuntimeArgs([
      "--image",
      "acme/runtime:1",
      "--beat-seconds",
      "2.5",
      "--boot-seconds",
      "60",
      "--level",
      "should",
      "--report",
      "out",
      "--env",
      "MODEL=x=y",
      "--env",
      "EMPTY=",
    ]);
    expect(args).toEqual({
      run: {
        subject: { image: "acme/runtime:1" },
        beatSeconds: 2.5,
        bootSeconds: 60,
        level: "SHOULD",
        env: { MODEL: "x=y", EMPTY: "" },
      },
      reportDir: "out",
    });
  });

  it("defaults a command run to a 10 s beat, a 30 s boot and level MUST", () => {
    expect(parseRuntimeArgs(["--command", "python3 x.py"]).run).toEqual({
      subject: { command: "python3 x.py" },
      beatSeconds: 10,
      bootSeconds: 30,
      level: "MUST",
      env: {},
    });
  });

  it("refuses each mistake with a message that names it, followed by the usage", () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /exactly one of --image IMAGE and --command/],
      [["--image", "a", "--command", "b"], /exactly one of/],
      [["--image"], /--image needs a value/],
      [["--image", "a", "--level", "may"], /--level must be must or should, got "may"/],
      [["--image", "a", "--beat-seconds", "0"], /--beat-seconds must be a number of seconds/],
      [["--image", "a", "--beat-seconds", "ten"], /got "ten"/],
      [["--image", "a", "--env", "NOEQUALS"], /--env takes KEY=VALUE/],
      [["--image", "a", "--verbose"], /unknown option "--verbose"/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseRuntimeArgs(argv), argv.join(" ")).toThrow(VerifyUsageError);
      expect(() => parseRuntimeArgs(argv), argv.join(" ")).toThrow(message);
      expect(() => parseRuntimeArgs(argv)).toThrow(/Usage: molecule-ctk verify runtime/);
    }
  });
});
