import { describe, expect, it } from "vitest";
import { formatCell } from "../../src/report/formatCell";

describe("formatCell", () => {
  it("prints years ungrouped, other numbers grouped, null as null, text as is", () => {
    expect(formatCell("post_year", 2018)).toBe("2018");
    expect(formatCell("join_year", 2015)).toBe("2015");
    expect(formatCell("follower_count", 2018)).toBe("2,018");
    expect(formatCell("country", null)).toBe("null");
    expect(formatCell("category", "<art>")).toBe("<art>");
    expect(formatCell("flag", true)).toBe("true");
  });
});
