import type { AggregateSpecs, AggregateValues } from "./aggregateSpecs";
import { startWindowOperator, type WindowOperator } from "./startWindowOperator";
import { resolveWindowOperatorConfig, type WindowOperatorConfig } from "./windowOperatorConfig";
import { emptyWindowOperatorState } from "./windowOperatorState";

/**
 * Creates an event-time window operator (tumbling, hopping or session windows per key) with a
 * watermark, allowed lateness, late-record output and JSON checkpoints. Pure: no timers, no clock.
 *
 * @throws TypeError or RangeError when the configuration is invalid.
 * @example
 * type Post = { user: string; t: number; followers: number };
 * const op = createWindowOperator({
 *   window: tumbling(60_000),
 *   key: (p: Post) => p.user,
 *   eventTime: (p) => p.t,
 *   aggregate: { posts: count(), followers: { accumulator: median(), value: (p: Post) => p.followers } },
 *   maxOutOfOrderness: 5_000,
 * });
 * op.push({ user: "u1", t: 1_000, followers: 10 });
 * op.push({ user: "u1", t: 2_000, followers: 30 });
 * op.flush().results[0]?.value; // { posts: 2, followers: 10 }
 */
export function createWindowOperator<R, A extends AggregateSpecs<R>>(
  config: WindowOperatorConfig<R, A>,
): WindowOperator<R, AggregateValues<A>> {
  return startWindowOperator(resolveWindowOperatorConfig(config), emptyWindowOperatorState());
}
