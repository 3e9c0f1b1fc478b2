import {
  type CleanStreamItem,
  type CleanTableOptions,
  cleanTableStream,
  cleanTableStreamAsync,
  type Rejection,
} from "./cleanTableStream";
import type { TableCounts } from "./tableCounts";
import type { CleanRecordOf, TableName } from "./tables";

/**
 * A whole cleaned table: the clean records in input order, the rejections and the report, the
 * {@link TableCounts} of the table (`report.clean === clean.length`, `report.rejected === rejected.length`).
 *
 * @example
 * const { clean, rejected, report }: CleanedTable<"user"> = cleanTable("user", rows);
 * report.byReason.not_an_object; // rejections of values that are not objects
 */
export interface CleanedTable<T extends TableName> {
  readonly clean: CleanRecordOf<T>[];
  readonly rejected: Rejection[];
  readonly report: TableCounts;
}

/** Files a stream item into the clean records or the rejections. */
function collect<T>(clean: T[], rejected: Rejection[], item: CleanStreamItem<T>): void {
  if (item.kind === "clean") clean.push(item.value);
  else rejected.push({ index: item.index, raw: item.raw, issues: item.issues });
}

/**
 * Cleans a whole table held in memory (any iterable of raw records). With `dedupe: true`, clean
 * records equal in every column to an earlier one are dropped and counted in `report.duplicates`.
 * The report ({@link TableCounts}) reconciles: `in = clean + rejected + duplicates`, `byReason`
 * sums to `rejected`, and `byRule` and `byField` count every issue of every record, duplicates
 * included, so their totals are equal.
 *
 * @throws RangeError when `table` is not `pin`, `geo` or `user`.
 * @example
 * const { clean, rejected, report } = cleanTable("pin", rows, { dedupe: true });
 * report.in === clean.length + rejected.length + report.duplicates; // true
 * report.byField.follower_count; // issues of follower_count, e.g. `User Info Error` become null
 */
export function cleanTable<T extends TableName>(
  table: T,
  records: Iterable<unknown>,
  options?: CleanTableOptions,
): CleanedTable<T> {
  const stream = cleanTableStream(table, records, options);
  const clean: CleanRecordOf<T>[] = [];
  const rejected: Rejection[] = [];
  for (const item of stream) collect(clean, rejected, item);
  return { clean, rejected, report: stream.report };
}

/**
 * {@link cleanTable} over an async iterable (or a sync one).
 *
 * @throws RangeError when `table` is not `pin`, `geo` or `user`.
 * @example
 * const { clean, report } = await cleanTableAsync("geo", parsedLines(file), { dedupe: true });
 * report.duplicates; // records dropped as duplicates
 */
export async function cleanTableAsync<T extends TableName>(
  table: T,
  records: AsyncIterable<unknown> | Iterable<unknown>,
  options?: CleanTableOptions,
): Promise<CleanedTable<T>> {
  const stream = cleanTableStreamAsync(table, records, options);
  const clean: CleanRecordOf<T>[] = [];
  const rejected: Rejection[] = [];
  for await (const item of stream) collect(clean, rejected, item);
  return { clean, rejected, report: stream.report };
}
