import { MAX_AGE } from "../cleanIssue";
import { SAVE_LOCATION_PREFIX } from "../cleanSaveLocation";
import { MAX_SAFE_DIGITS } from "../integerOfLiteral";
import { USER_NAME_SEPARATOR } from "../joinNameBytes";
import type { DialectSyntax } from "./sqlDialect";

/**
 * The blank set of the cleaners (`isWhitespaceCode`: what `String.prototype.trim` removes) as a
 * regular expression class, written with `\x{…}` escapes that RE2 (DuckDB) and Java (Spark) read
 * alike.
 */
export const BLANK_CLASS =
  "[\\x{09}-\\x{0D}\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]";

/** The JSON white space `JSON.parse` allows around values. */
const JSON_SPACE = "[ \\t\\n\\r]";

/** The columns a raw field becomes in the fields stage: its kind, its text and its number. */
export interface RawFieldColumns {
  readonly kind: string;
  readonly text: string;
  readonly number: string;
}

/**
 * The column names the fields stage gives a raw field (`_k_title`, `_s_title`, `_n_title`).
 *
 * @example
 * rawFieldColumns("title").kind; // "_k_title"
 */
export function rawFieldColumns(field: string): RawFieldColumns {
  return { kind: `_k_${field}`, text: `_s_${field}`, number: `_n_${field}` };
}

/** Regular-expression text matching `text` literally (no character of it is special). */
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|-]/g, "\\$&");
}

/**
 * Whether a string is empty or blank (`isBlank`).
 *
 * @example
 * isBlankSql(dialectSyntax("duckdb"), "s"); // "regexp_full_match(s, '[\\x{09}…]*')"
 */
export function isBlankSql(syntax: DialectSyntax, text: string): string {
  return syntax.fullMatch(text, `${BLANK_CLASS}*`);
}

/**
 * A string with the cleaners' blank set trimmed from both ends (`String.prototype.trim`).
 *
 * @example
 * trimBlankSql(dialectSyntax("spark"), "s"); // "regexp_replace(s, '^[…]+|[…]+\\\\z', '')"
 */
export function trimBlankSql(syntax: DialectSyntax, text: string): string {
  return syntax.replaceAll(text, `^${BLANK_CLASS}+|${BLANK_CLASS}+\\z`, "");
}

/**
 * A raw string column read as `readString` reads it: the string, byte for byte, unless it is one
 * of `placeholders`, empty or blank; NULL for any other JSON type, null or absence.
 *
 * @example
 * stringColumnSql(dialectSyntax("duckdb"), "title", ["Untitled"]);
 */
export function stringColumnSql(
  syntax: DialectSyntax,
  field: string,
  placeholders: readonly string[],
): string {
  const { kind, text } = rawFieldColumns(field);
  const listed =
    placeholders.length === 0
      ? ""
      : `${text} IN (${placeholders.map((p) => syntax.literal(p)).join(", ")}) OR `;
  return `CASE WHEN ${kind} = 'string' AND NOT (${listed}${isBlankSql(syntax, text)}) THEN ${text} END`;
}

/** A DOUBLE that is a whole number in 0..max (`n % 1` keeps huge and infinite values away from casts). */
function wholeInRange(number: string, max: string): string {
  return `${number} >= 0 AND ${number} <= ${max} AND ${number} % 1 = 0`;
}

/**
 * `follower_count` as `cleanPin` reads it: a placeholder (listed, empty, blank) is NULL; a JSON
 * number must be a non-negative safe integer; a string is read by `parseFollowerCount`'s grammar
 * (digits with thousands commas in groups of three, a fraction, one `k`/`M`/`B` suffix in either
 * case, surrounding blanks) and must denote a whole, safe integer, computed exactly on the digits.
 *
 * @example
 * followerCountSql(dialectSyntax("spark"), ["User Info Error"]);
 */
