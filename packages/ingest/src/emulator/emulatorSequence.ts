import { IngestInputError } from "../kafkaConnect/ingestInputError";
import { type PythonIntSeed, PythonRandom } from "./pythonRandom";

/** One iteration of the original posting emulator's loop. */
export interface EmulatorStep {
  /** Seconds it slept before posting: `random.randrange(0, 2)`. */
  readonly sleepSeconds: number;
  /** Row it posted from each table: `random.randint(0, 11000)`. */
  readonly row: number;
}

/** Highest row the original emulator draws (`randint(0, 11000)`, inclusive). */
const MAX_ROW = 11000;

/**
 * The endless step sequence of the original `user_posting_emulation.py`, which seeds Python's `random`
 * once and then, per post, sleeps `randrange(0, 2)` seconds and picks row `randint(0, 11000)`.
 *
 * @throws {IngestInputError} when `seed` is not a safe integer or bigint.
 * @example
 * const steps = iterateEmulatorSteps(100);
 * steps.next().value; // { sleepSeconds: 0, row: 7528 }
 */
export function iterateEmulatorSteps(seed: PythonIntSeed): Generator<EmulatorStep, never, undefined> {
  // Seeding here, outside the generator body, makes a bad seed throw at the call, not at the first next().
  const random = new PythonRandom(seed);
  return (function* () {
    while (true) {
      const sleepSeconds = random.randrange(0, 2);
      yield { sleepSeconds, row: random.randint(0, MAX_ROW) };
    }
  })();
}

/**
 * The first `count` steps (sleep, then row) of the original emulator seeded with `seed`, equal to
 * what CPython's `random` produces.
 *
 * @throws {IngestInputError} when `count` is not a safe integer >= 0 or `seed` is not a safe integer or bigint.
 * @example
 * emulatorSteps(100, 2); // [{ sleepSeconds: 0, row: 7528 }, { sleepSeconds: 1, row: 2863 }]
 */
export function emulatorSteps(seed: PythonIntSeed, count: number): EmulatorStep[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new IngestInputError("emulatorSteps", `count ${String(count)} is not a safe integer >= 0`);
  }
  const steps = iterateEmulatorSteps(seed);
  return Array.from({ length: count }, () => steps.next().value);
}

/**
 * The rows the original emulator posts, in order, for `random.seed(seed)`; with the script's seed 100
 * it starts 7528, 2863, 5730, 8304, 8731, 1313.
 *
 * @throws {IngestInputError} as {@link emulatorSteps} does.
 * @example
 * emulatorSequence(100, 6); // [7528, 2863, 5730, 8304, 8731, 1313]
 */
export function emulatorSequence(seed: PythonIntSeed, count: number): number[] {
  return emulatorSteps(seed, count).map((step) => step.row);
}
