import { appendFileSync } from "node:fs";
import { join } from "node:path";

/**
 * One figure a reliability test adds to the run's table: counts are summed over the run, peaks keep
 * the largest value.
 *
 * @example
 * const entry: TallyEntry = { mode: "sum", section: "faults injected", key: "reset", value: 3 };
 */
export interface TallyEntry {
  readonly mode: "sum" | "max";
  readonly section: string;
  readonly key: string;
  readonly value: number;
}

/**
 * Environment variable naming the folder the figures go to (set by vitest.reliability.config.ts).
 *
 * @example
 * process.env[TALLY_DIRECTORY_VARIABLE]; // "/tmp/pinpipe-reliability-AbC123"
 */
export const TALLY_DIRECTORY_VARIABLE = "PINPIPE_RELIABILITY_TALLY";

function append(entries: readonly TallyEntry[]): void {
  const directory = process.env[TALLY_DIRECTORY_VARIABLE];
  // Outside the reliability run (a file run on its own) there is no table to feed.
  if (directory === undefined || directory === "" || entries.length === 0) return;
  const lines = entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
  appendFileSync(join(directory, `tally-${process.pid}.ndjson`), lines);
}

/**
 * Adds counts to a section of the table (summed with what other tests add).
 *
 * @example
 * addCounts("records", { sent: 120, written: 120, duplicates: 0, lost: 0 });
 */
export function addCounts(section: string, counts: Readonly<Record<string, number>>): void {
  append(Object.entries(counts).map(([key, value]) => ({ mode: "sum", section, key, value })));
}

/**
 * Records a measurement whose largest value over the run is shown (a peak RSS, a longest time).
 *
 * @example
 * recordPeak("peak memory (MB)", "100 MB line, readLocalRecords RSS", 142);
 */
export function recordPeak(section: string, key: string, value: number): void {
  append([{ mode: "max", section, key, value }]);
}
