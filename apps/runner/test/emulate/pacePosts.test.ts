import { describe, expect, it } from "vitest";
import { pacePosts } from "../../src/emulate/pacePosts";

const steps = [
  { sleepSeconds: 1, row: 5 },
  { sleepSeconds: 0, row: 9 },
  { sleepSeconds: 1, row: 2 },
  { sleepSeconds: 0, row: 7 },
];
const due = (pacing: Parameters<typeof pacePosts>[1]) => [...pacePosts(steps, pacing)].map((p) => p.dueMs);

describe("pacePosts", () => {
  it("with python sleeps, is due after the seconds slept so far (the sleep comes before the post)", () => {
    expect(due({ sleep: "python" })).toEqual([1000, 1000, 2000, 2000]);
  });

  it("without sleeps, is due at once", () => {
    expect(due({ sleep: "none" })).toEqual([0, 0, 0, 0]);
  });

  it("caps the rate: post i is never due before i / rate seconds", () => {
    expect(due({ sleep: "none", rate: 2 })).toEqual([0, 500, 1000, 1500]);
    expect(due({ sleep: "python", rate: 4 })).toEqual([1000, 1000, 2000, 2000]);
    expect(due({ sleep: "python", rate: 1 })).toEqual([1000, 1000, 2000, 3000]);
  });

  it("keeps the steps and numbers them", () => {
    const paced = [...pacePosts(steps, { sleep: "none" })];
    expect(paced.map((p) => [p.index, p.step.row])).toEqual([
      [0, 5],
      [1, 9],
      [2, 2],
      [3, 7],
    ]);
  });

  it("refuses a rate that is not a positive number", () => {
    for (const rate of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => pacePosts(steps, { sleep: "none", rate })).toThrow(RangeError);
    }
  });
});
