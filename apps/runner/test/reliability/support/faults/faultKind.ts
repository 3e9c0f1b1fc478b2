/**
 * Every fault the proxy can inject:
 * - `error500` / `error503`: an internal error / service unavailable answer in the service's own shape;
 * - `throttle`: the service's throttling error (S3 `SlowDown` with 503, Kinesis
 *   `ProvisionedThroughputExceededException` with 400);
 * - `delay`: the request is forwarded after a pause;
 * - `reset`: the connection is destroyed before the request reaches the server;
 * - `truncate`: the request is served, but the answer stops halfway through its announced length;
 * - `partialPut`: a Kinesis PutRecords call where some entries are refused as throttled and only the
 *   others reach the server, as Kinesis does under load.
 *
 * @example
 * FAULT_KINDS.includes("reset"); // true
 */
export const FAULT_KINDS = [
  "error500",
  "error503",
  "throttle",
  "delay",
  "reset",
  "truncate",
  "partialPut",
] as const;

/**
 * One kind of injected fault (see {@link FAULT_KINDS}).
 *
 * @example
 * const kind: FaultKind = "throttle";
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * A count per fault kind, all kinds present.
 *
 * @example
 * const counts: FaultCounts = emptyFaultCounts();
 * counts.reset += 1;
 */
export type FaultCounts = Record<FaultKind, number>;

/**
 * Fresh counts, zero for every kind.
 *
 * @example
 * emptyFaultCounts().throttle; // 0
 */
export function emptyFaultCounts(): FaultCounts {
  return Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as FaultCounts;
}
