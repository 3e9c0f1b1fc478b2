import type { JsonValue } from "../jsonValue";

/**
 * An incremental aggregate, in the style of Arquero's aggregate objects: a state is created by
 * `init`, fed values with `add` (and `remove`, where the aggregate can undo an `add`), combined
 * with another state by `merge`, and read with `result`. States are plain JSON values so a window
 * operator can checkpoint them.
 *
 * Contract: `add` and `remove` may update the state they are given in place and return it (for
 * speed on large windows); always use the returned state. `merge` returns a new state and leaves
 * its inputs untouched. `remove` must only be given a value that was added before.
 * `isState` recognises a valid state, so restored checkpoints can be checked.
 *
 * @example
 * const acc = count();
 * acc.result(acc.add(acc.add(acc.init(), "a"), "b")); // 2
 */
export interface Accumulator<S extends JsonValue = JsonValue, O = unknown> {
  /** Stable identifier (e.g. `"quantile(0.9)"`), recorded in checkpoints to catch a changed config. */
  readonly name: string;
  init(): S;
  add(state: S, value: unknown): S;
  merge(a: S, b: S): S;
  result(state: S): O;
  remove?(state: S, value: unknown): S;
  isState(value: unknown): value is S;
}
