import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { barChartSvg } from "../../src/report/barChartSvg";
import { CHART, labelColumnWidth } from "../../src/report/chartLayout";
import { elementsOf, rectsOf, textsOf } from "./svgShapes";

const bars = (values: readonly (number | null)[]) =>
  values.map((value, index) => ({ label: `group ${index}`, value, color: "#4e79a7" }));

const barArea = (labels: readonly string[]) => CHART.width - labelColumnWidth(labels) - CHART.valueSpace;

describe("barChartSvg", () => {
  it("draws one bar per value: the largest spans the bar area, the others in proportion", () => {
    const input = bars([40, 10, 30]);
    const rects = rectsOf(barChartSvg("t", input));
    const full = barArea(input.map((bar) => bar.label));
    expect(rects.map((rect) => rect.width)).toEqual([full, full / 4, (full * 3) / 4]);
    // Bars start together at the end of the label column.
    expect(new Set(rects.map((rect) => rect.x))).toEqual(
      new Set([labelColumnWidth(input.map((b) => b.label))]),
    );
    expect(textsOf(barChartSvg("t", input))).toEqual(["group 0", "40", "group 1", "10", "group 2", "30"]);
  });

  it("gives a zero value an empty bar, and a chart of zeros only empty bars", () => {
    expect(rectsOf(barChartSvg("t", bars([0, 8]))).map((rect) => rect.width)[0]).toBe(0);
    const zeros = rectsOf(barChartSvg("t", bars([0, 0, 0])));
    expect(zeros).toHaveLength(3);
    expect(zeros.every((rect) => rect.width === 0)).toBe(true);
  });

  it('draws no bar for a null value and prints "null"', () => {
    const svg = barChartSvg("t", bars([5, null]));
    expect(rectsOf(svg)).toHaveLength(1);
    expect(textsOf(svg)).toContain("null");
    expect(svg).toContain('class="value null"');
  });

  it("formats large values with digit grouping", () => {
    expect(textsOf(barChartSvg("t", bars([15_000_000, 1234.5])))).toEqual([
      "group 0",
      "15,000,000",
      "group 1",
      "1,234.5",
    ]);
  });

  it("escapes labels, titles and colors, and cuts long labels keeping the full one on hover", () => {
    const label = `<script>alert("x")</script> & a long, long, long tail`;
    const svg = barChartSvg(`"><b>`, [{ label, value: 1, color: `red"/><script>` }]);
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)");
    expect(svg).toContain(
      `<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; a long, long, long tail: 1</title>`,
    );
    expect(textsOf(svg)[0]!.endsWith("…")).toBe(true);
    expect(elementsOf(svg, "rect")[0]!.fill).toBe("red&quot;/&gt;&lt;script&gt;");
  });

  it("never draws a bar wider than the bar area, negative or NaN, for any counts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.nat({ max: 2 ** 40 }), { nil: null }), { minLength: 1, maxLength: 40 }),
        (values) => {
          const input = bars(values);
          const full = barArea(input.map((bar) => bar.label));
          const widths = rectsOf(barChartSvg("t", input)).map((rect) => rect.width);
          expect(widths).toHaveLength(values.filter((value) => value !== null).length);
          for (const width of widths) {
            expect(width).toBeGreaterThanOrEqual(0);
            expect(width).toBeLessThanOrEqual(full);
          }
          const max = Math.max(0, ...values.map((value) => value ?? 0));
          if (max > 0) expect(Math.max(...widths)).toBe(full);
        },
      ),
    );
  });
});
