// The kit as a user gets it: every package packed (`pnpm pack`, which builds first), the tarballs
// installed with npm into fresh projects outside the repository, and used there. The READMEs'
// examples run as written from what npm installed.
import { randomBytes } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { typescriptBlocks } from "../../../scripts/readme-snippets.js";
import { run, startDetached } from "./consumer-test-utils.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURE = fileURLToPath(new URL("../fixture/", import.meta.url));
const dockerAvailable = inject("dockerAvailable");
const id = randomBytes(4).toString("hex");
const scratch = mkdtempSync(join(tmpdir(), "molecule-ctk-consumer-"));
const tarballs = join(scratch, "tarballs");
const project = join(scratch, "project"); // every package, as `npm i -D molecule-ctk @molecule-ctk/...` gives it
const light = join(scratch, "light"); // only the in-process mock platform
const verifyImage = `molecule-ctk/stub-runtime:consumer-${id}`;

// The versions the workspace tests with, so the consumer runs what CI runs.
const version = (name: string) =>
  (JSON.parse(readFileSync(join(REPO, "node_modules", name, "package.json"), "utf8")) as { version: string })
    .version;

const tarball = (name: string) => {
  const file = readdirSync(tarballs).find((entry) =>
    entry.startsWith(`${name.replace("@", "").replace("/", "-")}-`),
  );
  if (!file) throw new Error(`[consumer] no tarball of ${name} in ${tarballs}`);
  return join(tarballs, file);
};

async function npmInstall(dir: string, packages: string[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "consumer", private: true, type: "module" })}\n`,
  );
  const installed = await run("npm", ["install", "--no-audit", "--no-fund", "--save-dev", ...packages], {
    cwd: dir,
    timeoutMs: 600_000,
  });
  if (installed.code !== 0)
    throw new Error(`[consumer] npm install failed in ${dir}:\n${installed.stderr.slice(-3000)}`);
}

/** A README's ```ts block as a test file: the block verbatim, then the assertions on what it made. */
function readmeTest(readme: string, block: number, assertions: string): string {
  const code = typescriptBlocks(join(REPO, readme))[block];
  if (!code) throw new Error(`[consumer] ${readme} has no block ${block}`);
  return `${code}\n\nimport { expect, test } from "vitest";\n${assertions}\n`;
}

// `--no`: never fetch from the registry; `--`: the flags after the command are the command's own
// (npx takes `--no cmd --help` for its own --help).
// A 240 s ceiling: a type check of every package took 12 s idle and over 120 s with the machine
// oversubscribed (load 20 on two cores).
const npx = (args: string[], cwd = project, timeoutMs = 240_000) =>
  run("npx", ["--no", "--", ...args], { cwd, timeoutMs });

beforeAll(async () => {
  mkdirSync(tarballs);
  const packed = await run(
    "pnpm",
    [
      "-r",
      "--filter",
      "./packages/*",
      "--filter",
      "!@molecule-ctk/consumer-test",
      "pack",
      "--pack-destination",
      tarballs,
    ],
    { cwd: REPO, timeoutMs: 900_000 },
  );
  if (packed.code !== 0)
    throw new Error(
      `[consumer] pnpm pack failed:\n${packed.stdout.slice(-3000)}${packed.stderr.slice(-3000)}`,
    );
  const tools = [
    `vitest@${version("vitest")}`,
    `typescript@${version("typescript")}`,
    `@types/node@${version("@types/node")}`,
  ];
  const all = readdirSync(tarballs).map((file) => join(tarballs, file));
  await npmInstall(project, [...all, ...tools]);
  await npmInstall(light, [
    tarball("@molecule-ctk/contract"),
    tarball("@molecule-ctk/mock-platform"),
    ...tools,
  ]);
});

afterAll(async () => {
  if (dockerAvailable)
    await new Dockerode()
      .getImage(verifyImage)
      .remove()
      .catch(() => {}); // built only by the image test
  rmSync(scratch, { recursive: true, force: true });
});

