/**
 * Options shared by the TypeScript queries and the SQL text; every field is optional and falls
 * back to {@link DEFAULT_QUERY_OPTIONS}.
 */
export interface QueryOptions {
  /**
   * How a "most popular" / "most followers" query treats a tie for first place.
   * `"all"` (default): every tied winner is a row, like SQL `rank() = 1`.
   * `"first"`: one winner per group, the smallest name in binary (code point) order, nulls last,
   * like SQL `row_number() = 1` ordered by the metric then the name.
   */
  readonly ties?: "all" | "first" | undefined;
  /**
   * Which median the median queries report.
   * `"lower"` (default): the lower of the two middle values for an even count (the middle one for
   * an odd count), which is SQL `percentile_disc(0.5)` and what Spark's `percentile_approx(x, 0.5)`
   * returns on data of this size.
   * `"exact"`: the mean of the two middle values, SQL `percentile_cont(0.5)`.
   */
  readonly median?: "lower" | "exact" | undefined;
  /**
   * Drop exact duplicate records from each clean table before the queries, like Spark's
   * `dropDuplicates()`. Default `false`, as in the published Spark notebooks, so a repeated `ind`
   * multiplies through the joins. Only the record-level entry points (`analyze`, the SQL text) can
   * honour it: the columnar tables hold too few columns to tell whole records apart, so
   * `runQueries` and the single queries assume the tables were deduplicated upstream if wanted.
   */
  readonly dedupe?: boolean | undefined;
}

/** {@link QueryOptions} with every field present. */
export type ResolvedQueryOptions = {
  readonly [Key in keyof QueryOptions]-?: Exclude<QueryOptions[Key], undefined>;
};

/**
 * The defaults: all tied winners, the lower median, no deduplication.
 *
 * @example
 * DEFAULT_QUERY_OPTIONS.median; // "lower"
 */
export const DEFAULT_QUERY_OPTIONS: ResolvedQueryOptions = Object.freeze({
  ties: "all",
  median: "lower",
  dedupe: false,
});

const CHOICES: Readonly<Record<keyof QueryOptions, readonly unknown[]>> = {
  ties: ["all", "first"],
  median: ["lower", "exact"],
  dedupe: [true, false],
};

/**
 * Checks caller-supplied options (they may come from a CLI or JSON, so the types are not trusted)
 * and fills in the defaults. Unknown keys are rejected so a typo cannot silently mean "default".
 *
 * @throws {TypeError} when `options` is not a plain object, has an unknown key or an invalid value.
 * @example
 * resolveQueryOptions({ ties: "first" }); // { ties: "first", median: "lower", dedupe: false }
 * resolveQueryOptions(JSON.parse('{"median":"mean"}')); // throws TypeError: invalid query option median: "mean" (expected "lower" or "exact")
 */
export function resolveQueryOptions(options: QueryOptions = {}): ResolvedQueryOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`query options must be an object, got ${describe(options)}`);
  }
  const resolved: Record<string, unknown> = { ...DEFAULT_QUERY_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    const choices = Object.hasOwn(CHOICES, key) ? CHOICES[key as keyof QueryOptions] : undefined;
    if (choices === undefined) {
      throw new TypeError(`unknown query option ${JSON.stringify(key)} (expected ties, median or dedupe)`);
    }
    if (value === undefined) continue;
    if (!choices.includes(value)) {
      const expected = choices.map((choice) => JSON.stringify(choice)).join(" or ");
      throw new TypeError(`invalid query option ${key}: ${describe(value)} (expected ${expected})`);
    }
    resolved[key] = value;
  }
  return resolved as ResolvedQueryOptions;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}
