import { GEO_COLUMNS, PIN_COLUMNS, USER_COLUMNS } from "@pinpipe/schemas";
import { type CleanOptions, resolvePlaceholders } from "../cleanOptions";
import type { PlaceholderColumn } from "../placeholders";
import type { TableName } from "../tables";
import {
  ageSql,
  coordinatesSql,
  followerCountSql,
  keyLiteralSql,
  keyValidSql,
  rawFieldColumns,
  saveLocationSql,
  stringColumnSql,
  timestampSql,
  userNameSql,
} from "./cleanColumnSql";
import { type DialectSyntax, dialectSyntax, type SqlDialect } from "./sqlDialect";

/** The line limit of `pinpipe batch` and `analyze` by default (`--max-line-bytes`, 16 MiB). */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * Options of {@link cleanTablesSql}.
 *
 * @example
 * const options: CleanSqlOptions = { dialect: "spark", dedupe: true, clean: { placeholders: { title: ["n/a"] } } };
 */
export interface CleanSqlOptions {
  readonly dialect: SqlDialect;
  /** The placeholder dictionary and its overrides, as the TypeScript cleaners take them. */
  readonly clean?: CleanOptions | undefined;
  /** Drop clean rows equal in every column to another (`SELECT DISTINCT`); default false. */
  readonly dedupe?: boolean | undefined;
  /**
   * Add the raw `position` as a last column of the clean views, to trace a row to its line
   * (default false: the clean views hold exactly the clean columns).
   */
  readonly withPosition?: boolean | undefined;
  /** Lines longer than this many UTF-8 bytes are rejected `too_long` (default 16 MiB). */
  readonly maxLineBytes?: number | undefined;
}

/** One named statement of the cleaning SQL. */
export interface SqlStatement {
  /** The view (or, in DuckDB, table) it creates. */
  readonly view: string;
  /**
   * Whether several statements or queries read it, so that it is worth computing once: DuckDB's
   * SQL makes it a temporary table; a Spark job should `CACHE TABLE` it.
   */
  readonly materialized: boolean;
  readonly sql: string;
}

/**
 * Names of the views the cleaning SQL reads and creates, per table: the raw input (`raw_pin`:
 * columns `line` and `position`), the clean table (`pin`, `geo`, `user_data`: the names
 * `querySql` reads) and the rejected records (`pin_rejected`: `position`, `reason`, `line`).
 *
 * @example
 * CLEAN_SQL_VIEWS.user.clean; // "user_data"
 */
export const CLEAN_SQL_VIEWS: {
  readonly [T in TableName]: { readonly raw: string; readonly clean: string; readonly rejected: string };
} = Object.freeze({
  pin: { raw: "raw_pin", clean: "pin", rejected: "pin_rejected" },
  geo: { raw: "raw_geo", clean: "geo", rejected: "geo_rejected" },
  user: { raw: "raw_user", clean: "user_data", rejected: "user_rejected" },
});

/** The raw fields each table's cleaning reads (besides its key). */
const RAW_FIELDS: { readonly [T in TableName]: readonly string[] } = {
  pin: [
    "unique_id",
    "title",
    "description",
    "follower_count",
    "poster_name",
    "tag_list",
    "is_image_or_video",
    "image_src",
    "save_location",
    "category",
  ],
  geo: ["country", "latitude", "longitude", "timestamp"],
  user: ["first_name", "last_name", "age", "date_joined"],
};

/** The SQL of each clean column, in the schema's column order. */
function cleanColumns(
  table: TableName,
  syntax: DialectSyntax,
  options: CleanOptions | undefined,
): [string, string][] {
  const placeholders = resolvePlaceholders(options);
  const listOf = (column: PlaceholderColumn) => placeholders[column].values();
  const str = (column: PlaceholderColumn) => stringColumnSql(syntax, column, listOf(column));
  const columns: Record<string, string> =
    table === "pin"
      ? {
          unique_id: str("unique_id"),
          title: str("title"),
          description: str("description"),
          follower_count: followerCountSql(syntax, listOf("follower_count")),
          poster_name: str("poster_name"),
          tag_list: str("tag_list"),
          is_image_or_video: str("is_image_or_video"),
          image_src: str("image_src"),
          save_location: saveLocationSql(syntax, listOf("save_location")),
          category: str("category"),
        }
      : table === "geo"
        ? {
            country: str("country"),
            coordinates: coordinatesSql(syntax),
            timestamp: timestampSql(syntax, "timestamp", listOf("timestamp")),
          }
        : {
            user_name: userNameSql(syntax, listOf("first_name"), listOf("last_name")),
            age: ageSql(),
            date_joined: timestampSql(syntax, "date_joined", listOf("date_joined")),
          };
  const order = table === "pin" ? PIN_COLUMNS : table === "geo" ? GEO_COLUMNS : USER_COLUMNS;
  return order.map((column) => [column, column === "ind" ? "_ind" : (columns[column] as string)]);
}

/**
 * The statements that clean one table: `<raw>` → `pinpipe_<table>_fields` (the line parsed once,
 * each raw field's kind, text and number) → `pinpipe_<table>_checked` (the key and the reject
 * reason) → the rejected view and the clean view.
 */
