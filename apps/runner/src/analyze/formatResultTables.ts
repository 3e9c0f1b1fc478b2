import { QUERY_NAMES, QUERY_REGISTRY, type QueryResults } from "@pinpipe/analytics";

/** A value as a table cell: `null` spelled out, control characters escaped so rows stay one line. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "null";
  const text = String(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is matched
  return /[\u0000-\u001f\u007f]/.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}

function formatTable(
  columns: readonly string[],
  rows: readonly Readonly<Record<string, unknown>>[],
): string[] {
  if (rows.length === 0) return ["  (no rows)"];
  const cells = rows.map((row) => columns.map((column) => cell(row[column])));
  const numeric = columns.map((column) =>
    rows.every((row) => typeof row[column] === "number" || row[column] === null),
  );
  const widths = columns.map((column, c) => Math.max(column.length, ...cells.map((line) => line[c]!.length)));
  const pad = (text: string, c: number) => (numeric[c] ? text.padStart(widths[c]!) : text.padEnd(widths[c]!));
  const line = (texts: readonly string[]) => `  ${texts.map(pad).join("  ").trimEnd()}`;
  return [line(columns), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)];
}

/**
 * The query results as readable text: per result present, in `QUERY_NAMES` order, a
 * `q1: title` heading (the query's title in `QUERY_REGISTRY`) and an aligned table of its
 * registry columns (numbers right-aligned, `null` spelled out).
 *
 * @example
 * formatResultTables({ q6: [{ post_year: 2015, number_users_joined: 7 }] });
 * // "q6: Users joined per year (2015–2020)\n  post_year  number_users_joined\n  ---------  -------------------\n       2015                    7\n"
 */
export function formatResultTables(results: Partial<QueryResults>): string {
  const blocks = QUERY_NAMES.flatMap((name) => {
    const rows: readonly object[] | undefined = results[name];
    if (rows === undefined) return [];
    const { title, columns } = QUERY_REGISTRY[name];
    return [
      [
        `${name}: ${title}`,
        ...formatTable(columns, rows as readonly Readonly<Record<string, unknown>>[]),
      ].join("\n"),
    ];
  });
  return `${blocks.join("\n\n")}\n`;
}
