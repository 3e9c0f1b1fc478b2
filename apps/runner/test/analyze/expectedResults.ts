import {
  analyze,
  dropDuplicateRecords,
  type QueryOptions,
  type RawTableName,
  type RecordAccounting,
} from "@pinpipe/analytics";
import { cleanTable } from "@pinpipe/clean";
import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";

const TABLES: readonly RawTableName[] = ["pin", "geo", "user"];

/** Per-table record counts: every record is clean, rejected or a duplicate. */
export interface Counts {
  readonly records: number;
  readonly clean: number;
  readonly rejected: number;
  readonly duplicates: number;
}

/**
 * What `pinpipe analyze` must print, computed the plain object way from the lines written:
 * `JSON.parse` each non-blank line, `cleanTable` per table, then `analyze` of the analytics
 * package (which deduplicates when asked). Also the record counts.
 */
export function expectedResults(lines: Record<RawTableName, string[]>, options: QueryOptions) {
  const clean: { pin: CleanPin[]; geo: CleanGeo[]; user: CleanUser[] } = { pin: [], geo: [], user: [] };
  const rejected: Record<RawTableName, number> = { pin: 0, geo: 0, user: 0 };
  for (const table of TABLES) {
    const records: unknown[] = [];
    for (const line of lines[table]) {
      try {
        records.push(JSON.parse(line));
      } catch {
        rejected[table]++;
      }
    }
    const cleaned = cleanTable(table, records);
    (clean[table] as unknown[]).push(...cleaned.clean);
    rejected[table] += cleaned.rejected.length;
  }
  const kept = options.dedupe === true ? dropDuplicateRecords(clean) : clean;
  const counts = (table: RawTableName): Counts => ({
    records: lines[table].length,
    clean: kept[table].length,
    rejected: rejected[table],
    duplicates: clean[table].length - kept[table].length,
  });
  return {
    // Through JSON, as the CLI prints it.
    results: JSON.parse(JSON.stringify(analyze(clean, options))) as unknown,
    counts: { pin: counts("pin"), geo: counts("geo"), user: counts("user") },
  };
}

/** The per-table totals of an accounting, in the shape of `expectedResults(…).counts`. */
export function accountingTotals(accounting: RecordAccounting): Record<RawTableName, Counts> {
  const totals = (table: RawTableName): Counts => {
    const account = accounting[table];
    const rejected = Object.values(account.rejected).reduce((sum, n) => sum + n, 0);
    return { records: account.records, clean: account.clean, rejected, duplicates: account.duplicates };
  };
  return { pin: totals("pin"), geo: totals("geo"), user: totals("user") };
}
