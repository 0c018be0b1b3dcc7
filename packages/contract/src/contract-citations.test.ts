// Every citation of the spec in the repository ("contract 8.6" in code, a link to
// docs/contract.md#<anchor> in Markdown) names a section that docs/contract.md has.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CONTRACT_DOC = join(REPO_ROOT, "docs", "contract.md");

const NUMBER = String.raw`\d+(?:\.\d+)?`;
// "contract 8.6", "contract 7.5, 7.6", "contract 4-6", "contract 3.2 and 3.3", also across a comment's line break.
const CITATION = new RegExp(
  String.raw`\bcontract(?:\s+(?:\*|\/\/))?\s+(${NUMBER}(?:(?:, | and | or |-)${NUMBER}(?![\d.]*\d))*)`,
  "gi",
);
const WRONG_FORMS = [/§\s?\d/, /\bcontract sections? \d/i, /platform-contract\.md/];
const MARKDOWN_LINK = /\[([^\]]+)\]\(([^)\s]+)\)/g;

/** GitHub's heading anchor: lower case, punctuation dropped, each space a hyphen. */
function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

function contractSections(): Map<string, string> {
  const sections = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const line of readFileSync(CONTRACT_DOC, "utf8").split("\n")) {
    const heading = /^#{1,6} (.+)$/.exec(line)?.[1];
    if (heading === undefined) continue;
    let slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    if (count > 0) slug = `${slug}-${count}`;
    const number = /^(\d+(?:\.\d+)?)\.? /.exec(heading)?.[1];
    if (number !== undefined) sections.set(number, slug);
  }
  return sections;
}

function repositoryTextFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  return listed
    .split("\n")
    .filter((path) => path !== "" && !/(^|\/)(pnpm-lock\.yaml|schemas\/.*\.json)$/.test(path))
    .filter((path) => existsSync(join(REPO_ROOT, path)))
    .filter((path) => !readFileSync(join(REPO_ROOT, path)).includes(0));
}

function citedNumbers(list: string): string[] {
  return list.split(/, | and | or |-/);
}

const sections = contractSections();
const files = repositoryTextFiles();

describe("docs/contract.md", () => {
  it("has the numbered sections the kit cites, 0 to 15", () => {
    for (const number of ["0", "2.3", "8", "8.6", "9", "15"]) expect(sections.has(number)).toBe(true);
  });

  it("resolves each of its own cross references", () => {
    const text = readFileSync(CONTRACT_DOC, "utf8");
    const missing = [...text.matchAll(/§(\d+(?:\.\d+)?)/g)]
      .map((match) => match[1]!)
      .filter((n) => !sections.has(n));
    expect(missing).toEqual([]);
  });
});

describe("citations of the contract", () => {
  it("name a section of docs/contract.md, in every file of the repository", () => {
    const missing: string[] = [];
    for (const path of files) {
      const text = readFileSync(join(REPO_ROOT, path), "utf8");
      for (const match of text.matchAll(CITATION)) {
        for (const number of citedNumbers(match[1]!)) {
          if (!sections.has(number)) missing.push(`${path}: "${match[0]}" (no section ${number})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("use the one form `contract N`, outside docs/contract.md", () => {
    const wrong: string[] = [];
    for (const path of files) {
      if (path === "docs/contract.md") continue;
      const lines = readFileSync(join(REPO_ROOT, path), "utf8").split("\n");
      lines.forEach((line, index) => {
        if (WRONG_FORMS.some((form) => form.test(line))) wrong.push(`${path}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(wrong).toEqual([]);
  });

  it("are links to an existing docs/contract.md anchor in Markdown", () => {
    const wrong: string[] = [];
    const slugs = new Set(sections.values());
    for (const path of files.filter((p) => p.endsWith(".md") && p !== "docs/contract.md")) {
      const text = readFileSync(join(REPO_ROOT, path), "utf8");
      for (const [link, label, target] of text.matchAll(MARKDOWN_LINK)) {
        const [file = "", anchor] = target!.split("#");
        if (resolve(REPO_ROOT, dirname(path), file) !== CONTRACT_DOC) continue;
        const cited = /^contract (\S+)$/i.exec(label!)?.[1];
        const expected = cited === undefined ? undefined : sections.get(cited);
        if (anchor === undefined) continue;
        if (!slugs.has(anchor)) wrong.push(`${path}: ${link} (no such anchor)`);
        else if (cited !== undefined && expected !== anchor)
          wrong.push(`${path}: ${link} (want #${expected})`);
      }
      const unlinked = text.replace(MARKDOWN_LINK, "").replace(/`[^`\n]*`/g, "");
      for (const match of unlinked.matchAll(CITATION)) {
        wrong.push(`${path}: "${match[0]}" is not a link to docs/contract.md`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
