/**
 * The SQL engines the cleaning SQL is generated for.
 *
 * @example
 * const dialect: SqlDialect = "spark";
 */
export type SqlDialect = "spark" | "duckdb";

/**
 * Every {@link SqlDialect}, in the order help texts list them.
 *
 * @example
 * SQL_DIALECTS.includes("duckdb"); // true
 */
export const SQL_DIALECTS: readonly SqlDialect[] = Object.freeze(["spark", "duckdb"]);

/**
 * What differs between the engines, as functions building SQL text. Everything else the cleaning
 * SQL uses (`CASE`, `||`, `substr`, `regexp_extract`, `trim(LEADING … FROM …)`, `octet_length`,
 * `%`) reads the same in both.
 */
export interface DialectSyntax {
  readonly name: SqlDialect;
  /** A string literal holding exactly `text`. */
  literal(text: string): string;
  /**
   * The statement head creating relation `name`: a temporary view, or where `materialize` asks
   * for it and the engine has no cache of its own to lean on, a temporary table (DuckDB would
   * otherwise clean every line again for each query reading the view).
   */
  create(name: string, materialize: boolean): string;
  /** The length of a string in UTF-8 bytes. */
  byteLength(text: string): string;
  /** Whether the whole of `expression` matches the regular expression `pattern` (RE2/Java syntax). */
  fullMatch(expression: string, pattern: string): string;
  /** `expression` with every match of `pattern` replaced by `replacement` (no back references). */
  replaceAll(expression: string, pattern: string, replacement: string): string;
  /** The parsed JSON document of a line, or NULL when the engine cannot parse it. */
  parse(line: string): string;
  /** Whether a parsed document is a JSON object. */
  isObject(document: string): string;
  /**
   * The JSON type of a top-level field, normalized across engines: `string`, `integer` (a number
   * written without fraction or exponent), `number` (any other number), `null`, `other` (boolean,
   * object, array); SQL NULL when the field is absent.
   */
  fieldKind(document: string, field: string): string;
  /** A top-level string field's value. */
  fieldText(document: string, field: string): string;
  /** A top-level number field's value as a DOUBLE (NULL or infinite when it does not fit). */
  fieldNumber(document: string, field: string): string;
  /** A two-element array of DOUBLE. */
  pair(first: string, second: string): string;
  /** A timestamp (UTC) from parts that are known to name a real instant. */
  timestamp(parts: TimestampParts): string;
}

/** SQL expressions of a timestamp's parts, each an integer. */
export interface TimestampParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
  readonly millisecond: string;
}

const jsonPath = (field: string) => `$.${field}`;

/**
 * DuckDB: standard string literals (no backslash escapes), JSON through the `json` extension
 * (`json_type`, `->>`), RE2 regular expressions.
 */
const DUCKDB: DialectSyntax = {
  name: "duckdb",
  literal: (text) => `'${text.replaceAll("'", "''")}'`,
  create: (name, materialize) => `CREATE OR REPLACE TEMP ${materialize ? "TABLE" : "VIEW"} ${name} AS`,
  byteLength: (text) => `strlen(${text})`,
  fullMatch: (expression, pattern) => `regexp_full_match(${expression}, ${DUCKDB.literal(pattern)})`,
  replaceAll: (expression, pattern, replacement) =>
    `regexp_replace(${expression}, ${DUCKDB.literal(pattern)}, ${DUCKDB.literal(replacement)}, 'g')`,
  parse: (line) => `try_cast(${line} AS JSON)`,
  isObject: (document) => `(json_type(${document}) = 'OBJECT')`,
  fieldKind: (document, field) => {
    const type = `json_type(${document}, ${DUCKDB.literal(jsonPath(field))})`;
    return `CASE ${type} WHEN 'VARCHAR' THEN 'string' WHEN 'BIGINT' THEN 'integer' WHEN 'UBIGINT' THEN 'integer'
      WHEN 'DOUBLE' THEN 'number' WHEN 'NULL' THEN 'null' ELSE CASE WHEN ${type} IS NOT NULL THEN 'other' END END`;
  },
  fieldText: (document, field) => `(${document} ->> ${DUCKDB.literal(jsonPath(field))})`,
  fieldNumber: (document, field) => `TRY_CAST(${document} ->> ${DUCKDB.literal(jsonPath(field))} AS DOUBLE)`,
  pair: (first, second) => `[${first}, ${second}]`,
  timestamp: (p) =>
    `(make_timestamp(${p.year}, ${p.month}, ${p.day}, ${p.hour}, ${p.minute}, CAST(${p.second} AS DOUBLE)) + to_milliseconds(${p.millisecond}))`,
};

/**
 * Spark SQL 4: string literals take backslash escapes (so backslashes are doubled), JSON through
 * the VARIANT type (`try_parse_json`, `variant_get`, `schema_of_variant`), Java regular
 * expressions, `RLIKE` matching anywhere (so anchored with `^` and `\z`, not `$`, which Java also
 * matches before a final line break).
 */
const SPARK: DialectSyntax = {
  name: "spark",
  literal: (text) => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`,
  // Spark keeps views; a job caches the materialized ones (`CACHE TABLE`), as spark/pinpipe_job.py does.
  create: (name) => `CREATE OR REPLACE TEMP VIEW ${name} AS`,
  byteLength: (text) => `octet_length(${text})`,
  fullMatch: (expression, pattern) => `(${expression} RLIKE ${SPARK.literal(`^(?:${pattern})\\z`)})`,
  replaceAll: (expression, pattern, replacement) =>
    `regexp_replace(${expression}, ${SPARK.literal(pattern)}, ${SPARK.literal(replacement)})`,
  parse: (line) => `try_parse_json(${line})`,
  isObject: (document) => `(schema_of_variant(${document}) LIKE 'OBJECT<%')`,
  fieldKind: (document, field) => {
    const type = `schema_of_variant(variant_get(${document}, ${SPARK.literal(jsonPath(field))}))`;
    return `CASE WHEN ${type} = 'STRING' THEN 'string' WHEN ${type} = 'BIGINT' THEN 'integer'
      WHEN ${type} = 'DOUBLE' OR ${type} LIKE 'DECIMAL(%' THEN 'number' WHEN ${type} = 'VOID' THEN 'null'
      WHEN ${type} IS NOT NULL THEN 'other' END`;
  },
  fieldText: (document, field) => `try_variant_get(${document}, ${SPARK.literal(jsonPath(field))}, 'string')`,
  fieldNumber: (document, field) =>
    `try_variant_get(${document}, ${SPARK.literal(jsonPath(field))}, 'double')`,
  pair: (first, second) => `array(${first}, ${second})`,
  timestamp: (p) =>
    `try_make_timestamp(${p.year}, ${p.month}, ${p.day}, ${p.hour}, ${p.minute}, CAST((${p.second} * 1000 + ${p.millisecond}) / 1000.0 AS DECIMAL(8, 3)), 'UTC')`,
};

/**
 * The syntax of a dialect.
 *
 * @throws {TypeError} for a name that is not a {@link SqlDialect}.
 * @example
 * dialectSyntax("spark").literal("it's"); // "'it\\'s'"
 * dialectSyntax("duckdb").literal("it's"); // "'it''s'"
 */
export function dialectSyntax(dialect: SqlDialect): DialectSyntax {
  if (dialect === "spark") return SPARK;
  if (dialect === "duckdb") return DUCKDB;
  throw new TypeError(`unknown SQL dialect ${JSON.stringify(dialect)} (expected spark or duckdb)`);
}
