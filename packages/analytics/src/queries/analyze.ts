import { type CleanTables, toAnalyticsTables } from "../toAnalyticsTables";
import { dropDuplicateRecords } from "./dropDuplicateRecords";
import { type QueryOptions, resolveQueryOptions } from "./queryOptions";
import { type QueryResults, runQueries } from "./runQueries";

/**
 * The eight queries from clean records: drops duplicate records when `options.dedupe` is set (the
 * only entry point that can, since it sees whole records), builds the columnar tables and runs
 * {@link runQueries}.
 *
 * @throws {TypeError} on invalid options.
 * @example
 * const results = analyze({ pin, geo, user }, { dedupe: true, median: "exact" });
 * results.q7; // [{ post_year: 2015, median_follower_count: 150.5 }, …]
 */
export function analyze(clean: CleanTables, options?: QueryOptions): QueryResults {
  const resolved = resolveQueryOptions(options);
  const tables = toAnalyticsTables(resolved.dedupe ? dropDuplicateRecords(clean) : clean);
  return runQueries(tables, resolved);
}