export function followerCountSql(syntax: DialectSyntax, placeholders: readonly string[]): string {
  const { kind, text, number } = rawFieldColumns("follower_count");
  const listed =
    placeholders.length === 0
      ? ""
      : `${text} IN (${placeholders.map((p) => syntax.literal(p)).join(", ")}) OR `;
  const trimmed = trimBlankSql(syntax, text);
  const grammar = "([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]+)?[kKmMbB]?";
  const mantissa = `replace(regexp_extract(${trimmed}, '^[0-9,]+', 0), ',', '')`;
  const fraction = `trim(TRAILING '0' FROM regexp_extract(${trimmed}, '[.]([0-9]+)', 1))`;
  const exponent = `CASE upper(right(${trimmed}, 1)) WHEN 'K' THEN 3 WHEN 'M' THEN 6 WHEN 'B' THEN 9 ELSE 0 END`;
  // The exact digits of mantissa × 10^exponent once the fraction is shifted in (leading zeros dropped).
  const digits = `(trim(LEADING '0' FROM ${mantissa} || ${fraction}) || repeat('0', ${exponent} - length(${fraction})))`;
  const fromText = `CASE WHEN ${syntax.fullMatch(trimmed, grammar)} AND length(${fraction}) <= ${exponent} THEN
        CASE WHEN trim(LEADING '0' FROM ${digits}) = '' THEN CAST(0 AS BIGINT)
             WHEN length(trim(LEADING '0' FROM ${digits})) < ${MAX_SAFE_DIGITS.length}
               OR (length(trim(LEADING '0' FROM ${digits})) = ${MAX_SAFE_DIGITS.length} AND trim(LEADING '0' FROM ${digits}) <= '${MAX_SAFE_DIGITS}')
             THEN CAST(trim(LEADING '0' FROM ${digits}) AS BIGINT) END END`;
  return `CASE WHEN ${kind} = 'string' THEN CASE WHEN ${listed}${isBlankSql(syntax, text)} THEN NULL ELSE ${fromText} END
    WHEN ${kind} IN ('integer', 'number') THEN CASE WHEN ${wholeInRange(number, MAX_SAFE_DIGITS)} THEN CAST(${number} AS BIGINT) END END`;
}

/**
 * `save_location` as `cleanPin` reads it: a string column whose leading `SAVE_LOCATION_PREFIX`
 * (repeated or not) is removed; a blank rest is NULL.
 *
 * @example
 * saveLocationSql(dialectSyntax("duckdb"), []);
 */
export function saveLocationSql(syntax: DialectSyntax, placeholders: readonly string[]): string {
  const path = syntax.replaceAll(
    stringColumnSql(syntax, "save_location", placeholders),
    `^(${escapeRegExp(SAVE_LOCATION_PREFIX)})+`,
    "",
  );
  return `CASE WHEN NOT ${isBlankSql(syntax, path)} THEN ${path} END`;
}

/** The ASCII timestamp layouts `parseNaiveTimestamp` accepts. */
const TIMESTAMP_GRAMMAR =
  "[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?|T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?Z?)";

/**
 * A raw timestamp column (`timestamp`, `date_joined`) read as `readTimestamp` reads it: a string
 * (not a placeholder) in the layout `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS`, an optional 1–9
 * digit fraction truncated to milliseconds, `Z` only in the `T` form, naming a real instant (day
 * within its month, proleptic Gregorian leap years, hour ≤ 23, minute and second ≤ 59); NULL
 * otherwise, never rolled over. The day check is arithmetic, so no engine function sees an
 * impossible date (ANSI mode would raise).
 *
 * @example
 * timestampSql(dialectSyntax("spark"), "timestamp", []);
 */
