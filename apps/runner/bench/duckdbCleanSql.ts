/**
 * DuckDB SQL that reads raw NDJSON with `read_ndjson` and cleans it the way @pinpipe/clean does,
 * into the clean tables `pin`, `geo` and `user_data` that `querySql` reads. Raw values are read as
 * JSON so that their JSON type decides, as in the cleaners (a number where a string belongs is
 * null, a numeric string where a number belongs is null); each value's type (`t_…`) and text
 * (`s_…`) are extracted once, then cleaned. Lines that are not JSON objects are skipped
 * (`ignore_errors`); records without a non-negative safe integer key are left out. Written for
 * speed as well as fidelity: cheap checks before regular expressions, and follower counts parsed
 * once per distinct raw value.
 */

/** White space as the cleaners' `isBlank` and trimming know it (String.prototype.trim's set). */
const WS =
  "[\\x{09}-\\x{0D}\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]";

/**
 * Macros shared by the three tables; `t` is a value's JSON type, `s` its text.
 *
 * @example
 * for (const sql of CLEANING_MACROS) await connection.run(sql);
 */
export const CLEANING_MACROS = [
  // A string starting with printable ASCII is not blank: the regular expression runs only for the rest.
  `CREATE OR REPLACE MACRO is_blank(s) AS
     CASE WHEN s = '' THEN true WHEN unicode(s) BETWEEN 33 AND 126 THEN false ELSE regexp_full_match(s, '${WS}*') END`,
  `CREATE OR REPLACE MACRO trim_ws(s) AS
     CASE WHEN unicode(s) BETWEEN 33 AND 126 AND unicode(right(s, 1)) BETWEEN 33 AND 126 THEN s
          ELSE regexp_replace(s, '^${WS}+|${WS}+$', '', 'g') END`,
  // A string column: the string unless it is a listed placeholder or blank; non-strings are null.
  `CREATE OR REPLACE MACRO clean_str(t, s, placeholders) AS
     CASE WHEN t = 'VARCHAR' AND NOT (list_contains(placeholders, s) OR is_blank(s)) THEN s END`,
  `CREATE OR REPLACE MACRO num_of(t, s) AS
     CASE WHEN t IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN TRY_CAST(s AS DOUBLE) END`,
  `CREATE OR REPLACE MACRO safe_int(v, max) AS
     CASE WHEN v >= 0 AND v <= max AND v = floor(v) THEN CAST(v AS BIGINT) END`,
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
  // The common form goes through strptime, which rejects impossible dates and hours over 23 itself.
  `CREATE OR REPLACE MACRO clean_ts(t, s) AS
     CASE WHEN t <> 'VARCHAR' THEN NULL
          WHEN s SIMILAR TO '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}' THEN try_strptime(s, '%Y-%m-%d %H:%M:%S')
          WHEN NOT is_blank(s) THEN ts_value(ts_parts(s)) END`,
  // parseFollowerCount on text: digits (thousands commas in groups of three), a fraction, a k/M/B
  // suffix; the value must be a whole, safe integer. Exact, in HUGEINT digits.
  `CREATE OR REPLACE MACRO follower_parts(s) AS
     CASE WHEN regexp_full_match(s, '(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?[kKmMbB]?') THEN {
       digits: replace(regexp_extract(s, '^[0-9,]+'), ',', ''),
       fraction: rtrim(regexp_extract(s, '\\.([0-9]+)', 1), '0'),
       exponent: CASE lower(right(s, 1)) WHEN 'k' THEN 3 WHEN 'm' THEN 6 WHEN 'b' THEN 9 ELSE 0 END
     } END`,
  `CREATE OR REPLACE MACRO follower_value(p) AS
     CASE WHEN length(p.fraction) <= p.exponent
          THEN TRY_CAST(p.digits || p.fraction || repeat('0', p.exponent - length(p.fraction)) AS HUGEINT) END`,
];

function readNdjson(files: readonly string[], columns: readonly string[]): string {
  const list = files.map((file) => `'${file.replaceAll("'", "''")}'`).join(", ");
  const types = columns.map((name) => `'${name}': 'JSON'`).join(", ");
  return `read_ndjson([${list}], columns = {${types}}, ignore_errors = true, maximum_object_size = 16777216)`;
}

/** `json_type(c) AS t_c, c->>'$' AS s_c` for each column. */
const typedTexts = (columns: readonly string[]) =>
  columns.map((c) => `json_type("${c}") AS "t_${c}", "${c}"->>'$' AS "s_${c}"`).join(", ");

const list = (values: readonly string[] = []) =>
  `[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")}]::VARCHAR[]`;
const str = (column: string, placeholders: readonly string[] = []) =>
  `clean_str("t_${column}", "s_${column}", ${list(placeholders)})`;

const PIN_COLUMNS = ["index", "ind", "unique_id", "title", "description", "follower_count", "poster_name"];
const PIN_MORE = ["tag_list", "is_image_or_video", "image_src", "save_location", "category"];
const MAX_SAFE = "9007199254740991";

