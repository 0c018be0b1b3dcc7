// `pnpm mutants runtime [--image] [--concurrency N] [--only DEFECT,...]`: verify runtime against the
// kit's stub clean (it must pass every check) and with each STUB_DEFECT (the check that names the
// defect must fail), one line per run and a last line `runtime mutants: N/N caught`.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { buildKitStubImage, bundleKitStub } from "../packages/verify/scripts/kit-stub.js";
import {
  formatMutantLine,
  formatMutantSummary,
  isStubDefect,
  type MutantSubject,
  runRuntimeMutants,
  type StubDefect,
} from "../packages/verify/scripts/runtime-mutants.js";

const USAGE = `Usage: pnpm mutants runtime [--image] [--concurrency N] [--only DEFECT,...]
  --image          run the stub as an image (built under a tag of this run, removed after) instead
                   of a host process; needs a Docker engine (run it under the Docker lock)
  --concurrency N  runs at once (default 3)
  --only LIST      only these defects, comma-separated (the clean stub always runs)`;

/** Runs the runtime mutants; resolves the exit code (0 all caught and the clean stub passed, 1 not, 2 usage). */
export async function run(argv: string[]): Promise<number> {
  let values: { image?: boolean; concurrency?: string; only?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        image: { type: "boolean" },
        concurrency: { type: "string" },
        only: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`[mutants] ${(error as Error).message.split("\n")[0]}: see pnpm mutants runtime --help`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const concurrency = values.concurrency === undefined ? 3 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    console.error(
      `[mutants] --concurrency ${JSON.stringify(values.concurrency)} is not a count: give 1 to 32`,
    );
    return 2;
  }
  let only: StubDefect[] | undefined;
  if (values.only !== undefined) {
    const names = values.only.split(",").filter((name) => name !== "");
    const unknown = names.filter((name) => !isStubDefect(name));
    if (names.length === 0 || unknown.length > 0) {
      console.error(
        `[mutants] unknown defect(s) ${unknown.join(", ") || "(none given)"}: packages/stub-runtime/README.md lists the STUB_DEFECT names`,
      );
      return 2;
    }
    only = names as StubDefect[];
  }

  const abort = new AbortController();
  const onSigint = () => abort.abort(new Error("interrupted"));
  process.once("SIGINT", onSigint);
  const started = performance.now();
  const stub = values.image
    ? await buildKitStubImage(`molecule-ctk/stub-runtime:mutants-${randomBytes(4).toString("hex")}`)
    : await bundleKitStub();
  const subject: MutantSubject = "tag" in stub ? { image: stub.tag } : { command: stub.command };
  try {
    const results = await runRuntimeMutants({
      subject,
      concurrency,
      signal: abort.signal,
      ...(only ? { defects: only } : {}),
      onResult: (result) => console.log(formatMutantLine(result)),
    });
    console.log(
      `(${results.length} runs in ${((performance.now() - started) / 1000).toFixed(0)} s, ${concurrency} at a time)`,
    );
    console.log(formatMutantSummary(results));
    return results.every((result) => result.ok) ? 0 : 1;
  } catch (error) {
    if (abort.signal.aborted) return 130;
    throw error;
  } finally {
    process.off("SIGINT", onSigint);
    await stub.remove();
  }
}
