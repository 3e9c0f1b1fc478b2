import { QUERY_NAMES, QUERY_REGISTRY, type QueryName, querySql } from "@pinpipe/analytics";
import type { CleanOptions } from "@pinpipe/clean";
import {
  CLEAN_SQL_VIEWS,
  cleanTablesSql,
  DEFAULT_MAX_LINE_BYTES,
  type SqlDialect,
  type SqlStatement,
} from "@pinpipe/clean/sql";

/** The median and ties options of the queries, as `pinpipe batch` takes them. */
export interface SqlQueryOptions {
  readonly median: "lower" | "exact";
  readonly ties: "all" | "first";
}

/** Everything `pinpipe sql` prints: how the SQL is set up, the cleaning, the queries. */
export interface PipelineSqlOptions extends SqlQueryOptions {
  readonly dialect: SqlDialect;
  readonly dedupe: boolean;
  readonly clean?: CleanOptions | undefined;
  readonly maxLineBytes?: number | undefined;
}

/**
 * The session settings the SQL needs: timestamps are UTC instants, and the queries take years in
 * UTC (Spark's `spark.sql.session.timeZone`, DuckDB's `TimeZone`).
 *
 * @example
 * sessionSetupSql("spark"); // ["SET spark.sql.session.timeZone = UTC"]
 */
export function sessionSetupSql(dialect: SqlDialect): string[] {
  return dialect === "spark" ? ["SET spark.sql.session.timeZone = UTC"] : ["SET TimeZone = 'UTC'"];
}

/**
 * The nine queries' SQL over the clean views. With `dedupe` the clean views are already
 * deduplicated, so the queries read them as they are.
 *
 * @example
 * pipelineQueries({ median: "lower", ties: "all" }).q6; // "WITH …"
 */
export function pipelineQueries(options: SqlQueryOptions): Record<QueryName, string> {
  const queryOptions = { median: options.median, ties: options.ties, dedupe: false };
  return Object.fromEntries(
    QUERY_NAMES.map((name) => [name, querySql(name, { options: queryOptions })]),
  ) as Record<QueryName, string>;
}

/**
 * The whole pipeline as one SQL script for a user's own engine: a header saying what the input
 * views must hold, the session setting, the cleaning statements, then each query under a comment
 * naming it and its columns. Every statement ends with `;`.
 *
 * @example
 * pipelineSqlScript({ dialect: "duckdb", dedupe: false, median: "lower", ties: "all" });
 */
export function pipelineSqlScript(options: PipelineSqlOptions): string {
  const views = Object.values(CLEAN_SQL_VIEWS);
  const header = [
    `-- pinpipe: the cleaning and the eight batch queries as ${options.dialect === "spark" ? "Spark SQL 4" : "DuckDB"} SQL.`,
    `-- Input: views ${views.map((v) => v.raw).join(", ")}, one row per non-blank raw line, with columns`,
    "--   line (the record's JSON text; a byte order mark at a file's start removed, lines that are",
    "--   not UTF-8 left out as invalid_json) and position (anything: it is carried to the rejects).",
    `-- Output: clean views ${views.map((v) => v.clean).join(", ")}, rejected records in ${views.map((v) => v.rejected).join(", ")}`,
    "--   (position, reason, line), then the query results in order.",
    `-- Options: dedupe=${options.dedupe} median=${options.median} ties=${options.ties} max-line-bytes=${options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES}`,
  ];
  const parts: string[] = [header.join("\n"), ...sessionSetupSql(options.dialect).map((sql) => `${sql};`)];
  for (const { view, sql } of cleanTablesSql(options)) parts.push(`-- ${view}\n${sql};`);
  const queries = pipelineQueries(options);
  for (const name of QUERY_NAMES) {
    const { title, columns } = QUERY_REGISTRY[name];
    parts.push(`-- ${name}: ${title} (${columns.join(", ")})\n${queries[name]};`);
  }
  return `${parts.join("\n\n")}\n`;
}

/** A key of {@link PipelineSqlBundle.queries}: `median=lower,ties=all`. */
export type QueryVariantKey = `median=${SqlQueryOptions["median"]},ties=${SqlQueryOptions["ties"]}`;

/**
 * The SQL a job runs (the Spark job reads it from a file): every variant its options can pick, so
 * one file serves `--dedupe`, `--median` and `--ties` alike; the cleaning options and line limit
 * are fixed when it is made.
 */
export interface PipelineSqlBundle {
  readonly format: "pinpipe-sql/1";
  readonly dialect: SqlDialect;
  readonly maxLineBytes: number;
  /** The cleaning options the statements were generated from. */
  readonly clean: CleanOptions | null;
  readonly setup: readonly string[];
  readonly views: typeof CLEAN_SQL_VIEWS;
  /** The cleaning statements, without and with deduplication of the clean views. */
  readonly statements: { readonly all: readonly SqlStatement[]; readonly dedupe: readonly SqlStatement[] };
  readonly queries: { readonly [key in QueryVariantKey]: Record<QueryName, string> };
  readonly queryColumns: { readonly [name in QueryName]: readonly string[] };
}

/**
 * The {@link PipelineSqlBundle} of a dialect, cleaning options and line limit.
 *
 * @example
 * pipelineSqlBundle("spark").queries["median=lower,ties=all"].q1; // "WITH …"
 */
export function pipelineSqlBundle(
  dialect: SqlDialect,
  clean?: CleanOptions | undefined,
  maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
): PipelineSqlBundle {
  const queries = {} as Record<QueryVariantKey, Record<QueryName, string>>;
  for (const median of ["lower", "exact"] as const) {
    for (const ties of ["all", "first"] as const) {
      queries[`median=${median},ties=${ties}`] = pipelineQueries({ median, ties });
    }
  }
  return {
    format: "pinpipe-sql/1",
    dialect,
    maxLineBytes,
    clean: clean ?? null,
    setup: sessionSetupSql(dialect),
    views: CLEAN_SQL_VIEWS,
    statements: {
      all: cleanTablesSql({ dialect, clean, maxLineBytes, dedupe: false }),
      dedupe: cleanTablesSql({ dialect, clean, maxLineBytes, dedupe: true }),
    },
    queries,
    queryColumns: Object.fromEntries(QUERY_NAMES.map((name) => [name, QUERY_REGISTRY[name].columns])) as {
      [name in QueryName]: readonly string[];
    },
  };
}
