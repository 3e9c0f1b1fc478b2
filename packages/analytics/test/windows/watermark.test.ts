import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INITIAL_WATERMARK, observeEventTime, raiseWatermark } from "../../src/windows";

describe("watermark", () => {
  it("trails the largest event time seen by the allowed out-of-orderness", () => {
    let state = observeEventTime(INITIAL_WATERMARK, 10_000, 2_000);
    expect(state).toEqual({ maxEventTime: 10_000, watermark: 8_000 });
    state = observeEventTime(state, 4_000, 2_000);
    expect(state).toEqual({ maxEventTime: 10_000, watermark: 8_000 });
    state = observeEventTime(state, 15_000, 2_000);
    expect(state).toEqual({ maxEventTime: 15_000, watermark: 13_000 });
  });

  it("can be raised explicitly but never lowered", () => {
    const raised = raiseWatermark(INITIAL_WATERMARK, 50);
    expect(raised.watermark).toBe(50);
    expect(raiseWatermark(raised, 20).watermark).toBe(50);
    // Event times behind an explicitly raised watermark do not pull it back either.
    expect(observeEventTime(raised, 10, 0).watermark).toBe(50);
  });

  it("is monotone and equals max(raises, max event time - out-of-orderness) (property)", () => {
    const op = fc.oneof(
      fc.record({ observe: fc.integer({ min: -1e6, max: 1e6 }) }),
      fc.record({ raise: fc.integer({ min: -1e6, max: 1e6 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.nat(10_000), (ops, ooo) => {
        let state = INITIAL_WATERMARK;
        let expected = -Infinity;
        for (const o of ops) {
          const before = state.watermark;
          if ("observe" in o) {
            state = observeEventTime(state, o.observe, ooo);
            expected = Math.max(expected, o.observe - ooo);
          } else {
            state = raiseWatermark(state, o.raise);
            expected = Math.max(expected, o.raise);
          }
          expect(state.watermark).toBeGreaterThanOrEqual(before);
          expect(state.watermark).toBe(expected);
        }
      }),
    );
  });
});
