/**
 * DuckDB SQL that reads raw NDJSON with `read_ndjson` and cleans it the way @pinpipe/clean does,
 * into the clean tables `pin`, `geo` and `user_data` that `querySql` reads. Raw values are read as
 * JSON so that their JSON type decides, as in the cleaners (a number where a string belongs is
 * null, a numeric string where a number belongs is null). Lines that are not JSON objects are
 * skipped (`ignore_errors`); records without a non-negative safe integer key are left out.
 */

/** White space as the cleaners' `isBlank` and trimming know it (String.prototype.trim's set). */
const WS =
  "[\\x{09}-\\x{0D}\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]";

/** Macros shared by the three tables. */
export const CLEANING_MACROS = [
  `CREATE OR REPLACE MACRO is_blank(s) AS regexp_full_match(s, '${WS}*')`,
  `CREATE OR REPLACE MACRO trim_ws(s) AS regexp_replace(s, '^${WS}+|${WS}+$', '', 'g')`,
  // A string column: the string unless it is a listed placeholder or blank; non-strings are null.
  `CREATE OR REPLACE MACRO clean_str(j, placeholders) AS
     CASE WHEN json_type(j) = 'VARCHAR' AND NOT (list_contains(placeholders, j->>'$') OR is_blank(j->>'$'))
          THEN j->>'$' END`,
  `CREATE OR REPLACE MACRO num_of(j) AS
     CASE WHEN json_type(j) IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN TRY_CAST(j::VARCHAR AS DOUBLE) END`,
  `CREATE OR REPLACE MACRO key_of(j) AS
     CASE WHEN num_of(j) >= 0 AND num_of(j) <= 9007199254740991 AND num_of(j) = floor(num_of(j))
          THEN CAST(num_of(j) AS BIGINT) END`,
  // parseFollowerCount on text: digits (thousands commas in groups of three), a fraction, a k/M/B
  // suffix; the value must be a whole, safe integer. Exact, in HUGEINT digits.
  `CREATE OR REPLACE MACRO follower_digits(t) AS
     CASE WHEN regexp_full_match(t, '(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?[kKmMbB]?') THEN {
       int_part: replace(regexp_extract(t, '^(\\d{1,3}(,\\d{3})+|\\d+)', 1), ',', ''),
       fraction: rtrim(regexp_extract(t, '\\.(\\d+)', 1), '0'),
       exponent: CASE lower(regexp_extract(t, '([kKmMbB])$', 1)) WHEN 'k' THEN 3 WHEN 'm' THEN 6 WHEN 'b' THEN 9 ELSE 0 END
     } END`,
  `CREATE OR REPLACE MACRO follower_value(d) AS
     CASE WHEN length(d.fraction) <= d.exponent
          THEN TRY_CAST(d.int_part || d.fraction || repeat('0', d.exponent - length(d.fraction)) AS HUGEINT) END`,
  `CREATE OR REPLACE MACRO safe_bigint(v) AS CASE WHEN v <= 9007199254740991 THEN CAST(v AS BIGINT) END`,
  `CREATE OR REPLACE MACRO clean_followers(j) AS
     CASE
       WHEN json_type(j) = 'VARCHAR' THEN
         CASE WHEN NOT ((j->>'$') = 'User Info Error' OR is_blank(j->>'$'))
              THEN safe_bigint(follower_value(follower_digits(trim_ws(j->>'$')))) END
       WHEN num_of(j) >= 0 AND num_of(j) <= 9007199254740991 AND num_of(j) = floor(num_of(j))
         THEN CAST(num_of(j) AS BIGINT)
     END`,
  // parseNaiveTimestamp: YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM:SS, an optional 1-9 digit fraction
  // (truncated to ms), Z only in the T form; impossible instants are null, never rolled over.
  `CREATE OR REPLACE MACRO ts_parts(s) AS
     CASE WHEN regexp_full_match(s, '\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?|T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z?)') THEN {
       y: CAST(substr(s, 1, 4) AS INTEGER), m: CAST(substr(s, 6, 2) AS INTEGER), d: CAST(substr(s, 9, 2) AS INTEGER),
       h: CAST(substr(s, 12, 2) AS INTEGER), mi: CAST(substr(s, 15, 2) AS INTEGER), sec: CAST(substr(s, 18, 2) AS INTEGER),
       ms: CAST(rpad(substr(regexp_extract(s, '\\.(\\d+)', 1) || '', 1, 3), 3, '0') AS INTEGER)
     } END`,
  `CREATE OR REPLACE MACRO ts_value(p) AS
     CASE WHEN p.m BETWEEN 1 AND 12 AND p.d >= 1 AND p.d <= day(last_day(make_date(p.y, p.m, 1)))
               AND p.h <= 23 AND p.mi <= 59 AND p.sec <= 59
          THEN make_timestamp(p.y, p.m, p.d, p.h, p.mi, p.sec + p.ms / 1000.0) END`,
  `CREATE OR REPLACE MACRO clean_ts(j) AS
     CASE WHEN json_type(j) = 'VARCHAR' AND NOT is_blank(j->>'$') THEN ts_value(ts_parts(j->>'$')) END`,
  `CREATE OR REPLACE MACRO clean_age(j) AS
     CASE WHEN num_of(j) >= 0 AND num_of(j) <= 150 AND num_of(j) = floor(num_of(j)) THEN CAST(num_of(j) AS INTEGER) END`,
];

