import type { CleanIssue } from "./cleanIssue";
import type { CleanOptions } from "./cleanOptions";
import { createDuplicateFilter } from "./duplicateFilter";
import { CountsTally, type TableCounts } from "./tableCounts";
import { type CleanRecordOf, cleanerFor, type TableName } from "./tables";

/**
 * Options of the batch helpers: the record cleaners' options, plus `dedupe` to drop clean records
 * equal in every column to one already produced (as Spark's `dropDuplicates()`); off by default.
 *
 * @example
 * const options: CleanTableOptions = { dedupe: true, placeholders: { country: ["Unknown"] } };
 */
export interface CleanTableOptions extends CleanOptions {
  readonly dedupe?: boolean | undefined;
}

/**
 * A raw record that could not be keyed: its position in the input (0-based), the raw value itself
 * and the issues explaining why.
 *
 * @example
 * const rejection: Rejection = { index: 3, raw: null, issues: [{ field: "$", value: null, rule: "not_an_object" }] };
 */
export interface Rejection {
  readonly index: number;
  readonly raw: unknown;
  readonly issues: readonly CleanIssue[];
}

/**
 * What a cleaning stream yields for each input record that is not a dropped duplicate: a clean
 * record with its issues, or a rejection. `index` is the record's position in the input.
 *
 * @example
 * for (const item of cleanTableStream("geo", rows)) {
 *   if (item.kind === "clean") write(item.value);
 *   else quarantine(item.raw, item.issues);
 * }
 */
export type CleanStreamItem<T> =
  | {
      readonly kind: "clean";
      readonly index: number;
      readonly value: T;
      readonly issues: readonly CleanIssue[];
    }
  | ({ readonly kind: "rejected" } & Rejection);

/**
 * A single-use iterable of {@link CleanStreamItem}s whose `report`, the {@link TableCounts} of the
 * records read so far, grows as it is consumed (complete once the iteration ends). Each read of
 * `report` is a reconciled snapshot: `in = clean + rejected + duplicates`.
 *
 * @example
 * const stream = cleanTableStream("user", rows);
 * for (const item of stream) handle(item);
 * stream.report.in; // number of rows read
 */
export interface CleanStream<T> extends Iterable<CleanStreamItem<T>> {
  readonly report: TableCounts;
}

/**
 * The asynchronous counterpart of {@link CleanStream}; `report` is likewise a snapshot of the
 * {@link TableCounts} so far.
 *
 * @example
 * const stream: AsyncCleanStream<CleanGeo> = cleanTableStreamAsync("geo", lines);
 * for await (const item of stream) handle(item);
 * stream.report.rejected; // records that could not be keyed
 */
export interface AsyncCleanStream<T> extends AsyncIterable<CleanStreamItem<T>> {
  readonly report: TableCounts;
}

/** Cleans one record, counts it, and returns the item to yield (`undefined` for a dropped duplicate). */
type Step<T> = (raw: unknown, index: number) => CleanStreamItem<T> | undefined;

function createStep<T extends TableName>(
  table: T,
  options: CleanTableOptions | undefined,
  tally: CountsTally,
): Step<CleanRecordOf<T>> {
  const clean = cleanerFor(table);
  const isDuplicate = options?.dedupe === true ? createDuplicateFilter(table) : undefined;
  return (raw, index) => {
    const result = clean(raw, options);
    // Every record is counted with its issues, a duplicate included: it is cleaned before being recognised.
    tally.countResult(result);
    if (!result.ok) return { kind: "rejected", index, raw, issues: result.issues };
    if (isDuplicate?.(result.value) === true) {
      tally.countDuplicates(1);
      return undefined;
    }
    return { kind: "clean", index, value: result.value, issues: result.issues };
  };
}

/**
 * Cleans a table lazily, record by record, for inputs too large to hold: yields each clean record
 * or rejection as it goes and counts them in `report` (see {@link TableCounts}). With
 * `dedupe: true`, duplicates are counted but not yielded; remembering what was seen takes memory
 * proportional to the distinct `ind` values. Errors thrown by the input iterable propagate; the
 * cleaning itself never throws.
 *
 * @throws RangeError when `table` is not `pin`, `geo` or `user`.
 * @example
 * const stream = cleanTableStream("pin", lines.map((line) => JSON.parse(line)), { dedupe: true });
 * for (const item of stream) if (item.kind === "clean") sink.write(item.value);
 * console.log(stream.report.byRule.placeholder ?? 0, stream.report.duplicates);
 */
export function cleanTableStream<T extends TableName>(
  table: T,
  records: Iterable<unknown>,
  options?: CleanTableOptions,
): CleanStream<CleanRecordOf<T>> {
  const tally = new CountsTally();
  const step = createStep(table, options, tally);
  function* items(): Generator<CleanStreamItem<CleanRecordOf<T>>, void, undefined> {
    let index = 0;
    for (const raw of records) {
      const item = step(raw, index++);
      if (item !== undefined) yield item;
    }
  }
  const iterator = items();
  return {
    get report() {
      return tally.counts();
    },
    [Symbol.iterator]: () => iterator,
  };
}

/**
 * {@link cleanTableStream} over an async iterable (a file read line by line, a Kinesis consumer…)
 * or a sync one.
 *
 * @throws RangeError when `table` is not `pin`, `geo` or `user`.
 * @example
 * const stream = cleanTableStreamAsync("geo", parsedLines(file));
 * for await (const item of stream) if (item.kind === "clean") await sink.write(item.value);
 * stream.report.clean;
 */
export function cleanTableStreamAsync<T extends TableName>(
  table: T,
  records: AsyncIterable<unknown> | Iterable<unknown>,
  options?: CleanTableOptions,
): AsyncCleanStream<CleanRecordOf<T>> {
  const tally = new CountsTally();
  const step = createStep(table, options, tally);
  async function* items(): AsyncGenerator<CleanStreamItem<CleanRecordOf<T>>, void, undefined> {
    let index = 0;
    for await (const raw of records) {
      const item = step(raw, index++);
      if (item !== undefined) yield item;
    }
  }
  const iterator = items();
  return {
    get report() {
      return tally.counts();
    },
    [Symbol.asyncIterator]: () => iterator,
  };
}
