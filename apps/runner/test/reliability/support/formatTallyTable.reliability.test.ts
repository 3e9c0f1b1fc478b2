import { describe, expect, it } from "vitest";
import { formatTallyTable } from "./reliabilityTallyReporter";

describe("formatTallyTable", () => {
  it("sums counts, keeps the largest peak, pairs tried/rejected with a total, and flags losses", () => {
    const table = formatTallyTable([
      { mode: "sum", section: "records", key: "sent", value: 3 },
      { mode: "sum", section: "records", key: "sent", value: 4 },
      { mode: "sum", section: "records", key: "lost", value: 1 },
      { mode: "max", section: "peak memory (MB)", key: "batch", value: 150.25 },
      { mode: "max", section: "peak memory (MB)", key: "batch", value: 120 },
      { mode: "sum", section: "hostile inputs", key: "S3: tried", value: 5 },
      { mode: "sum", section: "hostile inputs", key: "S3: rejected", value: 2 },
      { mode: "sum", section: "hostile inputs", key: "REST: tried", value: 1 },
      { mode: "sum", section: "faults injected", key: "reset", value: 2 },
    ]);
    expect(table.split("\n").map((line) => line.replace(/ +/g, " ").trim())).toEqual([
      "section figure value",
      "faults injected reset 2",
      "hostile inputs S3 5 tried / 2 rejected",
      "hostile inputs REST 1 tried / – rejected",
      "hostile inputs all entry points 6 tried / 2 rejected",
      "records sent 7",
      "records lost 1 !",
      "peak memory (MB) batch 150.3",
    ]);
  });
});