/**
 * The statements that create the three clean tables from the raw files. Without `allColumns`
 * only the columns the queries read are kept; with it, every clean column, as `SELECT DISTINCT *`
 * deduplication needs.
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
  const pinKey = `safe_int(num_of(CASE WHEN "t_index" IS NOT NULL THEN "t_index" ELSE "t_ind" END,
                                  CASE WHEN "t_index" IS NOT NULL THEN "s_index" ELSE "s_ind" END), ${MAX_SAFE})`;
  const pinRaw = `CREATE OR REPLACE TEMP TABLE pin_raw AS
    SELECT * EXCLUDE (t_index, s_index, t_ind, s_ind), ${pinKey} AS ind
    FROM (SELECT ${typedTexts([...PIN_COLUMNS, ...PIN_MORE])} FROM ${readNdjson(files.pin, [...PIN_COLUMNS, ...PIN_MORE])})
    WHERE ${pinKey} IS NOT NULL`;
  // Few distinct raw follower counts: parse each once.
  const followers = `CREATE OR REPLACE TEMP TABLE follower_counts AS
    SELECT t_follower_count, s_follower_count,
      CASE WHEN t_follower_count = 'VARCHAR' THEN
             CASE WHEN NOT (s_follower_count = 'User Info Error' OR is_blank(s_follower_count))
                  THEN (SELECT CASE WHEN v <= ${MAX_SAFE} THEN CAST(v AS BIGINT) END
                        FROM (SELECT follower_value(follower_parts(trim_ws(s_follower_count))) AS v)) END
           ELSE safe_int(num_of(t_follower_count, s_follower_count), ${MAX_SAFE}) END AS follower_count
    FROM (SELECT DISTINCT t_follower_count, s_follower_count FROM pin_raw)`;
  const pinAll = allColumns
    ? `${str("unique_id")} AS unique_id, ${str("title", ["No Title Data Available", "Untitled"])} AS title,
       ${str("description", ["No description available Story format", "No description available", "Untitled"])} AS description,`
    : "";
  const pinMore = allColumns
    ? `${str("tag_list", ["N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e"])} AS tag_list,
       ${str("is_image_or_video")} AS is_image_or_video, ${str("image_src", ["Image src error."])} AS image_src,
       CASE WHEN NOT is_blank(regexp_replace(${str("save_location")}, '^(Local save in )+', ''))
            THEN regexp_replace(${str("save_location")}, '^(Local save in )+', '') END AS save_location,`
    : "";
  const pin = `CREATE OR REPLACE TABLE pin AS
    SELECT r.ind, ${pinAll} f.follower_count, ${str("poster_name", ["User Info Error"])} AS poster_name, ${pinMore}
           ${str("category")} AS category
    FROM pin_raw r
    LEFT JOIN follower_counts f
      ON r.t_follower_count IS NOT DISTINCT FROM f.t_follower_count
     AND r.s_follower_count IS NOT DISTINCT FROM f.s_follower_count`;

  const coordinates = allColumns
    ? `CASE WHEN num_of(t_latitude, s_latitude) BETWEEN -90 AND 90 AND num_of(t_longitude, s_longitude) BETWEEN -180 AND 180
            THEN [num_of(t_latitude, s_latitude) + 0, num_of(t_longitude, s_longitude) + 0] END AS coordinates,`
    : "";
  const geoColumns = ["ind", "timestamp", "latitude", "longitude", "country"];
  const geo = `CREATE OR REPLACE TABLE geo AS
    SELECT safe_int(num_of(t_ind, s_ind), ${MAX_SAFE}) AS ind, ${str("country")} AS country, ${coordinates}
           clean_ts(t_timestamp, s_timestamp) AS "timestamp"
    FROM (SELECT ${typedTexts(geoColumns)} FROM ${readNdjson(files.geo, geoColumns)})
    WHERE safe_int(num_of(t_ind, s_ind), ${MAX_SAFE}) IS NOT NULL`;

  const first = str("first_name");
  const last = str("last_name");
  const userName = allColumns
    ? `CASE WHEN ${first} IS NULL THEN trim_ws(${last}) WHEN ${last} IS NULL THEN trim_ws(${first})
            ELSE trim_ws(${first}) || ' ' || trim_ws(${last}) END AS user_name,`
    : "";
  const userColumns = ["ind", "first_name", "last_name", "age", "date_joined"];
  const user = `CREATE OR REPLACE TABLE user_data AS
    SELECT safe_int(num_of(t_ind, s_ind), ${MAX_SAFE}) AS ind, ${userName}
           CAST(safe_int(num_of(t_age, s_age), 150) AS INTEGER) AS age, clean_ts(t_date_joined, s_date_joined) AS date_joined
    FROM (SELECT ${typedTexts(userColumns)} FROM ${readNdjson(files.user, userColumns)})
    WHERE safe_int(num_of(t_ind, s_ind), ${MAX_SAFE}) IS NOT NULL`;
  return [pinRaw, followers, pin, geo, user];
}
