import {
  type CleanOptions,
  cleanGeo,
  cleanPin,
  cleanUser,
  ISSUE_RULES,
  type IssueRule,
} from "@pinpipe/clean";
import type { RawTableName } from "./rawTableName";

/** A clean column value as a probe returns it. */
export type ProbedValue = string | number | Date | readonly [number, number] | null;

/** What a cleaner made of one raw field: the clean value and the issue it raised (-1: none). */
export interface ProbedField {
  readonly value: ProbedValue;
  /** Index in `ISSUE_RULES` of the field's issue, -1 for none. */
  readonly rule: number;
}

const RULE_INDEX: ReadonlyMap<IssueRule, number> = new Map(ISSUE_RULES.map((rule, i) => [rule, i]));

/**
 * What @pinpipe/clean makes of one raw field of `table` (a column cleaned from the raw field of
 * the same name: follower_count, poster_name, country, timestamp, age, date_joined…), found by
 * cleaning a record that holds only a valid key and that field, with the run's options. The fast
 * scanner calls it once per distinct raw value (and for unusual values), so its values and issues
 * are those of the cleaners by construction.
 *
 * @example
 * probeField("pin", "follower_count", "2M", undefined); // { value: 2000000, rule: -1 }
 * probeField("pin", "title", "Untitled", undefined); // { value: null, rule: ISSUE_RULES.indexOf("placeholder") }
 */
export function probeField(
  table: RawTableName,
  field: string,
  raw: unknown,
  options: CleanOptions | undefined,
): ProbedField {
  const result =
    table === "pin"
      ? cleanPin({ index: 0, [field]: raw }, options)
      : table === "geo"
        ? cleanGeo({ ind: 0, [field]: raw }, options)
        : cleanUser({ ind: 0, [field]: raw }, options);
  // The probes always carry a valid key, so the cleaners cannot reject them.
  if (!result.ok) throw new Error("probe record rejected");
  const issue = result.issues.find((candidate) => candidate.field === field);
  const value = (result.value as unknown as Readonly<Record<string, ProbedValue>>)[field] ?? null;
  return { value, rule: issue === undefined ? -1 : RULE_INDEX.get(issue.rule)! };
}

/**
 * The clean `user_name` of raw first and last names (`undefined`: field absent), with the options'
 * placeholders.
 *
 * @example
 * probeUserName(" Ada ", "Lovelace", undefined); // "Ada Lovelace"
 * probeUserName("", undefined, undefined); // null
 */
export function probeUserName(
  firstName: unknown,
  lastName: unknown,
  options: CleanOptions | undefined,
): string | null {
  const result = cleanUser({ ind: 0, first_name: firstName, last_name: lastName }, options);
  if (!result.ok) throw new Error("probe record rejected");
  return result.value.user_name;
}
