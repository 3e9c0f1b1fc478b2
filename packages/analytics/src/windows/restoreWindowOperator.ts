import type { AggregateSpecs, AggregateValues } from "./aggregateSpecs";
import { parseWindowState } from "./parseWindowState";
import { startWindowOperator, type WindowOperator } from "./startWindowOperator";
import { resolveWindowOperatorConfig, type WindowOperatorConfig } from "./windowOperatorConfig";

/**
 * Resumes an operator from a checkpoint made by `serialize()` (the value, or its JSON text), under
 * the same configuration it was made with. The resumed operator emits exactly what the original
 * would have emitted from that point on.
 *
 * @throws WindowStateError when the checkpoint is not valid or was made under other settings;
 * TypeError or RangeError when the configuration itself is invalid.
 * @example
 * const checkpoint = JSON.stringify(op.serialize());
 * // … process restarts …
 * const resumed = restoreWindowOperator(config, checkpoint);
 * resumed.push(nextRecord);
 */
export function restoreWindowOperator<R, A extends AggregateSpecs<R>>(
  config: WindowOperatorConfig<R, A>,
  checkpoint: unknown,
): WindowOperator<R, AggregateValues<A>> {
  const resolved = resolveWindowOperatorConfig(config);
  return startWindowOperator(resolved, parseWindowState(resolved, checkpoint));
}
