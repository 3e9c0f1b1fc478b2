import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/report/escapeHtml";

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
