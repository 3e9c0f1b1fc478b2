import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml, formatBytes, formatCell, formatNumber } from "../../src/report/index";

describe("formatNumber", () => {
  it("groups thousands and keeps at most two decimals", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(15_000_000)).toBe("15,000,000");
    expect(formatNumber(9_007_199_254_740_991)).toBe("9,007,199,254,740,991");
    expect(formatNumber(1234.5)).toBe("1,234.5");
    expect(formatNumber(2 / 3)).toBe("0.67");
  });
});

describe("formatBytes", () => {
  it("uses bytes below 1000, then SI units with one decimal", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1000)).toBe("1.0 kB");
    expect(formatBytes(1_234_567)).toBe("1.2 MB");
    expect(formatBytes(999_949)).toBe("999.9 kB");
    expect(formatBytes(999_999)).toBe("1.0 MB");
    expect(formatBytes(3e15)).toBe("3000.0 TB");
  });
});

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

describe("escapeHtml", () => {
  it("escapes the five characters that can start or end markup", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
  });

  it("leaves no markup character behind and can be undone exactly, for any text", () => {
    const decodeEntities = (html: string) =>
      html.replace(
        /&(lt|gt|quot|#39|amp);/g,
        (_, name: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[name]!,
      );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(lt|gt|quot|#39|amp);/g, "")).not.toContain("&");
        expect(decodeEntities(escaped)).toBe(text);
      }),
    );
  });
});
