import { createPrng } from "@pinpipe/ingest";
import { FAULT_KINDS, type FaultKind } from "./faultKind";

/**
 * What the proxy knows of a request when it decides on a fault.
 *
 * @example
 * const request: FaultRequest = { number: 3, method: "POST", path: "/", operation: "PutRecords" };
 */
export interface FaultRequest {
  /** 1-based number of the request among those the plan applies to. */
  readonly number: number;
  readonly method: string;
  /** Path and query as sent (`/bucket/key?x-id=GetObject`). */
  readonly path: string;
  /** Kinesis operation from `X-Amz-Target` (`PutRecords`), else undefined. */
  readonly operation: string | undefined;
}

/**
 * When and how the proxy misbehaves. Faults come from `schedule` (request number → kind) first, then,
 * for unscheduled requests, with probability `rate`, one of `kinds` picked by a PRNG seeded with `seed`,
 * so a run is reproducible as long as requests arrive in the same order.
 *
 * @example
 * const plan: FaultPlan = { rate: 0.25, kinds: ["error503", "throttle", "reset"], seed: 7 };
 * const scheduled: FaultPlan = { schedule: { 1: "throttle", 2: "reset" } };
 */
export interface FaultPlan {
  /** Share of requests, in [0, 1], that get a random fault (default 0). */
  readonly rate?: number;
  /** Kinds drawn from for random faults, each equally likely (default: every kind). */
  readonly kinds?: readonly FaultKind[];
  /** Seed of the PRNG that draws random faults (default 1). */
  readonly seed?: number;
  /** Faults for given 1-based request numbers, whatever `rate` says. */
  readonly schedule?: Readonly<Record<number, FaultKind>>;
  /** Kinds drawn from for one request instead of `kinds` (e.g. no cut answers on object reads). */
  readonly kindsFor?: (request: Omit<FaultRequest, "number">) => readonly FaultKind[];
  /** Only requests this accepts get faults or a number (default: all). */
  readonly appliesTo?: (request: Omit<FaultRequest, "number">) => boolean;
  /** Pause of a `delay` fault in milliseconds (default 250). */
  readonly delayMs?: number;
  /** Share of PutRecords entries a `partialPut` fault refuses, at least one (default 0.3). */
  readonly partialShare?: number;
}

/**
 * Decides the fault of each request of a plan; keeps the plan's PRNG and request numbering.
 *
 * @example
 * const chooser: FaultChooser = createFaultChooser({ rate: 0.2, seed: 3 });
 * chooser.choose({ method: "GET", path: "/raw", operation: undefined }); // a FaultKind or undefined
 */
export interface FaultChooser {
  /** The fault for the next request, or undefined to forward it untouched (also when `appliesTo` skips it). */
  choose(request: Omit<FaultRequest, "number">): FaultKind | undefined;
  /** A number in [0, 1) from the plan's PRNG (to pick entries of a partial failure). */
  nextFloat(): number;
  readonly delayMs: number;
  readonly partialShare: number;
}

function checkShare(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new RangeError(`fault plan: ${name} must be a number in [0, 1], got ${String(value)}`);
  }
}

/**
 * Checks a plan and returns the stateful chooser the proxy calls once per request.
 *
 * @throws {RangeError} for a rate or share outside [0, 1], an unknown kind, a bad delay or schedule key.
 * @example
 * const chooser = createFaultChooser({ schedule: { 2: "reset" } });
 * chooser.choose({ method: "GET", path: "/", operation: undefined }); // undefined
 * chooser.choose({ method: "GET", path: "/", operation: undefined }); // "reset"
 */
export function createFaultChooser(plan: FaultPlan): FaultChooser {
  checkShare("rate", plan.rate);
  checkShare("partialShare", plan.partialShare);
  const kinds = plan.kinds ?? FAULT_KINDS;
  const known = new Set<string>(FAULT_KINDS);
  const schedule = new Map<number, FaultKind>();
  for (const [key, kind] of Object.entries(plan.schedule ?? {})) {
    const number = Number(key);
    if (!Number.isSafeInteger(number) || number < 1) {
      throw new RangeError(`fault plan: schedule keys are request numbers from 1, got ${key}`);
    }
    if (!known.has(kind)) throw new RangeError(`fault plan: unknown fault kind ${JSON.stringify(kind)}`);
    schedule.set(number, kind);
  }
  for (const kind of kinds) {
    if (!known.has(kind)) throw new RangeError(`fault plan: unknown fault kind ${JSON.stringify(kind)}`);
  }
  if ((plan.rate ?? 0) > 0 && kinds.length === 0) {
    throw new RangeError("fault plan: a positive rate needs at least one kind");
  }
  const delayMs = plan.delayMs ?? 250;
  if (!Number.isFinite(delayMs) || delayMs < 0) {
    throw new RangeError(`fault plan: delayMs must be ≥ 0, got ${String(plan.delayMs)}`);
  }
  const prng = createPrng(plan.seed ?? 1);
  const rate = plan.rate ?? 0;
  let count = 0;
  return {
    delayMs,
    partialShare: plan.partialShare ?? 0.3,
    nextFloat: () => prng.nextFloat(),
    choose(request) {
      if (plan.appliesTo !== undefined && !plan.appliesTo(request)) return undefined;
      count += 1;
      const scheduled = schedule.get(count);
      if (scheduled !== undefined) return scheduled;
      // Always draw, so the sequence of faults does not depend on the schedule.
      const draw = prng.nextFloat();
      const choices = plan.kindsFor?.(request) ?? kinds;
      const pick = prng.nextInt(Math.max(1, choices.length));
      return draw < rate ? choices[pick] : undefined;
    },
  };
}