function tableStatements(table: TableName, options: CleanSqlOptions): SqlStatement[] {
  const syntax = dialectSyntax(options.dialect);
  const views = CLEAN_SQL_VIEWS[table];
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (!Number.isSafeInteger(maxLineBytes) || maxLineBytes < 1) {
    throw new TypeError(`maxLineBytes must be a positive integer, got ${String(maxLineBytes)}`);
  }
  const keyFields = table === "pin" ? ["index", "ind"] : ["ind"];
  const fieldsView = `pinpipe_${table}_fields`;
  const checkedView = `pinpipe_${table}_checked`;
  const doc = "_doc";

  const fieldColumns = [...keyFields, ...RAW_FIELDS[table]].flatMap((field) => {
    const { kind, text, number } = rawFieldColumns(field);
    return [
      `${syntax.fieldKind(doc, field)} AS ${kind}`,
      `${syntax.fieldText(doc, field)} AS ${text}`,
      `${syntax.fieldNumber(doc, field)} AS ${number}`,
    ];
  });
  const keyColumns = keyFields.map((field) => `${keyLiteralSql(syntax, "line", field)} AS _l_${field}`);
  const fields = `${syntax.create(fieldsView, false)}
SELECT line, position, _is_object,
  -- Engines may accept text after the value; JSON.parse does not.
  ${doc} IS NOT NULL AND (NOT _is_object OR ${syntax.fullMatch("line", "[\\s\\S]*\\}[ \\t\\n\\r]*")}) AS _valid_json,
  ${[...fieldColumns, ...keyColumns].join(",\n  ")}
FROM (
  SELECT line, position, ${doc}, coalesce(${syntax.isObject(doc)}, false) AS _is_object
  FROM (SELECT line, position, ${syntax.parse("line")} AS ${doc} FROM ${views.raw})
)`;

  // Pins are keyed by `index`, or by `ind` when `index` is absent (null counts as present).
  const key = (part: "kind" | "number" | "literal") => {
    const of = (field: string) =>
      part === "literal" ? `_l_${field}` : rawFieldColumns(field)[part === "kind" ? "kind" : "number"];
    return table === "pin"
      ? `CASE WHEN ${of("index")} IS NOT NULL THEN ${of("index")} ELSE ${of("ind")} END`
      : of("ind");
  };
  const checked = `${syntax.create(checkedView, true)}
SELECT *,
  CASE WHEN _reason IS NULL THEN CAST(${key("number")} AS BIGINT) END AS _ind
FROM (
  SELECT *,
    CASE WHEN ${syntax.byteLength("line")} > ${maxLineBytes} THEN 'too_long'
      WHEN NOT _valid_json THEN 'invalid_json'
      WHEN NOT _is_object THEN 'not_an_object'
      WHEN (${key("kind")}) IS NULL THEN 'missing_key'
      WHEN NOT (${keyValidSql(`(${key("kind")})`, `(${key("number")})`, `(${key("literal")})`)}) THEN 'invalid_key'
    END AS _reason
  FROM ${fieldsView}
)`;

  const rejected = `${syntax.create(views.rejected, false)}
SELECT position, _reason AS reason, line FROM ${checkedView} WHERE _reason IS NOT NULL`;

  const columns = cleanColumns(table, syntax, options.clean)
    .map(([column, sql]) => `${sql} AS ${column}`)
    .concat(options.withPosition === true ? ["position"] : [])
    .join(",\n  ");
  const clean = `${syntax.create(views.clean, true)}
SELECT ${options.dedupe === true ? "DISTINCT " : ""}
  ${columns}
FROM ${checkedView} WHERE _reason IS NULL`;

  return [
    { view: fieldsView, sql: fields, materialized: false },
    { view: checkedView, sql: checked, materialized: true },
    { view: views.rejected, sql: rejected, materialized: false },
    { view: views.clean, sql: clean, materialized: true },
  ];
}

/**
 * The cleaning of the three tables as SQL for Spark SQL 4 or DuckDB, built from the same constants
 * and options as the TypeScript cleaners (placeholder dictionary with `CleanOptions` overrides,
 * follower-count grammar, save-location prefix, coordinate ranges, strict naive timestamps, name
 * joining, key validity, clean column order).
 *
 * Input: views `raw_pin`, `raw_geo`, `raw_user` (see {@link CLEAN_SQL_VIEWS}), one row per
 * non-blank line with columns `line` (the record's text; a byte order mark at a file's start
 * removed, bytes that are not UTF-8 already rejected) and `position` (any type, carried to the
 * rejected rows). Output: the clean views `pin`, `geo`, `user_data` with exactly the clean columns
 * in order (timestamps as TIMESTAMP in UTC, so run Spark with `spark.sql.session.timeZone=UTC`),
 * and `pin_rejected`, `geo_rejected`, `user_rejected` (`position`, `reason`, `line`) with the
 * reasons `too_long`, `invalid_json`, `not_an_object`, `missing_key`, `invalid_key`. Runs the
 * same with Spark's ANSI mode on or off. Where the engines' JSON readers differ from `JSON.parse`,
 * see docs/spark.md.
 *
 * @throws {TypeError} for an unknown dialect or an invalid `maxLineBytes`.
 * @example
 * for (const { sql } of cleanTablesSql({ dialect: "duckdb" })) await connection.run(sql);
 * // then: SELECT * FROM pin; SELECT reason, count(*) FROM pin_rejected GROUP BY reason
 */
export function cleanTablesSql(options: CleanSqlOptions): SqlStatement[] {
  return (["pin", "geo", "user"] as const).flatMap((table) => tableStatements(table, options));
}
