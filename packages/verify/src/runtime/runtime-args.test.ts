import { describe, expect, it } from "vitest";
import { VerifyError } from "../verify-error.js";
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

  it("refuses each mistake with one line that names it and says how to fix it", () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /^\[verify\] no runtime to verify: give --image IMAGE or --command "CMD"$/],
      [["--image", "a", "--command", "b"], /^\[verify\] both --image and --command given: give exactly one/],
      [["--image"], /^\[verify\] --image needs a value: /],
      [["--command", ""], /^\[verify\] --command needs a value: /],
      [["--image", "a", "--level", "may"], /^\[verify\] --level "may" is not a level: use --level must/],
      [["--image", "a", "--beat-seconds", "0"], /^\[verify\] --beat-seconds "0" is not a duration: /],
      [["--image", "a", "--boot-seconds", "ten"], /^\[verify\] --boot-seconds "ten" is not a duration/],
      [["--image", "a", "--beat-seconds", "3601"], /is not a duration: give a number of seconds above 0/],
      [
        ["--image", "a", "--env", "NOEQUALS"],
        /^\[verify\] --env "NOEQUALS" has no KEY=: write --env KEY=VALUE/,
      ],
      [["--image", "a", "--verbose"], /^\[verify\] unknown option "--verbose": .*--help/],
    ];
    for (const [argv, message] of cases) {
      let thrown: unknown;
      try {
        parseRuntimeArgs(argv);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, argv.join(" ")).toBeInstanceOf(VerifyError);
      const text = (thrown as VerifyError).message;
      expect(text, argv.join(" ")).toMatch(message);
      expect(text, argv.join(" ")).not.toContain("\n");
    }
  });
});
