import { QUERY_NAMES, type QueryName } from "@pinpipe/analytics";
import { describe, expect, it } from "vitest";
import { CHART } from "../../src/report/chartLayout";
import { formatBytes } from "../../src/report/formatBytes";
import type { RunReport } from "../../src/report/loadRunReport";
import { MAX_CHART_BARS } from "../../src/report/queryBars";
import { QUERY_REPORT_SPECS } from "../../src/report/queryReportSpecs";
import { renderReportHtml } from "../../src/report/renderReportHtml";
import { MAX_TABLE_ROWS } from "../../src/report/renderRowsTable";
import { runManifestSchema } from "../../src/report/runManifestSchema";
import {
  type FixtureRow,
  HOSTILE_CATEGORY,
  HOSTILE_POSTER,
  sampleManifest,
  sampleResults,
} from "./runFolderFixture";
import { rectsOf, textsOf } from "./svgShapes";

function reportOf(results: Record<QueryName, FixtureRow[]> = sampleResults()): RunReport {
  return {
    location: "/data/out/runs/2026-11-23",
    manifest: runManifestSchema.parse(sampleManifest("2026-11-23", results)),
    results,
  };
}

/** The markup of `<section … id="<id>">` up to its end (sections do not nest below results). */
function section(html: string, id: string): string {
  const start = html.indexOf(` id="${id}">`);
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf("</section>", start));
}

/** The markup of `<figure class="chart" data-chart="<id>">`, or undefined. */
function chart(html: string, id: string): string | undefined {
  const start = html.indexOf(`data-chart="${id}"`);
  return start < 0 ? undefined : html.slice(start, html.indexOf("</figure>", start));
}

const html = renderReportHtml(reportOf());