const json = (names: readonly string[]) => `{${names.map((name) => `'${name}': 'JSON'`).join(", ")}}`;

function readNdjson(files: readonly string[], columns: readonly string[]): string {
  const list = files.map((file) => `'${file.replaceAll("'", "''")}'`).join(", ");
  return `read_ndjson([${list}], columns = ${json(columns)}, ignore_errors = true, maximum_object_size = 16777216)`;
}

const PIN_PLACEHOLDERS = {
  title: ["No Title Data Available", "Untitled"],
  description: ["No description available Story format", "No description available", "Untitled"],
  poster_name: ["User Info Error"],
  tag_list: ["N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e"],
  image_src: ["Image src error."],
};
const list = (values: readonly string[] = []) =>
  `[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")}]::VARCHAR[]`;

/**
 * The statements that create the three clean tables from the raw files. Without `allColumns`
 * only the columns the queries read are kept (DuckDB then never extracts the others); with it,
 * every clean column, as `SELECT DISTINCT *` deduplication needs.
 *
 * @example
 * for (const sql of cleanTablesSql(files, false)) await connection.run(sql);
 */
export function cleanTablesSql(
  files: {
    readonly pin: readonly string[];
    readonly geo: readonly string[];
    readonly user: readonly string[];
  },
  allColumns: boolean,
): string[] {
  const pinAll = allColumns
    ? `clean_str(unique_id, ${list()}) AS unique_id, clean_str(title, ${list(PIN_PLACEHOLDERS.title)}) AS title,
       clean_str(description, ${list(PIN_PLACEHOLDERS.description)}) AS description,`
    : "";
  const pinRest = allColumns
    ? `, clean_str(tag_list, ${list(PIN_PLACEHOLDERS.tag_list)}) AS tag_list,
       clean_str(is_image_or_video, ${list()}) AS is_image_or_video,
       clean_str(image_src, ${list(PIN_PLACEHOLDERS.image_src)}) AS image_src,
       CASE WHEN NOT is_blank(regexp_replace(clean_str(save_location, ${list()}), '^(Local save in )+', ''))
            THEN regexp_replace(clean_str(save_location, ${list()}), '^(Local save in )+', '') END AS save_location`
    : "";
  const pin = `CREATE OR REPLACE TABLE pin AS
    SELECT key_of(CASE WHEN "index" IS NOT NULL THEN "index" ELSE ind END) AS ind, ${pinAll}
           clean_followers(follower_count) AS follower_count,
           clean_str(poster_name, ${list(PIN_PLACEHOLDERS.poster_name)}) AS poster_name ${pinRest},
           clean_str(category, ${list()}) AS category
    FROM ${readNdjson(files.pin, ["index", "ind", "unique_id", "title", "description", "follower_count", "poster_name", "tag_list", "is_image_or_video", "image_src", "save_location", "category"])}
    WHERE key_of(CASE WHEN "index" IS NOT NULL THEN "index" ELSE ind END) IS NOT NULL`;
  const coordinates = allColumns
    ? `CASE WHEN num_of(latitude) BETWEEN -90 AND 90 AND num_of(longitude) BETWEEN -180 AND 180
            THEN [num_of(latitude) + 0, num_of(longitude) + 0] END AS coordinates,`
    : "";
  const geo = `CREATE OR REPLACE TABLE geo AS
    SELECT key_of(ind) AS ind, clean_str(country, ${list()}) AS country, ${coordinates} clean_ts("timestamp") AS "timestamp"
    FROM ${readNdjson(files.geo, ["ind", "timestamp", "latitude", "longitude", "country"])}
    WHERE key_of(ind) IS NOT NULL`;
  const userName = allColumns
    ? `CASE WHEN clean_str(first_name, ${list()}) IS NULL THEN trim_ws(clean_str(last_name, ${list()}))
            WHEN clean_str(last_name, ${list()}) IS NULL THEN trim_ws(clean_str(first_name, ${list()}))
            ELSE trim_ws(clean_str(first_name, ${list()})) || ' ' || trim_ws(clean_str(last_name, ${list()})) END AS user_name,`
    : "";
  const user = `CREATE OR REPLACE TABLE user_data AS
    SELECT key_of(ind) AS ind, ${userName} clean_age(age) AS age, clean_ts(date_joined) AS date_joined
    FROM ${readNdjson(files.user, ["ind", "first_name", "last_name", "age", "date_joined"])}
    WHERE key_of(ind) IS NOT NULL`;
  return [pin, geo, user];
}
