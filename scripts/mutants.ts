// `pnpm mutants <kind> [options]`: runs the mutant suite of one side of the contract. Each kind is
// the module scripts/mutants-<kind>.ts, exporting `run(argv): Promise<number>` (the exit code):
// `platform` (verify platform against the mock platform's mutants) and `runtime` (verify runtime
// against the stub runtime's).

const KINDS = ["platform", "runtime"] as const;
const usage = `Usage: pnpm mutants <${KINDS.join(" | ")}> [options]   (pnpm mutants <kind> --help for its options)`;
const [kind, ...rest] = process.argv.slice(2);
if (kind === "--help" || kind === "-h") {
  console.log(usage);
  process.exit(0);
}
if (kind === undefined || !(KINDS as ReadonlyArray<string>).includes(kind)) {
  console.error(
    `${kind === undefined ? "[mutants] no kind given" : `[mutants] unknown kind ${JSON.stringify(kind)}`}: name one\n${usage}`,
  );
  process.exit(2);
}
const module = new URL(`./mutants-${kind}.ts`, import.meta.url);
const { run } = (await import(module.href)) as { run: (argv: string[]) => Promise<number> };
process.exitCode = await run(rest);
