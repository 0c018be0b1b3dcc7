// `pnpm release` (the release workflow, on a v* tag) and `pnpm release:dry-run` (here, any time): one
// code path. It checks the versions, packs every public package (each builds first), checks every
// tarball, publishes them to npm with provenance, and builds, tags and pushes the two images with the
// harness tags. --dry-run does all of it but the uploads: `npm publish --dry-run`, no `docker push`,
// and the registry tags it made are removed again.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { localImageTag } from "@molecule-ctk/contract";
import { APP_IMAGES, type AppImageName, buildContextImage } from "@molecule-ctk/image-builder";
import Dockerode from "dockerode";

const { values } = parseArgs({
  options: {
    "dry-run": { type: "boolean", default: false },
    tag: { type: "string" },
    registry: { type: "string", default: process.env.IMAGE_REGISTRY ?? "ghcr.io/molecule-ctk" },
    base: { type: "string" },
    sha12: { type: "string", default: process.env.HARNESS_SHA12 || undefined },
    isolation: { type: "string", default: process.env.HARNESS_ISOLATION || undefined },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(`Usage: pnpm release [--dry-run] [--tag vX.Y.Z] [--registry REG] [--base local|official]
                    [--sha12 S] [--isolation I]
  Publishes every public package to npm (with provenance) and the stub-runtime and mock-platform
  images to REG (default $IMAGE_REGISTRY or ghcr.io/molecule-ctk) as molecule-ctk-<name>:<version>
  and :latest, the stub also under the harness tags workspace-template-claude-code:latest[--I] and,
  with --sha12 ($HARNESS_SHA12), :<S>-amd64[--I]. --dry-run uploads nothing. --base defaults to
  official (needs a registry) for a release and local for a dry run.`);
  process.exit(0);
}
const dryRun = values["dry-run"];
const base = values.base ?? (dryRun ? "local" : "official");
if (base !== "local" && base !== "official") fail(`--base must be local or official, got ${base}`);

const ROOT = new URL("..", import.meta.url).pathname;
const OUT = join(ROOT, "reports", "release");
const step = (text: string) => console.log(`\n[release] ${text}${dryRun ? " (dry run)" : ""}`);

// 1. Versions: one for every public package, in the changelog, and the tag's when there is one.
step("versions");
const manifests = readdirSync(join(ROOT, "packages"))
  .map((dir) => ({ dir, ...JSON.parse(readFileSync(join(ROOT, "packages", dir, "package.json"), "utf8")) }))
  .filter((manifest: { private?: boolean }) => !manifest.private) as Array<{
  dir: string;
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}>;
const versions = new Set(manifests.map((manifest) => manifest.version));
if (versions.size !== 1)
  fail(`the packages disagree on the version: ${manifests.map((m) => `${m.name}@${m.version}`).join(", ")}`);
const version = manifests[0]!.version;
if (values.tag !== undefined && values.tag !== `v${version}`)
  fail(`tag ${values.tag} is not v${version}, the packages' version`);
if (!readFileSync(join(ROOT, "CHANGELOG.md"), "utf8").includes(`## ${version}`)) {
  fail(`CHANGELOG.md has no "## ${version}" section: write it before releasing`);
}
console.log(`${manifests.length} packages at ${version}`);

// 2. Pack: each package builds first (its prepack), so no tarball ships without dist/.
step("pack");
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const filters = manifests.flatMap((manifest) => ["--filter", manifest.name]);
sh("pnpm", ["-r", ...filters, "pack", "--pack-destination", OUT]);

// 3. Check every tarball as npm will publish it.
step("check tarballs");
const tarballs = new Map<string, string>();
for (const manifest of manifests) {
  const file = join(OUT, `${manifest.name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`);
  const entries = execFileSync("tar", ["-tzf", file], { encoding: "utf8" }).split("\n");
  const packed = JSON.parse(
    execFileSync("tar", ["-xzOf", file, "package/package.json"], { encoding: "utf8" }),
  );
  const problems = [
    ...(entries.includes("package/LICENSE") ? [] : ["no LICENSE"]),
    ...(entries.includes("package/README.md") ? [] : ["no README.md"]),
    ...(entries.some((entry) => entry.startsWith("package/dist/")) ? [] : ["no dist/"]),
    ...(JSON.stringify(packed.exports ?? {}).includes('"source"')
      ? ["exports keep the source condition"]
      : []),
    ...(JSON.stringify(packed.dependencies ?? {}).includes("workspace:") ? ["a workspace: dependency"] : []),
  ];
  if (problems.length > 0) fail(`${manifest.name}: ${problems.join(", ")}`);
  tarballs.set(manifest.name, file);
  console.log(`${manifest.name}: ${entries.filter(Boolean).length} files`);
}

// 4. npm, dependencies first so no published package names one that is not there yet.
step("publish to npm");
for (const name of publishOrder(manifests)) {
  sh("npm", [
    "publish",
    tarballs.get(name)!,
    "--access",
    "public",
    ...(dryRun ? ["--dry-run"] : ["--provenance"]),
  ]);
}

// 5. The images, built from the bundles inside the testcontainers tarball (what users build from),
// tagged for the registry and pushed.
step(`images on the ${base} Node base, to ${values.registry}`);
const contexts = join(OUT, "contexts");
mkdirSync(contexts);
sh("tar", ["-xzf", tarballs.get("@molecule-ctk/testcontainers")!, "-C", contexts, "package/images"]);
const docker = new Dockerode();
const made: string[] = [];
try {
  for (const name of Object.keys(APP_IMAGES) as AppImageName[]) {
    const dir = join(contexts, "package", "images", name);
    const context = JSON.parse(readFileSync(join(dir, "image.json"), "utf8"));
    const tag = `molecule-ctk/${name}:release-${randomBytes(4).toString("hex")}`;
    const built = await buildContextImage({ dir, ...context }, { tag, base });
    made.push(tag);
    const refs = [`molecule-ctk-${name}:${version}`, `molecule-ctk-${name}:latest`];
    if (name === "stub-runtime") {
      // The tags the bash harness and the platform resolve (contract 8.5); the sha one needs the
      // template commit the platform computes, so only when given.
      const { isolation, sha12 } = values;
      refs.push(localImageTag({ runtime: "claude-code", isolation }).replace("molecule-local/", ""));
      if (sha12)
        refs.push(
          localImageTag({ runtime: "claude-code", sha12, arch: "amd64", isolation }).replace(
            "molecule-local/",
            "",
          ),
        );
    }
    for (const ref of refs.map((r) => `${values.registry}/${r}`)) {
      const colon = ref.lastIndexOf(":");
      await docker.getImage(built.tag).tag({ repo: ref.slice(0, colon), tag: ref.slice(colon + 1) });
      made.push(ref);
      if (dryRun) console.log(`would push ${ref}`);
      else sh("docker", ["push", ref]);
    }
  }
} finally {
  // A dry run leaves no image behind; a release's runner is thrown away.
  if (dryRun)
    for (const ref of made.reverse())
      await docker
        .getImage(ref)
        .remove()
        .catch(() => {});
}
step(`done: ${manifests.length} packages at ${version}, ${made.length - 2} image tags`);

function publishOrder(packages: typeof manifests): string[] {
  const names = new Set(packages.map((p) => p.name));
  const done: string[] = [];
  const visit = (name: string) => {
    if (done.includes(name)) return;
    const manifest = packages.find((p) => p.name === name)!;
    for (const dep of Object.keys(manifest.dependencies ?? {})) if (names.has(dep)) visit(dep);
    done.push(name);
  };
  for (const name of names) visit(name);
  return done;
}

function sh(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) fail(`${command} ${args.join(" ")} exited with ${result.status}`);
}

function fail(message: string): never {
  console.error(`[release] ${message}`);
  process.exit(1);
}
