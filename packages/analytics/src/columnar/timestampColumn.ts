import { ColumnPlaceholders } from "./columnPlaceholders";
import type { LineFields } from "./lineFields";
import { VALUE_STRING } from "./scanFlatObject";
import { COMMON_TIMESTAMP_LENGTH, timestampFromBytes } from "./timestampFromBytes";

/**
 * Reads a raw timestamp column (`timestamp`, `date_joined`) into epoch milliseconds the way the
 * cleaners do: the common 19-byte shape straight from the bytes, any other string through the
 * cleaner itself (`clean`), non-strings as null.
 *
 * @example
 * const column = new TimestampColumn(2, DEFAULT_PLACEHOLDERS.timestamp, (text) => probeGeoColumn("timestamp", text));
 * column.read(fields); // e.g. 1647232453000, NaN for null, undefined to give up
 */
export class TimestampColumn {
  private readonly placeholders: ColumnPlaceholders;

  constructor(
    private readonly slot: number,
    placeholders: readonly string[],
    private readonly clean: (text: string) => Date | null,
  ) {
    this.placeholders = new ColumnPlaceholders(placeholders);
  }

  /** Epoch milliseconds, `NaN` for null, or `undefined` when the fast path must give up (escapes). */
  read(fields: LineFields): number | undefined {
    const slot = this.slot;
    if (fields.kind(slot) !== VALUE_STRING) return Number.NaN;
    if (!fields.isPlainString(slot)) return undefined;
    const start = fields.start(slot);
    const end = fields.end(slot);
    if (end - start === COMMON_TIMESTAMP_LENGTH && !this.placeholders.isListed(fields.bytes, start, end)) {
      return timestampFromBytes(fields.bytes, start);
    }
    const date = this.clean(fields.text(slot));
    return date === null ? Number.NaN : date.getTime();
  }
}
