import type { AnalyticsTables } from "../analyticsTables";
import { type Q1Row, q1 } from "./q1CategoryByCountry";
import { type Q2Row, q2 } from "./q2CategoryByYear";
import { type Q3Row, type Q3TopRow, q3, topCountries } from "./q3TopUserByCountry";
import { type Q4Row, q4 } from "./q4CategoryByAgeGroup";
import { type Q5Row, q5 } from "./q5MedianFollowersByAgeGroup";
import { type Q6Row, q6 } from "./q6UsersJoinedByYear";
import { type Q7Row, q7 } from "./q7MedianFollowersByJoinYear";
import { type Q8Row, q8 } from "./q8MedianFollowersByAgeGroupAndJoinYear";
import { type ContextValue, QueryContext } from "./queryContext";
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
 * What each query reads from the {@link QueryContext}, in the order `runQueries` runs them: pin ⋈
 * geo's queries, then q6, then pin ⋈ user's, each join's queries ordered so that its keys and
 * follower counts can be dropped as early as possible (q3 drops the poster names and pin ⋈ geo's
 * follower counts, q1 the countries, q2 the join itself; likewise q4, q5, q8, q7 over pin ⋈ user).
 */
const READS = {
  q3: ["pinGeo.country", "pinGeo.posterName", "pinGeo.followers"],
  q1: ["pinGeo.country", "pinGeo.category"],
  q2: ["pinGeo.postYear", "pinGeo.category"],
  q6: ["user.joinYear"],
  q4: ["pinUser.ageGroup", "pinUser.category"],
  q5: ["pinUser.ageGroup", "pinUser.followers"],
  q8: ["pinUser.ageGroup", "pinUser.joinYear", "pinUser.followers"],
  q7: ["pinUser.joinYear", "pinUser.followers"],
} as const satisfies Record<string, readonly ContextValue[]>;
type QueryName = keyof typeof READS;
const ORDER = Object.keys(READS) as QueryName[];

/**
 * Runs the eight queries over columnar tables, building each join and grouping key once for all
 * of them and dropping it after the last query that reads it, so at most one join's row pairs and
 * a few of its keys are held at a time. Each result is documented on its query function (`q1` … `q8`, `q3Top`). `options.dedupe`
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
  // Before each query, keep only what it and the queries after it read.
  const next = (query: QueryName) => {
    context.retainOnly(ORDER.slice(ORDER.indexOf(query)).flatMap((later) => READS[later]));
    return context;
  };
  const q3Rows = q3(next("q3"), resolved);
  const q1Rows = q1(next("q1"), resolved);
  const q2Rows = q2(next("q2"), resolved);
  const q6Rows = q6(next("q6"), resolved);
  const q4Rows = q4(next("q4"), resolved);
  const q5Rows = q5(next("q5"), resolved);
  const q8Rows = q8(next("q8"), resolved);
  const q7Rows = q7(next("q7"), resolved);
  return {
    q1: q1Rows,
    q2: q2Rows,
    q3: q3Rows,
    q3_top: topCountries(q3Rows, resolved.ties),
    q4: q4Rows,
    q5: q5Rows,
    q6: q6Rows,
    q7: q7Rows,
    q8: q8Rows,
  };
}
