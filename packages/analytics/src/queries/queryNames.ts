/**
 * The nine results of the batch queries, in order (q3 has two results, `q3` and `q3_top`).
 *
 * @example
 * QUERY_NAMES.length; // 9
 */
export const QUERY_NAMES = ["q1", "q2", "q3", "q3_top", "q4", "q5", "q6", "q7", "q8"] as const;

/**
 * The name of one query result, a key of `QueryResults` and of `QUERY_REGISTRY`.
 *
 * @example
 * const name: QueryName = "q3_top";
 */
export type QueryName = (typeof QUERY_NAMES)[number];
