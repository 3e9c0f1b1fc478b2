import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Reporter } from "vitest/reporters";
import type { TallyEntry } from "./reliabilityTally";

/** Sections in the order the table shows them; others follow alphabetically. */
const SECTION_ORDER = [
  "faults injected",
  "crashes survived",
  "hostile inputs",
  "records",
  "peak memory (MB)",
  "elapsed (s)",
];

/** Keys whose total must be zero: the table marks any other value. */
const MUST_BE_ZERO = new Set(["duplicates", "lost"]);

function readEntries(directory: string): TallyEntry[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".ndjson"))
    .flatMap((name) =>
      readFileSync(join(directory, name), "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as TallyEntry),
    );
}

/**
 * Formats the figures as an aligned text table: one row per section and key, counts summed, peaks
 * maximised, a `!` after any duplicate or loss count that is not zero.
 *
 * @example
 * formatTallyTable([{ mode: "sum", section: "records", key: "lost", value: 0 }]);
 * // "section  figure  value\n…records  lost  0\n"
 */
export function formatTallyTable(entries: readonly TallyEntry[]): string {
  const totals = new Map<string, Map<string, number>>();
  for (const entry of entries) {
    const section = totals.get(entry.section) ?? new Map<string, number>();
    totals.set(entry.section, section);
    const previous = section.get(entry.key);
    section.set(
      entry.key,
      previous === undefined
        ? entry.value
        : entry.mode === "max"
          ? Math.max(previous, entry.value)
          : previous + entry.value,
    );
  }
  const rank = (section: string): number => {
    const index = SECTION_ORDER.indexOf(section);
    return index === -1 ? SECTION_ORDER.length : index;
  };
  const sections = [...totals.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const rows: [string, string, string][] = [["section", "figure", "value"]];
  for (const section of sections) {
    for (const [key, value] of totals.get(section)!) {
      const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
      rows.push([section, key, MUST_BE_ZERO.has(key) && value !== 0 ? `${shown} !` : shown]);
    }
  }
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map(([section, key, value]) => `${section.padEnd(widths[0]!)}  ${key.padEnd(widths[1]!)}  ${value}`)
    .join("\n");
}

/**
 * A vitest reporter that prints the reliability figures the tests collected (see `addCounts`,
 * `recordPeak`) as one table at the very end of the run, then removes their folder.
 *
 * @example
 * defineConfig({ test: { reporters: ["default", new ReliabilityTallyReporter(directory)] } });
 */
export class ReliabilityTallyReporter implements Reporter {
  constructor(private readonly directory: string) {}

  onTestRunEnd(): void {
    const entries = readEntries(this.directory);
    const table = entries.length === 0 ? "(no figures were recorded)" : formatTallyTable(entries);
    process.stdout.write(`\npinpipe reliability figures\n${table}\n`);
    rmSync(this.directory, { recursive: true, force: true });
  }
}
