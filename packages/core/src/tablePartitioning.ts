import type { RawTableName } from "@pinpipe/analytics";
import type { CleanRowBatch } from "@pinpipe/analytics/columnar";
import { civilDateOfEpochDays } from "@pinpipe/clean/bytes";
import { hivePartitionSegment } from "./hivePartitionSegment";

/**
 * The Hive partition column of each clean table: pins by `category`, geo records by the UTC year
 * of `timestamp` (`post_year`), users by the UTC year of `date_joined` (`join_year`).
 *
 * Every file keeps every column of its table, `category` included, although Spark's
 * `partitionBy` would leave it to the path: a folder name holds at most 200 bytes, so a longer
 * category gets a shortened folder (`hivePartitionSegment`) and only the file can give it whole.
 *
 * @example
 * PARTITION_COLUMNS.geo; // "post_year"
 */
export const PARTITION_COLUMNS: { readonly [T in RawTableName]: string } = {
  pin: "category",
  geo: "post_year",
  user: "join_year",
};

/** The schema position of the column each table's partition value comes from. */
const SOURCE_COLUMN: { readonly [T in RawTableName]: number } = { pin: 10, geo: 3, user: 3 };

const MS_PER_DAY = 86_400_000;
const civil = new Int32Array(3);

/** The UTC year of an instant (null for NaN), without a `Date` per row. */
function utcYear(millis: number): number | null {
  if (Number.isNaN(millis)) return null;
  civilDateOfEpochDays(Math.floor(millis / MS_PER_DAY), civil);
  return civil[0]!;
}

/** Rows of a batch grouped by partition folder. */
export interface BatchPartitions {
  /** Folder names (`category=art`), sorted. */
  readonly segments: readonly string[];
  /** Row indexes of each segment, in row order. */
  readonly rows: readonly Uint32Array[];
}

/**
 * Groups the rows of a batch (those with `keep[row] === 1`, or all when `keep` is null) by Hive
 * partition folder ({@link PARTITION_COLUMNS}, escaped by `hivePartitionSegment`), segments in
 * sorted order, rows in batch order within each.
 *
 * @example
 * const { segments, rows } = partitionRows(geoBatch, null);
 * segments; // ["post_year=2018", "post_year=2019", …]
 */
export function partitionRows(batch: CleanRowBatch, keep: Uint8Array | null): BatchPartitions {
  const column = batch.columns[SOURCE_COLUMN[batch.table]]!;
  const name = PARTITION_COLUMNS[batch.table];
  const segmentOf = new Map<string | number | null, number>();
  const segmentNames: string[] = [];
  const rowSegment = new Int32Array(batch.length);
  const counts: number[] = [];
  const decoder = new TextDecoder();
  let lastValue: string | number | null | undefined;
  let lastSegment = -1;
  for (let row = 0; row < batch.length; row++) {
    if (keep !== null && keep[row] !== 1) {
      rowSegment[row] = -1;
      continue;
    }
    let value: string | number | null;
    if (column.kind === "utf8") {
      value =
        column.valid[row] === 0
          ? null
          : decoder.decode(column.bytes.subarray(column.offsets[row], column.offsets[row + 1]));
    } else if (column.kind === "numbers") {
      value = utcYear(column.values[row]!);
    } else {
      throw new TypeError(`the partition column of ${batch.table} is not a scalar column`);
    }
    let segment = value === lastValue ? lastSegment : segmentOf.get(value);
    if (segment === undefined) {
      segment = segmentNames.length;
      segmentOf.set(value, segment);
      segmentNames.push(hivePartitionSegment(name, value));
      counts.push(0);
    }
    lastValue = value;
    lastSegment = segment;
    rowSegment[row] = segment;
    counts[segment]!++;
  }
  const rows = counts.map((count) => new Uint32Array(count));
  const filled = new Int32Array(counts.length);
  for (let row = 0; row < batch.length; row++) {
    const segment = rowSegment[row]!;
    if (segment >= 0) rows[segment]![filled[segment]!++] = row;
  }
  // Two values can share a folder (a long category and its hash-shortened twin never do, but
  // empty and null both are the default partition): merge such groups, keeping row order.
  const bySegment = new Map<string, Uint32Array[]>();
  segmentNames.forEach((segment, i) => {
    const list = bySegment.get(segment);
    if (list === undefined) bySegment.set(segment, [rows[i]!]);
    else list.push(rows[i]!);
  });
  const segments = [...bySegment.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    segments,
    rows: segments.map((segment) => mergeRowLists(bySegment.get(segment)!)),
  };
}

function mergeRowLists(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 1) return lists[0]!;
  const merged = new Uint32Array(lists.reduce((sum, list) => sum + list.length, 0));
  let at = 0;
  for (const list of lists) {
    merged.set(list, at);
    at += list.length;
  }
  return merged.sort();
}