describe("renderReportHtml", () => {
  it("is one HTML page that loads nothing and runs nothing", () => {
    expect(html.startsWith("<!doctype html>\n")).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';`,
    );
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|base)\b/i);
    expect(html).not.toMatch(/\s(src|href|xlink:href)="(?!#)/i);
    expect(html).not.toMatch(/https?:|url\(|@import/i);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it("escapes user data everywhere: categories, poster names, rule names, the source", () => {
    expect(html).not.toContain(HOSTILE_CATEGORY);
    expect(html).not.toContain(HOSTILE_POSTER);
    expect(html).toContain("&lt;script&gt;document.body.dataset.pwned=&quot;1&quot;&lt;/script&gt;");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; Co");
    expect(html).toContain("<code>s3://raw-bucket/topics &lt;pinterest&gt;</code>");
    // The hostile category is also a rejection rule name: escaped in that table and chart too.
    expect(section(html, "records")).toContain("<td>&lt;script&gt;document.body.dataset.pwned");
  });

  it("shows the run's metadata: id, folder, source, options, and every file with rows and size", () => {
    expect(html).toContain("<h1>pinpipe batch run <code>2026-11-23</code></h1>");
    expect(html).toContain("<code>/data/out/runs/2026-11-23</code>");
    expect(html).toContain("<code>dedupe=true</code> <code>median=lower</code> <code>ties=all</code>");
    const files = section(html, "files");
    expect(files).toContain("<code>tables/pin/category=art/part-00000.parquet</code>");
    expect(files).toContain('<td class="num">5,300</td><td class="num" title="1,234,567 bytes">1.2 MB</td>');
    expect(files).toContain(
      '<tr class="total"><td>2 files</td><td></td><td class="num" title="1,235,554 bytes">1.2 MB</td><td></td></tr>',
    );
  });

  it("counts records in, clean, rejected and duplicates per table, with issues by rule and field", () => {
    const records = section(html, "records");
    expect(records).toContain(
      '<tr><td>pin</td><td class="num">5,381</td><td class="num">5,300</td><td class="num">61</td><td class="num">20</td></tr>',
    );
    expect(records).toContain(
      '<tr><td>invalid_json</td><td class="num">40</td><td class="num"></td><td class="num"></td></tr>',
    );
    expect(records).toContain(
      '<tr><td>ind</td><td class="num"></td><td class="num"></td><td class="num">4</td></tr>',
    );
    // Stacked chart: three legend swatches, then clean/rejected/duplicates for pin, geo, user.
    expect(rectsOf(chart(html, "records")!)).toHaveLength(3 + 9);
    expect(textsOf(chart(html, "issues-by-rule")!)).toContain("pin · invalid_json");
  });

  it("shows every field name, even __proto__ and markup, escaped, and only under the tables that have it", () => {
    const manifest = sampleManifest("2026-11-23", sampleResults());
    const text = JSON.stringify(manifest).replace(
      '"byField":{"ind":4}',
      '"byField":{"__proto__":7,"constructor":3,"<b>bold</b>":2,"ind":4}',
    );
    const records = section(
      renderReportHtml({ ...reportOf(), manifest: runManifestSchema.parse(JSON.parse(text)) }),
      "records",
    );
    expect(records).toContain(
      '<tr><td>__proto__</td><td class="num"></td><td class="num"></td><td class="num">7</td></tr>',
    );
    expect(records).toContain(
      '<tr><td>constructor</td><td class="num"></td><td class="num"></td><td class="num">3</td></tr>',
    );
    expect(records).toContain(
      '<tr><td>&lt;b&gt;bold&lt;/b&gt;</td><td class="num"></td><td class="num"></td><td class="num">2</td></tr>',
    );
    expect(records).not.toContain("<b>");
    expect(textsOf(chart(records, "issues-by-field")!)).toContain("user · __proto__");
  });

  it("lists the source files the batch skipped, and says nothing when it skipped none", () => {
    expect(html).not.toContain("Not read: source files of no table");
    const report = reportOf();
    const skipped = renderReportHtml({
      ...report,
      manifest: { ...report.manifest, skipped: [{ file: "exports/<misc>.ndjson", bytes: 1200 }] },
    });
    expect(section(skipped, "records")).toContain(
      `<li><code>exports/&lt;misc&gt;.ndjson</code>: ${formatBytes(1200)}</li>`,
    );
  });

  it("draws a chart for every query with rows, one bar per row, and tables every row", () => {
    const results = sampleResults();
    for (const name of QUERY_NAMES) {
      const rows = results[name];
      if (rows.length === 0) continue;
      const svg = chart(html, name);
      expect(svg, name).toBeDefined();
      const nulls = rows.filter((row) => row[QUERY_REPORT_SPECS[name].valueColumn] === null).length;
      expect(rectsOf(svg!), name).toHaveLength(rows.length - nulls);
      expect(section(html, name).match(/<tr>/g), name).toHaveLength(rows.length + 1);
    }
  });

  it("labels bars with the group columns and puts the largest values first where results are long", () => {
    expect(textsOf(chart(html, "q6")!)).toEqual(["2015", "7", "2016", "3", "2017", "14"]);
    expect(textsOf(chart(html, "q8")!).filter((_, i) => i % 2 === 0)).toEqual([
      "18-24 · 2015",
      "18-24 · 2016",
      "25-35 · 2015",
    ]);
    const q1 = textsOf(chart(html, "q1")!);
    expect(q1.filter((_, i) => i % 2 === 1)).toEqual(["1,234,567", "1,234,567", "12", "3"]);
    expect(q1).toContain("null · travel");
  });

  it("colors the bars of one category alike across groups", () => {
    const results = sampleResults();
    results.q1 = [
      { country: "A", category: "art", category_count: 3 },
      { country: "B", category: "travel", category_count: 2 },
      { country: "C", category: "art", category_count: 1 },
    ];
    const fills = rectsOf(chart(renderReportHtml(reportOf(results)), "q1")!).map((rect) => rect.fill);
    expect(fills[0]).toBe(fills[2]);
    expect(fills[1]).not.toBe(fills[0]);
  });

  it("formats large numbers with grouping and shows null values as null", () => {
    const q3 = section(html, "q3");
    expect(q3).toContain('<td class="num">15,000,000</td>');
    expect(q3).toContain('<td class="null">null</td>');
    const q5 = section(html, "q5");
    expect(q5).toContain('<td class="num">1,234.5</td>');
    expect(q5).toContain('<td class="num null">null</td>');
    expect(textsOf(chart(html, "q5")!)).toEqual([
      "18-24",
      "5,000",
      "25-35",
      "1,234.5",
      "36-50",
      "null",
      "+50",
      "0",
    ]);
    // Years are names, not quantities: no digit grouping.
    expect(section(html, "q2")).toContain("<td>2018</td>");
  });

  it('says "No rows" for an empty result and draws no chart for it', () => {
    expect(section(html, "q7")).toContain('<p class="empty">No rows.</p>');
    expect(chart(html, "q7")).toBeUndefined();
    const empty = Object.fromEntries(QUERY_NAMES.map((name) => [name, []])) as unknown as Record<
      QueryName,
      FixtureRow[]
    >;
    const bare = renderReportHtml(reportOf(empty));
    expect(bare.match(/<p class="empty">No rows\.<\/p>/g)).toHaveLength(QUERY_NAMES.length);
  });

  it("charts at most MAX_CHART_BARS bars, the largest, and caps tables at MAX_TABLE_ROWS rows", () => {
    const results = sampleResults();
    results.q3 = Array.from({ length: MAX_TABLE_ROWS + 5 }, (_, i) => ({
      country: `c${i}`,
      poster_name: `p${i}`,
      follower_count: (i * 7919) % 1009,
    }));
    const long = renderReportHtml(reportOf(results));
    const bars = rectsOf(chart(long, "q3")!);
    expect(bars).toHaveLength(MAX_CHART_BARS);
    const widths = bars.map((bar) => bar.width);
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    expect(chart(long, "q3")).toContain(`The largest ${MAX_CHART_BARS} of 1,005 rows; the table lists all.`);
    const q3 = section(long, "q3");
    expect(q3.match(/<tr>/g)).toHaveLength(MAX_TABLE_ROWS + 1);
    expect(q3).toContain(`Showing the first 1,000 of 1,005 rows.`);
    expect(q3).toContain("<details><summary>Table · 1,005 rows</summary>");
  });

  it("keeps every chart within its width", () => {
    for (const match of html.matchAll(/<svg [^>]*width="(\d+)"/g)) expect(Number(match[1])).toBe(CHART.width);
  });

  it("draws no chart for a result whose value column is not numeric, but still tables it", () => {
    const results = sampleResults();
    results.q6 = [{ post_year: 2015, number_users_joined: "seven" }];
    const odd = renderReportHtml(reportOf(results));
    expect(chart(odd, "q6")).toBeUndefined();
    expect(section(odd, "q6")).toContain("<td>seven</td>");
  });

  it("is the same bytes for the same run", () => {
    expect(renderReportHtml(reportOf())).toBe(html);
  });
});
