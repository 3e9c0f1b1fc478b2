import { addCounts } from "./reliabilityTally";

/**
 * What happened to the records a test sent: every one must be written once; rejected ones are the
 * invalid records a test sent on purpose.
 *
 * @example
 * const outcome: RecordOutcome = { sent: 100, written: 98, rejected: 2, duplicates: 0, lost: 0 };
 */
export interface RecordOutcome {
  readonly sent: number;
  readonly written: number;
  readonly rejected?: number;
  readonly duplicates: number;
  readonly lost: number;
}

/**
 * Adds a test's record outcome to the "records" section of the reliability table.
 *
 * @example
 * addRecordOutcome({ sent: 100, written: 100, duplicates: 0, lost: 0 });
 */
export function addRecordOutcome(outcome: RecordOutcome): void {
  addCounts("records", { rejected: 0, ...outcome });
}

/**
 * Compares the ids sent with the ids found: how many were found more than once (extra copies) and
 * how many never.
 *
 * @example
 * compareIds([1, 2, 3], [1, 1, 3]); // { sent: 3, written: 3, duplicates: 1, lost: 1 }
 */
export function compareIds(sent: Iterable<number | string>, found: Iterable<number | string>): RecordOutcome {
  const expected = new Set(sent);
  const seen = new Map<number | string, number>();
  let written = 0;
  for (const id of found) {
    seen.set(id, (seen.get(id) ?? 0) + 1);
    written += 1;
  }
  let duplicates = 0;
  let lost = 0;
  for (const [, count] of seen) duplicates += count - 1;
  for (const id of expected) if (!seen.has(id)) lost += 1;
  return { sent: expected.size, written, duplicates, lost };
}
