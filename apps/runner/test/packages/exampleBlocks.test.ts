import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { exampleBlocksOf } from "./support/exampleBlocks.js";

// Every `@example` of the published libraries compiles against the code it documents, under the
// repository's strict options: a renamed export, a changed option or a wrong argument type in an
// example fails here (exampleComments.test.ts also runs the ones that state a result).

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const compiler = fileURLToPath(new URL("./support/compileExampleBlocks.main.ts", import.meta.url));

/**
 * Values an example leaves to its caller (callbacks such as `handle(item)`). Any other function an
 * example calls must exist in the package, so a renamed export cannot pass as a caller's name.
 */
const CALLER_SUPPLIED = new Set([
  "handle",
  "save",
  "store",
  "log",
  "write",
  "quarantine",
  "parsedLines",
  "peer",
]);
/** Clients of other libraries that @pinpipe/local-aws's examples show but the package does not depend on. */
const OTHER_LIBRARIES = new Set(["S3Client", "KinesisClient", "NodeHttpHandler", "Producer"]);

interface Compiled {
  readonly blocks: number;
  readonly diagnostics: readonly string[];
  readonly calledFreeNames: readonly (readonly [string, readonly string[]])[];
}

describe("@example blocks of the published packages", () => {
  it("a block ends at the comment's end or the next tag, without stars or fences", () => {
    const text =
      "/**\n * Doubles.\n * @example\n * ```ts\n * double(2); // 4\n * ```\n * @example\n * double(3);\n */\n";
    expect(exampleBlocksOf("p", "double.ts", text).map((block) => [block.line, block.code])).toEqual([
      [3, "double(2); // 4"],
      [7, "double(3);"],
    ]);
  });

  it("every example compiles, and calls only functions the package has", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", compiler, root], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    const compiled = JSON.parse(stdout) as Compiled;
    // A parser change that stopped finding the examples must not pass silently.
    expect(compiled.blocks).toBeGreaterThan(500);
    expect(compiled.diagnostics).toEqual([]);
    const unknownCalls = compiled.calledFreeNames
      .map(
        ([where, names]) =>
          [where, names.filter((name) => !CALLER_SUPPLIED.has(name) && !OTHER_LIBRARIES.has(name))] as const,
      )
      .filter(([, names]) => names.length > 0);
    expect(unknownCalls).toEqual([]);
  }, 300_000);
});