describe.sequential("the packed packages, installed with npm in a project outside the repository", () => {
  it("packs every package with its build: dist/ with .d.ts, no source condition, a LICENSE", async () => {
    for (const file of readdirSync(tarballs)) {
      const listed = await run("tar", ["-tzf", join(tarballs, file)], { cwd: scratch });
      const entries = listed.stdout.split("\n");
      expect(entries, file).toContain("package/LICENSE");
      const manifest = JSON.parse(
        (await run("tar", ["-xzOf", join(tarballs, file), "package/package.json"], { cwd: scratch })).stdout,
      ) as { exports?: unknown; dependencies?: Record<string, string> };
      expect(JSON.stringify(manifest.exports ?? {}), file).not.toContain('"source"');
      expect(JSON.stringify(manifest.dependencies ?? {}), file).not.toContain("workspace:");
      if (!file.startsWith("molecule-ctk-0")) {
        expect(
          entries.some((entry) => entry.endsWith("dist/index.js")),
          file,
        ).toBe(true);
        expect(
          entries.some((entry) => entry.endsWith("dist/index.d.ts")),
          file,
        ).toBe(true);
      }
    }
  });

  it("runs `npx molecule-ctk --help` (exit 0, every command) and `--version`", async () => {
    // Exactly as a user types it: the local bin, so npx fetches nothing.
    const help = await run("npx", ["molecule-ctk", "--help"], { cwd: project });
    expect(help.code, help.stderr).toBe(0);
    for (const command of ["serve", "verify runtime", "lifecycle", "image build", "clean"])
      expect(help.stdout).toContain(command);
    const cli = JSON.parse(readFileSync(join(REPO, "packages", "cli", "package.json"), "utf8")) as {
      version: string;
    };
    expect((await npx(["molecule-ctk", "--version"])).stdout.trim()).toBe(cli.version);
    const mockPlatform = await npx(["@molecule-ctk/mock-platform", "serve", "--help"]);
    expect(mockPlatform.stdout).toContain("Usage: mock-platform serve [options]");
  });

  it("serves with `npx molecule-ctk serve --port 0`: /health answers, SIGTERM stops it", async () => {
    // Its own network and a run label, so it never meets another run's workspace network.
    const serve = startDetached(
      "npx",
      [
        "--no",
        "--",
        "molecule-ctk",
        "serve",
        "--port",
        "0",
        "--network",
        `consumer-${id}`,
        "--label",
        `molecule-ctk.e2e.run=consumer-${id}`,
      ],
      project,
    );
    try {
      const [, url] = await serve.waitFor(/mock-platform listening on (\S+)\n/);
      const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
      expect(health.status).toBe(200);
    } finally {
      // Ended by its SIGTERM within the grace period, not killed (exit 0 on SIGTERM: cli.test.ts).
      expect([0, "SIGTERM"]).toContain(await serve.stop());
    }
  });

  it("type-checks a consumer of every package entry with skipLibCheck false", async () => {
    for (const file of ["tsconfig.json", "uses-every-package.ts"])
      copyFileSync(join(FIXTURE, file), join(project, file));
    const checked = await npx(["tsc", "-p", "tsconfig.json"]);
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.code).toBe(0);
  });

  it("type-checks the in-process mock platform with skipLibCheck false where no Docker types are installed", async () => {
    copyFileSync(join(FIXTURE, "tsconfig.light.json"), join(light, "tsconfig.json"));
    copyFileSync(join(FIXTURE, "uses-mock-platform.ts"), join(light, "uses-mock-platform.ts"));
    const checked = await npx(["tsc", "-p", "tsconfig.json"], light);
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.code).toBe(0);
  });

  it("serves with the mock platform's own bin where dockerode is not installed, saying so", async () => {
    const serve = startDetached("npx", ["--no", "--", "mock-platform", "serve", "--port", "0"], light);
    try {
      const [, url] = await serve.waitFor(/mock-platform listening on (\S+)\n/);
      expect((await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
      expect(serve.output().stderr).toContain(
        "[mock-platform] dockerode is not installed: serving without a provisioner",
      );
    } finally {
      // Ended by its SIGTERM within the grace period, not killed (exit 0 on SIGTERM: cli.test.ts).
      expect([0, "SIGTERM"]).toContain(await serve.stop());
    }
  });

  it("installs the in-process mock platform without the Docker stack, and its import loads no dockerode", async () => {
    for (const heavy of ["dockerode", "docker-modem", "ssh2", "cpu-features", "testcontainers"]) {
      expect(existsSync(join(light, "node_modules", heavy)), heavy).toBe(false);
    }
    for (const dir of [light, project]) {
      copyFileSync(join(FIXTURE, "no-docker-stack.mjs"), join(dir, "no-docker-stack.mjs"));
      const probe = await run(process.execPath, ["no-docker-stack.mjs"], { cwd: dir });
      expect(probe.code, probe.stderr).toBe(0);
      expect(JSON.parse(probe.stdout)).toMatchObject({ exports: expect.any(Number), dockerModules: [] });
    }
  });

  it("runs the mock platform README's in-process example with vitest: a hand-written runtime answers through the proxy", async () => {
    const test = readmeTest(
      "packages/mock-platform/README.md",
      0,
      `test("the hand-written runtime answers through the in-process proxy", () => {
  expect(answer.status).toBe(200);
  expect(result).toMatchObject({ role: "agent", parts: [{ kind: "text", text: "pong" }] });
});`,
    );
    writeFileSync(join(light, "in-process.test.ts"), test);
    const ran = await npx(["vitest", "run", "in-process.test.ts"], light);
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/Tests\s+1 passed/);
  });

  it.skipIf(!dockerAvailable)(
    "starts a StubRuntimeContainer against a MockPlatformContainer from the shipped bundles: STUB OK",
    async () => {
      const test = readmeTest(
        "packages/testcontainers/README.md",
        0,
        `test("the stub answers STUB OK through the mock platform", () => {
  expect(reply.status).toBe(200);
  expect(reply.text).toContain("STUB OK");
});`,
      );
      writeFileSync(join(project, "containers.test.ts"), test);
      const ran = await npx(["vitest", "run", "containers.test.ts"], project, 300_000);
      expect(ran.code, ran.stdout + ran.stderr).toBe(0);
      expect(ran.stdout).toMatch(/Tests\s+1 passed/);
    },
  );

  it.skipIf(!dockerAvailable)(
    "builds an image with `npx molecule-ctk image build` from the shipped bundle",
    async () => {
      const built = await npx(
        ["molecule-ctk", "image", "build", "stub-runtime", "--tag", verifyImage],
        project,
        300_000,
      );
      expect(built.code, built.stderr).toBe(0);
      expect(built.stdout).toMatch(new RegExp(`^built ${verifyImage} \\(\\d+\\.\\d MB\\)`));
      const info = await new Dockerode().getImage(verifyImage).inspect();
      expect(info.Config.Labels?.["org.opencontainers.image.title"]).toBe("molecule-ctk stub-runtime");
    },
  );

  it.skipIf(!dockerAvailable)(
    "runs part of the lifecycle suite with `npx molecule-ctk lifecycle`",
    async () => {
      const junit = join(scratch, "lifecycle-junit.xml");
      const ran = await npx(
        ["molecule-ctk", "lifecycle", "dist/lifecycle.test", "--junit", junit],
        project,
        600_000,
      );
      expect(ran.code, ran.stdout.slice(-4000) + ran.stderr.slice(-2000)).toBe(0);
      expect(ran.stdout).toMatch(/tests: [1-9]\d* passed, 0 failed, 0 skipped/);
      expect(readFileSync(junit, "utf8")).toMatch(/<testsuites [^>]*failures="0"/);
    },
  );

  it.skipIf(!dockerAvailable)(
    "verifies the stub image with `npx molecule-ctk verify runtime --image`",
    async () => {
      // The flags a CI job passes for a runtime that beats every second (the stub, told so by --env).
      const fast = ["--beat-seconds", "2", "--env", "STUB_HEARTBEAT_INTERVAL_MS=1000"];
      const verified = await npx(
        ["molecule-ctk", "verify", "runtime", "--image", verifyImage, ...fast],
        project,
        300_000,
      );
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      expect(verified.stdout).toMatch(/conforms at MUST: [1-9]\d* passed, 0 failed, 0 skipped/);
    },
  );
});
