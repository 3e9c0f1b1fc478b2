import { describe, expect, it } from "vitest";
import { defaultRunId, validateRunId } from "../../src/batch/runId";

describe("run ids", () => {
  it("default to the UTC date", () => {
    expect(defaultRunId(new Date("2026-11-23T23:30:00-05:00"))).toBe("2026-11-24");
    expect(defaultRunId(new Date("2026-01-01T00:00:00Z"))).toBe("2026-01-01");
  });

  it("accept safe path segments", () => {
    for (const id of ["2026-11-23", "backfill_2026.11", "A", "x".repeat(128)])
      expect(validateRunId(id)).toBe(id);
  });

  it.each(["", ".", "..", ".hidden", "-flag", "a/b", "../x", "a\\b", "with space", "x".repeat(129), "ünï"])(
    "reject %j",
    (id) => {
      expect(() => validateRunId(id)).toThrow(RangeError);
    },
  );
});
