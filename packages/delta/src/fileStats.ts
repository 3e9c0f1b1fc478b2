/** The Delta type of a column whose statistics are kept (nested columns keep none). */
export type StatsColumnType = "long" | "integer" | "double" | "string" | "timestamp";

/**
 * One column's statistics over a data file: min/max as numbers (timestamps in epoch
 * milliseconds) or strings (ordered by UTF-8 bytes), null when every value is null.
 *
 * @example
 * const column: ColumnStats = { name: "ind", type: "long", nullCount: 0, min: 1, max: 9 };
 */
export interface ColumnStats {
  readonly name: string;
  readonly type: StatsColumnType;
  readonly nullCount: number;
  readonly min: number | string | null;
  readonly max: number | string | null;
}

/** Strings longer than this many characters keep a prefix as their minimum and no maximum. */
export const STATS_STRING_PREFIX = 32;

function statValue(type: StatsColumnType, value: number | string): number | string {
  if (type === "timestamp") return new Date(value as number).toISOString();
  return value;
}

/**
 * The `stats` text of an `add` action: `numRecords`, and per column `minValues`, `maxValues` and
 * `nullCount`. A string longer than {@link STATS_STRING_PREFIX} code points keeps its prefix as
 * the minimum (a prefix never sorts after the value) and no maximum (a cut maximum would be
 * wrong); timestamps are ISO-8601 in UTC; a column with only nulls has a null count only.
 *
 * @example
 * fileStatsJson(2, [{ name: "ind", type: "long", nullCount: 0, min: 1, max: 2 }]);
 * // '{"numRecords":2,"minValues":{"ind":1},"maxValues":{"ind":2},"nullCount":{"ind":0}}'
 */
export function fileStatsJson(numRecords: number, columns: readonly ColumnStats[]): string {
  const minValues: Record<string, number | string> = {};
  const maxValues: Record<string, number | string> = {};
  const nullCount: Record<string, number> = {};
  for (const column of columns) {
    nullCount[column.name] = column.nullCount;
    if (column.min === null || column.max === null) continue;
    if (typeof column.min === "number" && !Number.isFinite(column.min)) continue;
    if (typeof column.max === "number" && !Number.isFinite(column.max)) continue;
    if (column.type === "string") {
      const min = [...String(column.min)];
      const max = [...String(column.max)];
      minValues[column.name] = min.slice(0, STATS_STRING_PREFIX).join("");
      if (max.length <= STATS_STRING_PREFIX) maxValues[column.name] = max.join("");
      continue;
    }
    minValues[column.name] = statValue(column.type, column.min);
    maxValues[column.name] = statValue(column.type, column.max);
  }
  return JSON.stringify({ numRecords, minValues, maxValues, nullCount });
}
