import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One `@example` block of a doc comment: its code lines, without the comment stars and fences. */
export interface ExampleBlock {
  /** Package folder name under packages/, e.g. `clean`. */
  readonly pkg: string;
  /** Absolute path of the source file the comment is in. */
  readonly file: string;
  /** 1-based line of the `@example` tag in that file. */
  readonly line: number;
  readonly code: string;
}

/** The published libraries whose doc comments are their documentation. */
export const DOCUMENTED_PACKAGES = [
  "schemas",
  "clean",
  "analytics",
  "parquet",
  "core",
  "delta",
  "ingest",
  "local-aws",
] as const;

/** The `@example` blocks of one source text; a block ends at the comment's end or at the next tag. */
export function exampleBlocksOf(pkg: string, file: string, text: string): ExampleBlock[] {
  const blocks: ExampleBlock[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    if (!/^\s*\*\s*@example\s*$/.test(lines[index] ?? "")) continue;
    const code: string[] = [];
    let next = index + 1;
    for (; next < lines.length; next++) {
      const line = lines[next] ?? "";
      if (/^\s*\*\//.test(line) || /^\s*\*\s*@\w/.test(line) || !/^\s*\*/.test(line)) break;
      const content = line.replace(/^\s*\* ?/, "");
      if (!content.startsWith("```")) code.push(content);
    }
    blocks.push({ pkg, file, line: index + 1, code: code.join("\n") });
    index = next - 1;
  }
  return blocks;
}

/** Every `.ts` file under a package's `src/`, as absolute paths. */
export function packageSourceFiles(root: string, pkg: string): string[] {
  const folder = join(root, "packages", pkg, "src");
  return (readdirSync(folder, { recursive: true }) as string[])
    .filter((file) => file.endsWith(".ts"))
    .sort()
    .map((file) => join(folder, file));
}

/** Every `@example` block of the documented packages. */
export function allExampleBlocks(root: string): ExampleBlock[] {
  return DOCUMENTED_PACKAGES.flatMap((pkg) =>
    packageSourceFiles(root, pkg).flatMap((file) => exampleBlocksOf(pkg, file, readFileSync(file, "utf8"))),
  );
}
