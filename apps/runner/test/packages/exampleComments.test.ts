import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { DOCUMENTED_PACKAGES, exampleBlocksOf, packageSourceFiles } from "./support/exampleBlocks.js";

// The `@example` comments of the published libraries are their documentation (TypeDoc shows them),
// so they must not drift from the code. Every example line of the form `expression; // result`,
// where the result is a JSON value and the expression uses only the package's public exports, is
// evaluated against the package and must give that result.

const root = new URL("../../../../", import.meta.url).pathname;

interface ExampleClaim {
  readonly file: string;
  readonly line: string;
  readonly expression: string;
  readonly expected: unknown;
}

/** The checkable `expression; // JSON` lines of the `@example` blocks of one source text. */
function exampleClaims(file: string, text: string): ExampleClaim[] {
  const claims: ExampleClaim[] = [];
  for (const block of exampleBlocksOf("", file, text)) {
    for (const line of block.code.split("\n")) {
      const match = /^(.*?);\s*\/\/\s*(.+)$/.exec(line);
      if (match === null) continue;
      try {
        claims.push({ file, line, expression: match[1] ?? "", expected: JSON.parse(match[2] ?? "") });
      } catch {
        // A result in words ("Uint8Array starting 0x1f 0x8b") is for the reader, not checkable.
      }
    }
  }
  return claims;
}

type Verdict =
  | { readonly kind: "agrees" | "not-evaluable" }
  | { readonly kind: "drift"; readonly actual: unknown };

/** Evaluates a claim with the package's exports in scope (and nothing else of the example's). */
function checkClaim(claim: ExampleClaim, exports: Record<string, unknown>): Verdict {
  const names = Object.keys(exports);
  let actual: unknown;
  try {
    actual = new Function(...names, `return (${claim.expression});`)(...names.map((name) => exports[name]));
  } catch {
    // TypeScript-only syntax, or names the example defined on earlier lines.
    return { kind: "not-evaluable" };
  }
  return isDeepStrictEqual(actual, claim.expected) ? { kind: "agrees" } : { kind: "drift", actual };
}

describe("@example comments of the published packages", () => {
  it("a wrong result in an example is reported as drift, a right one agrees", () => {
    const text = "/**\n * @example\n * double(2); // 5\n * double(3); // 6\n * double(x); // 2\n */\n";
    const claims = exampleClaims("double.ts", text);
    const exports = { double: (value: number) => value * 2 };
    expect(claims.map((claim) => checkClaim(claim, exports))).toEqual([
      { kind: "drift", actual: 4 },
      { kind: "agrees" },
      { kind: "not-evaluable" },
    ]);
  });

  it("every checkable example gives the result its comment states", async () => {
    const drift: string[] = [];
    let agreeing = 0;
    for (const name of DOCUMENTED_PACKAGES) {
      const exports = (await import(`@pinpipe/${name}`)) as Record<string, unknown>;
      for (const file of packageSourceFiles(root, name)) {
        for (const claim of exampleClaims(file, readFileSync(file, "utf8"))) {
          const verdict = checkClaim(claim, exports);
          if (verdict.kind === "agrees") agreeing += 1;
          if (verdict.kind === "drift") {
            drift.push(
              `${file.slice(root.length)}: ${claim.line}\n  gives ${JSON.stringify(verdict.actual)}`,
            );
          }
        }
      }
    }
    expect(drift).toEqual([]);
    // Most examples are checkable: a parser change that stopped finding them must not pass silently.
    expect(agreeing).toBeGreaterThanOrEqual(90);
  });
});
