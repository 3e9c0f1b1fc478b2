import type { Q1Row } from "./q1CategoryByCountry";
import type { Q2Row } from "./q2CategoryByYear";
import type { Q3Row, Q3TopRow } from "./q3TopUserByCountry";
import type { Q4Row } from "./q4CategoryByAgeGroup";
import type { Q5Row } from "./q5MedianFollowersByAgeGroup";
import type { Q6Row } from "./q6UsersJoinedByYear";
import type { Q7Row } from "./q7MedianFollowersByJoinYear";
import type { Q8Row } from "./q8MedianFollowersByAgeGroupAndJoinYear";

/**
 * The results of the eight batch queries, keyed by query name (q3 has two results).
 *
 * @example
 * const results: QueryResults = runQueries(tables);
 * results.q6; // [{ post_year: 2015, number_users_joined: 7 }, …]
 */
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
