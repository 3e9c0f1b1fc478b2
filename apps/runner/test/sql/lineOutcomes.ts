import type { CleanOptions, TableName } from "@pinpipe/clean";
import { isBlankLine, referenceOutcome } from "../core/jobRunners";

/** What became of one raw line: its clean row as normalized JSON text, or its reject reason. */
export type LineOutcome = { readonly row: string } | { readonly reason: string };

/**
 * The TypeScript cleaners' outcome of each non-blank line, keyed by the line's index: the
 * reference every SQL engine is held to.
 */
export function referenceLineOutcomes(
  table: TableName,
  lines: readonly Uint8Array[],
  maxLineBytes: number,
  clean?: CleanOptions | undefined,
): Map<number, LineOutcome> {
  const outcomes = new Map<number, LineOutcome>();
  lines.forEach((bytes, position) => {
    if (isBlankLine(bytes)) return;
    const { rows, rejected } = referenceOutcome(table, [bytes], maxLineBytes, clean);
    outcomes.set(
      position,
      rows.length === 1 ? { row: JSON.stringify(rows[0]) } : { reason: rejected[0]?.reason ?? "?" },
    );
  });
  return outcomes;
}

/** The lines whose outcomes differ, as readable entries (at most `limit`). */
export function outcomeDifferences(
  lines: readonly Uint8Array[],
  expected: ReadonlyMap<number, LineOutcome>,
  actual: ReadonlyMap<number, LineOutcome>,
  limit = 10,
): string[] {
  const differences: string[] = [];
  const positions = new Set([...expected.keys(), ...actual.keys()]);
  for (const position of [...positions].sort((a, b) => a - b)) {
    const want = JSON.stringify(expected.get(position) ?? null);
    const got = JSON.stringify(actual.get(position) ?? null);
    if (want !== got && differences.length < limit) {
      const line = Buffer.from(lines[position] ?? [])
        .toString("utf8")
        .slice(0, 300);
      differences.push(`line ${position}: ${line}\n  expected ${want}\n  actual   ${got}`);
    }
  }
  return differences;
}
