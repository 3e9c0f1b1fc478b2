import type { EmulatorStep } from "@pinpipe/ingest";

/**
 * How fast the emulator posts: `sleep: "python"` waits the seconds the original drew before each
 * post (`randrange(0, 2)`: 0 or 1), `"none"` does not; `rate` (posts per second) caps throughput
 * either way.
 *
 * @example
 * const pacing: EmulatorPacing = { sleep: "none", rate: 200 };
 */
export interface EmulatorPacing {
  readonly sleep: "python" | "none";
  readonly rate?: number;
}

/**
 * One step with the time it is due, in milliseconds after the start.
 *
 * @example
 * const paced: PacedStep = { index: 0, step: { sleepSeconds: 0, row: 7528 }, dueMs: 0 };
 */
export interface PacedStep {
  readonly index: number;
  readonly step: EmulatorStep;
  readonly dueMs: number;
}

/**
 * Gives each step the time it is due: after the previous one plus its own sleep (with
 * `sleep: "python"`), and never before `index / rate` seconds, so the posts of the first `t`
 * seconds are at most `rate * t` (plus the first). Lazy: works on the endless step sequence.
 *
 * @throws {RangeError} when `rate` is given and not a positive finite number.
 * @example
 * [...pacePosts([{ sleepSeconds: 1, row: 5 }, { sleepSeconds: 0, row: 9 }], { sleep: "python" })]
 *   .map((p) => p.dueMs); // [1000, 1000]
 */
export function pacePosts(steps: Iterable<EmulatorStep>, pacing: EmulatorPacing): Generator<PacedStep> {
  const { rate } = pacing;
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) {
    throw new RangeError(`rate must be a positive number of posts per second, got ${rate}`);
  }
  return (function* () {
    let dueMs = 0;
    let index = 0;
    for (const step of steps) {
      if (pacing.sleep === "python") dueMs += step.sleepSeconds * 1000;
      if (rate !== undefined) dueMs = Math.max(dueMs, (index * 1000) / rate);
      yield { index, step, dueMs };
      index++;
    }
  })();
}
