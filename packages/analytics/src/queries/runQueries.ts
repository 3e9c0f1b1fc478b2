import type { AnalyticsTables } from "../analyticsTables";
import { type Q1Row, q1 } from "./q1CategoryByCountry";
import { type Q2Row, q2 } from "./q2CategoryByYear";
import { type Q3Row, type Q3TopRow, q3, topCountries } from "./q3TopUserByCountry";
import { type Q4Row, q4 } from "./q4CategoryByAgeGroup";
import { type Q5Row, q5 } from "./q5MedianFollowersByAgeGroup";
import { type Q6Row, q6 } from "./q6UsersJoinedByYear";
import { type Q7Row, q7 } from "./q7MedianFollowersByJoinYear";
import { type Q8Row, q8 } from "./q8MedianFollowersByAgeGroupAndJoinYear";
import { QueryContext } from "./queryContext";
import { type QueryOptions, resolveQueryOptions } from "./queryOptions";

/** The results of the eight batch queries, keyed by query name (q3 has two results). */
export interface QueryResults {
  readonly q1: Q1Row[];
  readonly q2: Q2Row[];
  readonly q3: Q3Row[];
  readonly q3_top: Q3TopRow[];
  readonly q4: Q4Row[];
  readonly q5: Q5Row[];
  readonly q6: Q6Row[];
  readonly q7: Q7Row[];
  readonly q8: Q8Row[];
}

/**
 * Runs the eight queries over columnar tables, building each join and grouping key once for all
 * of them. Each result is documented on its query function (`q1` … `q8`, `q3Top`). `options.dedupe`
 * has no effect here (see {@link QueryOptions.dedupe}): use `analyze` on records to deduplicate.
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
  const q3Rows = q3(context, resolved);
  return {
    q1: q1(context, resolved),
    q2: q2(context, resolved),
    q3: q3Rows,
    q3_top: topCountries(q3Rows, resolved.ties),
    q4: q4(context, resolved),
    q5: q5(context, resolved),
    q6: q6(context, resolved),
    q7: q7(context, resolved),
    q8: q8(context, resolved),
  };
}
