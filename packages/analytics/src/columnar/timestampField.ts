import { ISSUE_RULES } from "@pinpipe/clean";
import { type ColumnPlaceholders, naiveTimestampFromBytes } from "@pinpipe/clean/bytes";
import {
  FIELD_GIVE_UP,
  FIELD_NULL,
  FIELD_PLACEHOLDER,
  FIELD_WRONG_TYPE,
  type IssueSink,
  type LineFields,
  outcomeRule,
} from "./lineFields";
import type { ProbedField } from "./probeCleaners";
import { VALUE_NUMBER, VALUE_STRING } from "./scanFlatObject";

/**
 * A raw timestamp column (`timestamp`, `date_joined`) read the way the cleaners read it: a valid
 * naive timestamp straight from the bytes (`naiveTimestampFromBytes`, the cleaners' own rule),
 * any other string (blank, invalid) through the cleaner itself, non-strings as null with their
 * issue.
 *
 * @example
 * const column = new TimestampField(slot, "timestamp", placeholders, (text) => probeField("geo", "timestamp", text, undefined));
 * const rule = column.read(fields); // -1 (no issue), an ISSUE_RULES index, or FIELD_GIVE_UP
 * column.millis; // e.g. 1647232453000, NaN for null
 */
export class TimestampField {
  /** The clean value of the last {@link read}, as epoch milliseconds (`NaN`: null). */
  millis = Number.NaN;

  constructor(
    private readonly slot: number,
    private readonly field: string,
    private readonly placeholders: ColumnPlaceholders,
    private readonly probe: (text: string) => ProbedField,
  ) {}

  /**
   * Reads the field of the current line: sets {@link millis} and returns the `ISSUE_RULES` index of
   * its issue (-1: none), or `FIELD_GIVE_UP` for strings with escapes.
   */
  read(fields: LineFields): number {
    const slot = this.slot;
    const kind = fields.kind(slot);
    this.millis = Number.NaN;
    if (kind !== VALUE_STRING) {
      return outcomeRule(kind === VALUE_NUMBER ? FIELD_WRONG_TYPE : fields.nonValueOutcome(slot));
    }
    if (!fields.isPlainString(slot)) return FIELD_GIVE_UP;
    const start = fields.start(slot);
    const end = fields.end(slot);
    if (this.placeholders.isListed(fields.bytes, start, end)) return outcomeRule(FIELD_PLACEHOLDER);
    const millis = naiveTimestampFromBytes(fields.bytes, start, end);
    if (!Number.isNaN(millis)) {
      this.millis = millis;
      return FIELD_NULL;
    }
    const probed = this.probe(fields.text(slot));
    this.millis = probed.value instanceof Date ? probed.value.getTime() : Number.NaN;
    return probed.rule;
  }

  /** Counts the issue {@link read} returned, if any. */
  countIssue(issues: IssueSink, rule: number): void {
    if (rule >= 0) issues.countIssue(this.field, ISSUE_RULES[rule]!);
  }
}
