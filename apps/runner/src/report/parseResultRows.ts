import { z } from "zod";
import { describeZodIssue } from "./describeZodIssue";
import { RunFolderError } from "./runFolderError";

/** A cell of a result row as `results/<q>.json` holds it. */
export type ResultValue = string | number | boolean | null;

/**
 * One row of a query result: column name → value.
 *
 * @example
 * const row: ResultRow = { country: "Chad", category: "art", category_count: 3 };
 */
export type ResultRow = Readonly<Record<string, ResultValue>>;

const resultRowsSchema = z.array(
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
);

/**
 * Parses a `results/<q>.json` file: a JSON array of flat row objects (scalar values only).
 * `where` names the file in error messages.
 *
 * @throws {RunFolderError} when the text is not JSON or not an array of flat objects.
 * @example
 * parseResultRows('[{"post_year":2018,"number_users_joined":7}]', "results/q6.json"); // [{ post_year: 2018, number_users_joined: 7 }]
 * parseResultRows('{"q6":[]}', "results/q6.json"); // throws RunFolderError
 */
export function parseResultRows(text: string, where: string): ResultRow[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RunFolderError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = resultRowsSchema.safeParse(json);
  if (!parsed.success) {
    throw new RunFolderError(`${where} is not an array of result rows: ${describeZodIssue(parsed.error)}`);
  }
  return parsed.data;
}
