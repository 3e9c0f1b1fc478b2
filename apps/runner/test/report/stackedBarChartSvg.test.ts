import { describe, expect, it } from "vitest";
import { CHART, labelColumnWidth } from "../../src/report/chartLayout";
import { stackedBarChartSvg } from "../../src/report/stackedBarChartSvg";
import { rectsOf, textsOf } from "./svgShapes";

const colors = { clean: "#0a0", rejected: "#a00", duplicates: "#aa0" };
const row = (label: string, clean: number, rejected: number, duplicates: number) => ({
  label,
  segments: Object.entries({ clean, rejected, duplicates }).map(([name, value]) => ({
    name,
    value,
    color: colors[name as keyof typeof colors],
  })),
});

describe("stackedBarChartSvg", () => {
  const input = [row("pin", 60, 30, 10), row("geo", 50, 0, 0), row("user", 0, 0, 0)];
  const svg = stackedBarChartSvg("Records", input);
  const left = labelColumnWidth(input.map((r) => r.label));
  const full = CHART.width - left - CHART.valueSpace;
  // The first three rects are the legend swatches.
  const bars = rectsOf(svg).slice(3);

  it("draws a legend of the segments, then one rect per segment and row", () => {
    expect(
      rectsOf(svg)
        .slice(0, 3)
        .map((rect) => rect.fill),
    ).toEqual(["#0a0", "#a00", "#aa0"]);
    expect(textsOf(svg).slice(0, 3)).toEqual(["clean", "rejected", "duplicates"]);
    expect(bars).toHaveLength(9);
  });

  it("lays a row's segments end to end from the label column, the largest total spanning the bar area", () => {
    const [clean, rejected, duplicates] = bars;
    expect(clean).toMatchObject({ x: left, width: full * 0.6 });
    expect(rejected).toMatchObject({ x: left + full * 0.6, width: full * 0.3 });
    expect(duplicates!.x + duplicates!.width).toBeCloseTo(left + full, 6);
    expect(bars[3]).toMatchObject({ x: left, width: full / 2 });
    expect(bars.slice(4, 6).every((rect) => rect.width === 0)).toBe(true);
  });

  it("gives an all-zero row empty segments and prints every row's total", () => {
    expect(bars.slice(6).every((rect) => rect.width === 0 && rect.x === left)).toBe(true);
    expect(textsOf(svg).filter((text) => /^\d/.test(text))).toEqual(["100", "50", "0"]);
  });

  it("escapes labels and segment names", () => {
    const hostile = stackedBarChartSvg("t", [row("<i>x</i>", 1, 1, 1)]);
    expect(hostile).not.toContain("<i>");
    expect(hostile).toContain("&lt;i&gt;x&lt;/i&gt;");
  });
});