export function timestampSql(syntax: DialectSyntax, field: string, placeholders: readonly string[]): string {
  const text = stringColumnSql(syntax, field, placeholders);
  const part = (start: number, length: number) => `CAST(substr(${text}, ${start}, ${length}) AS INT)`;
  const year = part(1, 4);
  const month = part(6, 2);
  const day = part(9, 2);
  const hour = part(12, 2);
  const minute = part(15, 2);
  const second = part(18, 2);
  const millisecond = `CAST(rpad(substr(regexp_extract(${text}, '[.]([0-9]+)', 1), 1, 3), 3, '0') AS INT)`;
  const leap = `(${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))`;
  const daysInMonth = `CASE WHEN ${month} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END
      WHEN ${month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  const instant = syntax.timestamp({ year, month, day, hour, minute, second, millisecond });
  return `CASE WHEN ${syntax.fullMatch(text, TIMESTAMP_GRAMMAR)} THEN
      CASE WHEN ${month} BETWEEN 1 AND 12 AND ${day} >= 1 AND ${day} <= ${daysInMonth}
            AND ${hour} <= 23 AND ${minute} <= 59 AND ${second} <= 59 THEN ${instant} END END`;
}

/**
 * `coordinates` as `cleanCoordinates` builds it: `[latitude, longitude]` when both are JSON
 * numbers within ±90 and ±180 (-0 read as 0), else NULL.
 *
 * @example
 * coordinatesSql(dialectSyntax("duckdb"));
 */
export function coordinatesSql(syntax: DialectSyntax): string {
  const latitude = rawFieldColumns("latitude");
  const longitude = rawFieldColumns("longitude");
  const usable = (field: RawFieldColumns, limit: number) =>
    `${field.kind} IN ('integer', 'number') AND ${field.number} >= -${limit} AND ${field.number} <= ${limit}`;
  const zero = "CAST(0 AS DOUBLE)";
  return `CASE WHEN ${usable(latitude, 90)} AND ${usable(longitude, 180)}
      THEN ${syntax.pair(`${latitude.number} + ${zero}`, `${longitude.number} + ${zero}`)} END`;
}

/**
 * `age` as `cleanUser` reads it: a JSON number that is a whole number in 0..MAX_AGE, as INT.
 *
 * @example
 * ageSql(); // "CASE WHEN _k_age IN ('integer', 'number') AND … THEN CAST(_n_age AS INT) END"
 */
export function ageSql(): string {
  const { kind, number } = rawFieldColumns("age");
  return `CASE WHEN ${kind} IN ('integer', 'number') AND ${wholeInRange(number, String(MAX_AGE))} THEN CAST(${number} AS INT) END`;
}

/**
 * `user_name` as `cleanUser` joins it: the first and last names (string columns) trimmed and
 * joined by `USER_NAME_SEPARATOR`, or the one present, or NULL.
 *
 * @example
 * userNameSql(dialectSyntax("spark"), [], []);
 */
export function userNameSql(
  syntax: DialectSyntax,
  firstPlaceholders: readonly string[],
  lastPlaceholders: readonly string[],
): string {
  const first = stringColumnSql(syntax, "first_name", firstPlaceholders);
  const last = stringColumnSql(syntax, "last_name", lastPlaceholders);
  return `CASE WHEN (${first}) IS NULL THEN ${trimBlankSql(syntax, last)}
      WHEN (${last}) IS NULL THEN ${trimBlankSql(syntax, first)}
      ELSE ${trimBlankSql(syntax, first)} || ${syntax.literal(USER_NAME_SEPARATOR)} || ${trimBlankSql(syntax, last)} END`;
}

/**
 * The text of a top-level member's number literal in the raw line, found by a regular expression
 * (the first `"<field>":` followed by a number), for the key check of keys not written as plain
 * integers. Empty when not found.
 *
 * @example
 * keyLiteralSql(dialectSyntax("duckdb"), "line", "ind");
 */
export function keyLiteralSql(syntax: DialectSyntax, line: string, field: string): string {
  return `regexp_extract(${line}, ${syntax.literal(`"${field}"${JSON_SPACE}*:${JSON_SPACE}*(-?[0-9][-+.0-9eE]*)`)}, 1)`;
}

/**
 * Whether a key is a non-negative safe integer, as `readRecordKey` and `keyLiteralIssue` judge
 * it: a JSON integer in range, or a number written with a fraction or exponent whose literal
 * denotes such an integer exactly (`1e2`, `1.0`; not `1e-400` nor `4503599627370495.5`),
 * decided on the literal's digits as `integerOfLiteral` does. When the literal cannot be found
 * (an escaped member name), the parsed number decides.
 *
 * @example
 * keyValidSql("_k_ind", "_n_ind", "_l_ind");
 */
export function keyValidSql(kind: string, number: string, literal: string): string {
  const whole = `regexp_extract(${literal}, '^-?([0-9]+)', 1)`;
  const fraction = `regexp_extract(${literal}, '[.]([0-9]+)', 1)`;
  const exponentText = `regexp_extract(${literal}, '[eE]([-+]?[0-9]+)', 1)`;
  const exponentDigits = `trim(LEADING '0' FROM regexp_extract(${exponentText}, '[0-9]+', 0))`;
  const digits = `trim(LEADING '0' FROM ${whole} || ${fraction})`;
  const significant = `trim(TRAILING '0' FROM ${digits})`;
  const exponent = `(CASE WHEN ${exponentDigits} = '' THEN 0 ELSE CAST(${exponentText} AS BIGINT) END - length(${fraction}) + length(${digits}) - length(${significant}))`;
  const literalExact = `CASE WHEN ${digits} = '' THEN true
      WHEN ${literal} LIKE '-%' OR length(${exponentDigits}) > 9 THEN false
      ELSE ${exponent} >= 0 AND length(${significant}) + ${exponent} <= ${MAX_SAFE_DIGITS.length} END`;
  const inRange = wholeInRange(number, MAX_SAFE_DIGITS);
  return `CASE WHEN ${kind} = 'integer' THEN ${inRange}
      WHEN ${kind} = 'number' THEN CASE WHEN ${literal} = '' THEN ${inRange} ELSE (${literalExact}) AND ${inRange} END
      ELSE false END`;
}
