import { QUERY_NAMES, QUERY_REGISTRY, type QueryDefinition, type QueryName } from "@pinpipe/analytics";

/**
 * The columns of each query result, in order (the CSV header, also for a result without rows):
 * `QUERY_REGISTRY[name].columns`, keyed by name, kept for callers not yet reading the registry.
 *
 * @example
 * RESULT_COLUMNS.q6; // ["post_year", "number_users_joined"]
 */
export const RESULT_COLUMNS: { readonly [Q in QueryName]: QueryDefinition<Q>["columns"] } = Object.freeze(
  Object.fromEntries(QUERY_NAMES.map((name) => [name, QUERY_REGISTRY[name].columns])) as {
    [Q in QueryName]: QueryDefinition<Q>["columns"];
  },
);

type Cell = string | number | boolean | null | undefined;

/**
 * A query result as JSON: an array of row objects, one row per line.
 *
 * @example
 * resultJson([{ post_year: 2018, number_users_joined: 7 }]); // '[\n{"post_year":2018,"number_users_joined":7}\n]\n'
 * resultJson([]); // "[]\n"
 */
export function resultJson(rows: readonly object[]): string {
  return rows.length === 0 ? "[]\n" : `[\n${rows.map((row) => JSON.stringify(row)).join(",\n")}\n]\n`;
}

function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A query result as CSV (RFC 4180): a header line of `columns`, then one line per row, lines
 * ended by CRLF; a field holding a comma, a double quote, CR or LF is quoted, its quotes doubled;
 * null is an empty field.
 *
 * @example
 * resultCsv(["country", "poster_name"], [{ country: "Chad", poster_name: 'Say "hi", me' }]);
 * // 'country,poster_name\r\nChad,"Say ""hi"", me"\r\n'
 */
export function resultCsv(columns: readonly string[], rows: readonly object[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) {
    const cells = row as Readonly<Record<string, Cell>>;
    lines.push(columns.map((column) => csvField(cells[column])).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
