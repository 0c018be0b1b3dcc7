// `pnpm mutants runtime [--image] [--concurrency N] [--only a,b]`: verify runtime against the clean
// stub (it must pass) and against the stub with each STUB_DEFECT (each must be caught).
import { randomBytes } from "node:crypto";
import { isStubDefect, type StubDefect } from "@molecule-ctk/stub-runtime";
import { buildKitStubImage, bundleKitStub } from "./kit-stub.js";
import {
  formatMutantLine,
  formatMutantSummary,
  type MutantSubject,
  runRuntimeMutants,
} from "./runtime-mutants.js";

const USAGE = `Usage: pnpm mutants runtime [--image] [--concurrency N] [--only DEFECT,...]
  --image          run the stub as an image (built under a tag of this run) instead of a host command
  --concurrency N  runs at once (default 3)
  --only LIST      only these defects (the clean stub always runs)`;

const [target, ...rest] = process.argv.slice(2);
if (target !== "runtime") {
  console.error(
    target === undefined
      ? USAGE
      : `[mutants] unknown target ${JSON.stringify(target)}: use runtime\n\n${USAGE}`,
  );
  process.exit(2);
}
let image = false;
let concurrency = 3;
let only: StubDefect[] | undefined;
for (let i = 0; i < rest.length; i++) {
  const flag = rest[i];
  if (flag === "--image") image = true;
  else if (flag === "--concurrency" && /^\d+$/.test(rest[i + 1] ?? "")) concurrency = Number(rest[++i]);
  else if (flag === "--only" && rest[i + 1]) {
    const names = rest[++i]!.split(",");
    const unknown = names.filter((name) => !isStubDefect(name));
    if (unknown.length > 0) {
      console.error(`[mutants] unknown defect(s) ${unknown.join(", ")}: see packages/stub-runtime/README.md`);
      process.exit(2);
    }
    only = names as StubDefect[];
  } else {
    console.error(`[mutants] unknown option ${JSON.stringify(flag)}\n\n${USAGE}`);
    process.exit(2);
  }
}

const abort = new AbortController();
process.once("SIGINT", () => abort.abort(new Error("interrupted")));
const started = performance.now();
const stub = image
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
  process.exitCode = results.every((result) => result.ok) ? 0 : 1;
} finally {
  await stub.remove();
}
