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
  "secrets",
];

/** Keys whose total must be zero: the table marks any other value. */
const MUST_BE_ZERO = new Set(["duplicates", "lost", "leaks"]);

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

function total(entries: readonly TallyEntry[]): Map<string, Map<string, number>> {
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
  return totals;
}

const shown = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/**
 * The rows of one section: `<what>: tried` and `<what>: rejected` pairs become one `tried / rejected`
 * row (and a total row closes the section); other keys keep their own row, with a `!` after any
 * duplicate or loss count that is not zero.
 */
function sectionRows(section: string, figures: Map<string, number>): [string, string, string][] {
  const rows: [string, string, string][] = [];
  const pairs = new Map<string, { tried?: number; rejected?: number }>();
  for (const [key, value] of figures) {
    const pair = /^(.*): (tried|rejected)$/.exec(key);
    if (pair === null) {
      rows.push([section, key, MUST_BE_ZERO.has(key) && value !== 0 ? `${shown(value)} !` : shown(value)]);
      continue;
    }
    const entry = pairs.get(pair[1]!) ?? {};
    entry[pair[2] as "tried" | "rejected"] = value;
    pairs.set(pair[1]!, entry);
  }
  if (pairs.size === 0) return rows;
  let tried = 0;
  let rejected = 0;
  for (const [what, pair] of pairs) {
    tried += pair.tried ?? 0;
    rejected += pair.rejected ?? 0;
    rows.push([section, what, `${pair.tried ?? "–"} tried / ${pair.rejected ?? "–"} rejected`]);
  }
  rows.push([section, "all entry points", `${tried} tried / ${rejected} rejected`]);
  return rows;
}

/**
 * Formats the figures as an aligned text table: counts summed, peaks maximised, one row per section
 * and key (tried/rejected pairs on one row, with a total).
 *
 * @example
 * formatTallyTable([{ mode: "sum", section: "records", key: "lost", value: 0 }]);
 * // "section  figure  value\nrecords  lost    0"
 */
export function formatTallyTable(entries: readonly TallyEntry[]): string {
  const totals = total(entries);
  const rank = (section: string): number => {
    const index = SECTION_ORDER.indexOf(section);
    return index === -1 ? SECTION_ORDER.length : index;
  };
  const sections = [...totals.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const rows: [string, string, string][] = [
    ["section", "figure", "value"],
    ...sections.flatMap((section) => sectionRows(section, totals.get(section)!)),
  ];
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
