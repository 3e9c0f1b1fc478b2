import { describe, expect, it } from "vitest";
import { describeWindowSpec, hopping, parseWindowSpec, session, tumbling } from "../../src/windows";

describe("parseWindowSpec", () => {
  it("accepts hand-written window descriptions and checks them like the constructors", () => {
    expect(parseWindowSpec({ kind: "session", gap: 5 })).toEqual(session(5));
    expect(parseWindowSpec({ kind: "hopping", size: 10, advance: 5 })).toEqual(hopping(10, 5));
    expect(() => parseWindowSpec({ kind: "tumbling", size: -1 })).toThrow(RangeError);
    expect(() => parseWindowSpec({ kind: "hopping", size: 10 })).toThrow(RangeError);
  });

  it("rejects values that are not window descriptions", () => {
    expect(() => parseWindowSpec(null)).toThrow(TypeError);
    expect(() => parseWindowSpec(60_000)).toThrow(TypeError);
    expect(() => parseWindowSpec({ kind: "sliding", size: 10 })).toThrow(/unknown window kind "sliding"/);
  });
});

describe("describeWindowSpec", () => {
  it("writes each kind the way it is constructed", () => {
    expect(describeWindowSpec(tumbling(60_000))).toBe("tumbling(60000)");
    expect(describeWindowSpec(hopping(60_000, 10_000))).toBe("hopping(60000, 10000)");
    expect(describeWindowSpec(session(500))).toBe("session(500)");
  });
});
