import type { LateRecord, WindowOperator, WindowOutput, WindowResult } from "../../src/windows";

/** One thing a test does to an operator. */
export type Step<R> = { readonly push: R } | { readonly advance: number } | { readonly flush: true };

/** Applies the steps in order and returns each step's output. */
export function runSteps<R, V>(
  operator: WindowOperator<R, V>,
  steps: readonly Step<R>[],
): WindowOutput<R, V>[] {
  return steps.map((step) => {
    if ("push" in step) return operator.push(step.push);
    if ("advance" in step) return operator.advanceWatermark(step.advance);
    return operator.flush();
  });
}

/** Pushes every record then flushes; returns all results and late records in emission order. */
export function pushAllThenFlush<R, V>(
  operator: WindowOperator<R, V>,
  records: readonly R[],
): { results: WindowResult<V>[]; late: LateRecord<R>[] } {
  const outputs = runSteps(operator, [...records.map((push) => ({ push })), { flush: true } as const]);
  return { results: outputs.flatMap((o) => o.results), late: outputs.flatMap((o) => o.late) };
}

/** Results with `final: true`, ordered by key, start, end (emission order can differ between runs). */
export function finalResults<V>(results: readonly WindowResult<V>[]): WindowResult<V>[] {
  return sortResults(results.filter((r) => r.final));
}

/** Results ordered by key, start, end, revision. */
export function sortResults<V>(results: readonly WindowResult<V>[]): WindowResult<V>[] {
  return [...results].sort(
    (a, b) =>
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      a.windowStart - b.windowStart ||
      a.windowEnd - b.windowEnd ||
      a.revision - b.revision,
  );
}
