import {
  BIGINT,
  DOUBLE,
  type DuckDBConnection,
  type DuckDBType,
  INTEGER,
  jsToDuckDBValue,
  LIST,
  TIMESTAMP,
  VARCHAR,
} from "@duckdb/node-api";
import { GEO_COLUMNS, PIN_COLUMNS, USER_COLUMNS } from "@pinpipe/schemas";
import type { CleanTables } from "../../src/index";

const COLUMN_TYPES: Readonly<Record<string, DuckDBType>> = {
  ind: BIGINT,
  follower_count: BIGINT,
  age: INTEGER,
  coordinates: LIST(DOUBLE),
  timestamp: TIMESTAMP,
  date_joined: TIMESTAMP,
};

const TABLES = [
  ["pin", "pin", PIN_COLUMNS],
  ["geo", "geo", GEO_COLUMNS],
  ["user", "user_data", USER_COLUMNS],
] as const;

/**
 * (Re)creates the clean tables `pin`, `geo` and `user_data` in DuckDB with their schema types
 * (BIGINT ids and counts, VARCHAR strings, DOUBLE[] coordinates, TIMESTAMP dates holding UTC wall
 * time) and appends the records.
 *
 * @example
 * await loadIntoDuckDb(connection, { pin: [], geo: [], user: [] });
 */
export async function loadIntoDuckDb(connection: DuckDBConnection, tables: CleanTables): Promise<void> {
  for (const [key, table, columns] of TABLES) {
    const types = columns.map((column) => COLUMN_TYPES[column] ?? VARCHAR);
    const definition = columns.map((column, at) => `${column} ${types[at]!.toString()}`).join(", ");
    await connection.run(`CREATE OR REPLACE TABLE ${table} (${definition})`);
    const appender = await connection.createAppender(table);
    for (const record of tables[key]) {
      columns.forEach((column, at) => {
        const value = (record as unknown as Record<string, unknown>)[column];
        appender.appendValue(jsToDuckDBValue(value as never, types[at]!), types[at]!);
      });
      appender.endRow();
    }
    appender.closeSync();
  }
}
