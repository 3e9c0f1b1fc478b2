import fc from "fast-check";
import { hopping, session, tumbling, type WindowSpec } from "../../src/windows";

/** A test record: `id` is its position in the generated stream. */
export type Rec = { readonly id: number; readonly key: string; readonly t: number; readonly v: number };

/** Streams of up to 60 records over three keys, event times in a small range so windows fill up. */
export const recordsArb: fc.Arbitrary<Rec[]> = fc
  .array(
    fc.record({
      key: fc.constantFrom("a", "b", "c"),
      t: fc.integer({ min: -200, max: 1_000 }),
      v: fc.integer({ min: -100, max: 100 }),
    }),
    { maxLength: 60 },
  )
  .map((records) => records.map((r, id) => ({ id, ...r })));

/**
 * Streams whose event times mostly move forward with frequent small steps back (a random walk),
 * like a real feed: sessions touch, merge, close and get reached back into by stragglers.
 */
export const walkRecordsArb: fc.Arbitrary<Rec[]> = fc
  .array(
    fc.record({
      key: fc.constantFrom("a", "b"),
      step: fc.integer({ min: -40, max: 25 }),
      v: fc.integer({ min: -100, max: 100 }),
    }),
    { maxLength: 60 },
  )
  .map((steps) => {
    let t = 0;
    return steps.map(({ key, step, v }, id) => {
      t += step;
      return { id, key, t, v };
    });
  });

/** Tumbling or hopping windows with small sizes (hopping size >= advance). */
export const alignedWindowArb: fc.Arbitrary<WindowSpec> = fc.oneof(
  fc.integer({ min: 1, max: 120 }).map((size) => tumbling(size)),
  fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 90 }))
    .map(([advance, extra]) => hopping(advance + extra, advance)),
);

/** Session windows with small gaps. */
export const sessionWindowArb: fc.Arbitrary<WindowSpec> = fc
  .integer({ min: 1, max: 40 })
  .map((gap) => session(gap));

/** Any window kind. */
export const windowArb: fc.Arbitrary<WindowSpec> = fc.oneof(alignedWindowArb, sessionWindowArb);

/** Tolerances in milliseconds, often 0. */
export const toleranceArb: fc.Arbitrary<number> = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 }));

/** Emit mode. */
export const emitArb = fc.constantFrom("close" as const, "update" as const);

/** Tolerances small next to `denseRecordsArb`'s time range, so records are often late. */
export const smallToleranceArb: fc.Arbitrary<number> = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 40 }),
);
