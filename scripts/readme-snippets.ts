// Keeps README code honest: every ```ts block of a README must appear in a test file that runs it.
// Its imports may sit anywhere in that file (a module's imports are at its top, and may be merged);
// the rest must appear as written, up to formatting (whitespace, line breaks, trailing commas).
import { readFileSync } from "node:fs";

const IMPORT = /^\s*import\s+(type\s+)?(\{[^}]*\}|[\w$]+)\s+from\s+("[^"]+");/;

/** The ```ts blocks of a Markdown file. */
export function typescriptBlocks(markdownPath: string | URL): string[] {
  const text = readFileSync(markdownPath, "utf8");
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!.trimEnd());
}

/** The README blocks that appear in none of `testFiles`, for a message naming them. */
export function untestedBlocks(markdownPath: string | URL, testFiles: ReadonlyArray<string | URL>): string[] {
  const files = testFiles.map((file) => readFileSync(file, "utf8"));
  return typescriptBlocks(markdownPath).filter((block) => !files.some((file) => containsBlock(file, block)));
}

function containsBlock(file: string, block: string): boolean {
  let body = block;
  const imports: Array<{ names: string[]; from: string }> = [];
  for (let match = IMPORT.exec(body); match; match = IMPORT.exec(body)) {
    imports.push({ names: bindings(match[2]!), from: match[3]! });
    body = body.slice(match[0].length);
  }
  const fileImports = [...file.matchAll(new RegExp(IMPORT.source, "gm"))].map((match) => ({
    names: bindings(match[2]!),
    from: match[3]!,
  }));
  const imported = imports.every(({ names, from }) =>
    fileImports.some((other) => other.from === from && names.every((name) => other.names.includes(name))),
  );
  return imported && normalize(file).includes(normalize(body));
}

function bindings(clause: string): string[] {
  return clause
    .replace(/[{}]/g, "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
}

function normalize(code: string): string {
  return code.replace(/\s+/g, "").replace(/,([}\])])/g, "$1");
}
