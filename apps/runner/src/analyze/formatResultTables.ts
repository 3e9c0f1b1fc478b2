/** One-line titles of the nine results, in output order. */
const TITLES: Readonly<Record<string, string>> = {
  q1: "most popular category per country",
  q2: "most popular category per year (2018-2022)",
  q3: "user with the most followers per country",
  q3_top: "country with the user with the most followers",
  q4: "most popular category per age group",
  q5: "median follower count per age group",
  q6: "users joined per year (2015-2020)",
  q7: "median follower count per join year (2015-2020)",
  q8: "median follower count per age group and join year",
};

/** A value as a table cell: `null` spelled out, control characters escaped so rows stay one line. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "null";
  const text = String(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is matched
  return /[\u0000-\u001f\u007f]/.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}

function formatTable(rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  const first = rows[0];
  if (first === undefined) return ["  (no rows)"];
  const columns = Object.keys(first);
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
 * The query results (`QueryResults`: result name → rows) as readable text: per result a
 * `q1: title` heading and an aligned table (numbers right-aligned, `null` spelled out), in the
 * results' key order.
 *
 * @example
 * formatResultTables({ q6: [{ post_year: 2015, number_users_joined: 7 }] });
 * // "q6: users joined per year (2015-2020)\n  post_year  number_users_joined\n  ---------  -------------------\n       2015                    7\n"
 */
export function formatResultTables(results: object): string {
  const entries = Object.entries(results) as [string, readonly Readonly<Record<string, unknown>>[]][];
  const blocks = entries.map(([name, rows]) => {
    const title = TITLES[name];
    return [title === undefined ? `${name}:` : `${name}: ${title}`, ...formatTable(rows)].join("\n");
  });
  return `${blocks.join("\n\n")}\n`;
}
