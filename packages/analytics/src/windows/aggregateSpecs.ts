import type { Accumulator } from "./accumulators/accumulator";

/**
 * An accumulator fed by its own value selector, for windows that aggregate several fields.
 *
 * @example
 * const followers: AggregateOver<Pin> = { accumulator: median(), value: (pin) => pin.followerCount };
 */
export interface AggregateOver<R> {
  readonly accumulator: Accumulator;
  readonly value: (record: R) => unknown;
}

/**
 * The named aggregates of a window: each is an accumulator (fed with the operator's `value`
 * selector, or the record itself) or an {@link AggregateOver} with its own selector.
 *
 * @example
 * const aggregates: AggregateSpecs<Pin> = {
 *   posts: count(),
 *   followers: { accumulator: median(), value: (pin) => pin.followerCount },
 * };
 */
export type AggregateSpecs<R> = Readonly<Record<string, Accumulator | AggregateOver<R>>>;

/**
 * The result object of a window for the given aggregates: one field per aggregate name, typed by
 * what its accumulator's `result` returns.
 *
 * @example
 * type V = AggregateValues<{ posts: Accumulator<number, number> }>; // { posts: number }
 */
export type AggregateValues<A> = {
  -readonly [K in keyof A]: A[K] extends { result(state: never): infer O }
    ? O
    : A[K] extends { readonly accumulator: { result(state: never): infer O } }
      ? O
      : never;
};
