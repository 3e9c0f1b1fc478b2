import type { PlaceholderColumn } from "@pinpipe/clean";
import type { ColumnPlaceholders } from "@pinpipe/clean/bytes";
import type { Utf8ColumnBuilder } from "./cleanRows";
import type { FieldMemo } from "./fieldMemo";
import { countOutcome, FIELD_VALUE, type IssueSink, type LineFields } from "./lineFields";

/**
 * A string column that the cleaners keep byte for byte unless it is a placeholder (titles,
 * descriptions, tags, ids, image sources): its outcome, issue, hash and clean bytes come straight
 * from the line, without decoding.
 *
 * @example
 * import { columnPlaceholders } from "@pinpipe/clean/bytes";
 * const title = new TextField(slot, "title", columnPlaceholders("title", undefined));
 * const outcome = title.outcome(fields); // FIELD_VALUE, FIELD_PLACEHOLDER, FIELD_NULL…
 */
export class TextField {
  constructor(
    private readonly slot: number,
    private readonly field: PlaceholderColumn,
    private readonly placeholders: ColumnPlaceholders,
  ) {}

  /** The field's outcome in the current line (see `LineFields.textOutcome`). */
  outcome(fields: LineFields): number {
    return fields.textOutcome(this.slot, this.placeholders);
  }

  /** Counts the issue an outcome raises, if any. */
  countIssue(issues: IssueSink, outcome: number): void {
    if (outcome !== FIELD_VALUE) countOutcome(issues, this.field, outcome, null);
  }

  /** Folds the clean value's hash into the record hash. */
  addHash(fields: LineFields, outcome: number): void {
    fields.hashText(this.slot, outcome);
    fields.hasher.addFieldHash(fields.hasher.fieldLo, fields.hasher.fieldHi);
  }

  /** Appends the clean value to a whole-row column. */
  push(fields: LineFields, outcome: number, column: Utf8ColumnBuilder): void {
    if (outcome === FIELD_VALUE)
      column.pushBytes(fields.bytes, fields.start(this.slot), fields.end(this.slot));
    else column.pushNull();
  }

  /**
   * Appends a memo entry's clean string (null for non-entries) to a whole-row column.
   *
   * @example
   * TextField.pushEntry(categoryMemo, entry, rows.category);
   */
  static pushEntry(memo: FieldMemo, entry: number, column: Utf8ColumnBuilder): void {
    const text = entry < 0 ? null : memo.texts[entry]!;
    if (text === null) column.pushNull();
    else column.pushBytes(text, 0, text.length);
  }
}
