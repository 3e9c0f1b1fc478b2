import type { TableCounts } from "@pinpipe/clean";
import type { AnalyticsTables } from "../analyticsTables";
import { ColumnarBuilder, type ColumnarBuilderOptions } from "./columnarBuilder";
import { ColumnarMerger } from "./columnarMerger";
import { LineAssembler } from "./lineAssembler";
import type { RawTableName } from "./rawTableName";

/** One raw input for {@link buildColumnarTables}: NDJSON bytes of one table, in chunks. */
export interface RawTableInput {
  readonly table: RawTableName;
  /** The stream's bytes, cut anywhere (lines may span chunks). */
  readonly chunks: Iterable<Uint8Array>;
}

/**
 * Builds the analytics tables from raw NDJSON in one thread: every input is cut into lines,
 * cleaned and turned into columns, then merged (and deduplicated when asked). The multi-threaded
 * `pinpipe analyze` does the same with one builder per worker and one merger.
 *
 * @example
 * const { tables, accounting } = buildColumnarTables(
 *   [{ table: "user", chunks: [new TextEncoder().encode('{"ind": 1, "age": 20}\n')] }],
 *   { dedupe: false },
 * );
 * tables.user.length; // 1
 */
export function buildColumnarTables(
  inputs: Iterable<RawTableInput>,
  options: ColumnarBuilderOptions,
): { tables: AnalyticsTables; accounting: Record<RawTableName, TableCounts> } {
  const builder = new ColumnarBuilder(options);
  let table: RawTableName = "pin";
  const lines = new LineAssembler(
    (bytes, start, end, offset) => builder.addLines(table, bytes, start, end, offset),
    { onTooLong: (offset) => builder.addTooLongLine(table, offset) },
  );
  for (const input of inputs) {
    table = input.table;
    for (const chunk of input.chunks) lines.push(chunk);
    lines.end();
  }
  const merger = new ColumnarMerger(options);
  merger.add(0, builder.takePartial());
  return { tables: merger.tables(), accounting: merger.accounting() };
}
