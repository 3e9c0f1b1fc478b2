import type { AnalyticsTables } from "../analyticsTables";
import { QueryContext } from "./queryContext";
import { QUERY_NAMES, type QueryName } from "./queryNames";
import { type QueryOptions, resolveQueryOptions } from "./queryOptions";
import { QUERY_REGISTRY } from "./queryRegistry";
import type { QueryResults } from "./queryResults";

export type { QueryResults } from "./queryResults";

/**
 * The order `runQueries` runs the queries in (their `reads` are in `QUERY_REGISTRY`): pin ⋈ geo's
 * queries, then q6, then pin ⋈ user's, each join's queries ordered so that its keys and follower
 * counts can be dropped as early as possible (q3 and q3_top, ranking q3's rows, drop the poster
 * names and pin ⋈ geo's follower counts, q1 the countries, q2 the join itself; likewise q4, q5,
 * q8, q7 over pin ⋈ user). Every name of `QUERY_NAMES` exactly once.
 */
const RUN_ORDER: readonly QueryName[] = ["q3", "q3_top", "q1", "q2", "q6", "q4", "q5", "q8", "q7"];

type MutableResults = { -readonly [Q in QueryName]?: QueryResults[Q] };

/**
 * Runs the eight queries of `QUERY_REGISTRY` over columnar tables, building each join and
 * grouping key once for all of them and dropping it after the last query that reads it, so at
 * most one join's row pairs and a few of its keys are held at a time. Each result is documented
 * on its query function (`q1` … `q8`, `q3Top`). `options.dedupe` has no effect here (see
 * {@link QueryOptions.dedupe}): use `analyze` on records to deduplicate.
 *
 * @throws {TypeError} on invalid options; {@link RangeError} on inconsistent column lengths or
 * dictionary ids.
 * @example
 * const results = runQueries(toAnalyticsTables({ pin, geo, user }), { ties: "first" });
 * results.q1[0]; // { country: "Afghanistan", category: "education", category_count: 12 }
 */
export function runQueries(tables: AnalyticsTables, options?: QueryOptions): QueryResults {
  const resolved = resolveQueryOptions(options);
  const context = new QueryContext(tables);
  const results: MutableResults = {};
  const run = <Q extends QueryName>(name: Q, at: number) => {
    // Before each query, keep only what it and the queries after it read.
    context.retainOnly(RUN_ORDER.slice(at).flatMap((later) => QUERY_REGISTRY[later].reads));
    results[name] = QUERY_REGISTRY[name].run(context, resolved, results);
  };
  RUN_ORDER.forEach(run);
  return Object.fromEntries(QUERY_NAMES.map((name) => [name, results[name]])) as unknown as QueryResults;
}
