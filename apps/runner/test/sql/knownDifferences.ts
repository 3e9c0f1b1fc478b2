/**
 * Lines whose JSON the engines read differently from `JSON.parse` (docs/spark.md, "Where the SQL
 * differs"): a member given twice (JSON.parse keeps the last; DuckDB the first; Spark rejects the
 * line) and a lone surrogate escape such as `\ud800` (JSON.parse accepts it; DuckDB and Spark
 * reject the line). The differential tests leave them out; `knownDifferences.test.ts` pins what
 * each engine does with them.
 */
export function isKnownDifference(line: Uint8Array): boolean {
  const text = Buffer.from(line).toString("latin1");
  if (/\\u[dD][89a-fA-F][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])/.test(text)) return true;
  try {
    const names = [...text.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)].map((match) => match[1]);
    return new Set(names).size !== names.length;
  } catch {
    return false;
  }
}
