import type { DuckDBInstance } from "@duckdb/node-api";

/**
 * Runs `sql` on a connection of its own to `db` and returns the rows as JSON objects; the
 * connection is closed even when the query fails, so a failing test leaks none.
 *
 * @example
 * await queryDuckDb(db, "SELECT 1 AS one"); // [{ one: 1 }]
 */
export async function queryDuckDb(db: DuckDBInstance, sql: string) {
  const connection = await db.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
  }
}
