import { count } from "./count";
import { max } from "./max";
import { median } from "./median";
import { min } from "./min";
import { quantile } from "./quantile";
import { sum } from "./sum";
import { topK } from "./topK";

/**
 * The built-in window accumulators under one name (like Arquero's `op`), so that short names such
 * as `count` or `min` do not clash with other exports of the package:
 * `count()`, `sum()`, `min()`, `max()`, `quantile(q)`, `median()`, `topK(k)`.
 *
 * @example
 * const { count, median, topK } = accumulators;
 * const aggregate = { posts: count(), followers: median(), tags: topK(3) };
 */
export const accumulators = { count, sum, min, max, quantile, median, topK } as const;
