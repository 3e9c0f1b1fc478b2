/**
 * Why a field (or a whole record) did not reach the clean output unchanged:
 *
 * - `not_an_object`: the record is not a plain object (`null`, an array, a string…); rejected.
 * - `missing_key`: the record has no key (`index`, or `ind` when `index` is absent, for pins; `ind`
 *   for geo and user records); rejected.
 * - `invalid_key`: the key is present but not a non-negative safe integer, or (found by
 *   `keyLiteralIssue` on the JSON text) written as a number that does not denote one exactly; rejected.
 * - `hostile_key`: the record has an own `__proto__`, `constructor` or `prototype` key; ignored.
 * - `missing_field`: a column is absent from the raw record; the clean column is `null`.
 * - `wrong_type`: a column holds a value of the wrong JSON type (a number where a string is
 *   expected, an object, `NaN`…); the clean column is `null`.
 * - `placeholder`: a placeholder meaning "no data" (`User Info Error`, an empty or blank string…);
 *   the clean column is `null`.
 * - `unparseable_follower_count`: a follower count that is not a non-negative integer in a supported
 *   form (see `parseFollowerCount`); `null`.
 * - `empty_save_location`: a save location that is nothing but the `Local save in ` prefix; `null`.
 * - `invalid_timestamp`: a timestamp that is not a supported form or not a real instant
 *   (`2021-02-30`, hour 24); `null`.
 * - `coordinates_out_of_range`: latitude outside [-90, 90] or longitude outside [-180, 180]; the
 *   coordinates are `null`.
 * - `incomplete_coordinates`: one of latitude and longitude is usable but the other is not, so the
 *   usable one is dropped with the pair; reported on the dropped field.
 * - `invalid_age`: an age that is not an integer between 0 and {@link MAX_AGE}; `null`.
 *
 * @example
 * const rule: IssueRule = "placeholder";
 */
export type IssueRule =
  | "not_an_object"
  | "missing_key"
  | "invalid_key"
  | "hostile_key"
  | "missing_field"
  | "wrong_type"
  | "placeholder"
  | "unparseable_follower_count"
  | "empty_save_location"
  | "invalid_timestamp"
  | "coordinates_out_of_range"
  | "incomplete_coordinates"
  | "invalid_age";

/**
 * Every {@link IssueRule}, in documentation order (reports list their counts in this order).
 *
 * @example
 * ISSUE_RULES.includes("invalid_age"); // true
 */
export const ISSUE_RULES: readonly IssueRule[] = Object.freeze([
  "not_an_object",
  "missing_key",
  "invalid_key",
  "hostile_key",
  "missing_field",
  "wrong_type",
  "placeholder",
  "unparseable_follower_count",
  "empty_save_location",
  "invalid_timestamp",
  "coordinates_out_of_range",
  "incomplete_coordinates",
  "invalid_age",
] as const);

/**
 * Largest age a clean user record may hold; larger values are reported as `invalid_age`. It keeps
 * ages human and within the Int32 `age` column of the Arrow schema.
 *
 * @example
 * MAX_AGE; // 150
 */
export const MAX_AGE = 150;

/**
 * One finding about a raw record: the raw `field` it concerns (`"$"` for the record itself), the
 * raw `value` found there (`undefined` when absent) and the {@link IssueRule} applied.
 *
 * @example
 * const issue: CleanIssue = { field: "follower_count", value: "User Info Error", rule: "placeholder" };
 */
export interface CleanIssue {
  readonly field: string;
  readonly value: unknown;
  readonly rule: IssueRule;
}

/**
 * The issues of a record that had none: one shared, frozen empty array, so clean records cost no
 * allocation for it.
 *
 * @example
 * cleanUser({ ind: 1, first_name: "Ada", last_name: "Lovelace", age: 36, date_joined: "2016-02-29 08:00:00" })
 *   .issues === NO_ISSUES; // true
 */
export const NO_ISSUES: readonly CleanIssue[] = Object.freeze([]);
