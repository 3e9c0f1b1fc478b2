import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { QUERY_NAMES } from "@pinpipe/analytics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalOutputSink } from "../../src/output/index";
import { writeRunReport } from "../../src/report/writeRunReport";
import { CHROMIUM, chromiumAvailable, consoleMessages, runChromium } from "./chromium";
import { countColor, decodePng } from "./decodePng";
import { HOSTILE_CATEGORY, sampleResults, writeRunFolder } from "./runFolderFixture";
import { elementsOf } from "./svgShapes";

const skipped = chromiumAvailable
  ? ""
  : ` [SKIPPED: ${CHROMIUM} not found; install the Debian package chromium, as .ci/run does]`;

let root = "";
let reportPath = "";
let shots = "";

beforeAll(async () => {
  root = writeRunFolder("2026-11-23");
  reportPath = (await writeRunReport(new LocalOutputSink(root))).path;
  shots = mkdtempSync(join(tmpdir(), "pinpipe-report-shot-"));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(shots, { recursive: true, force: true });
});

/** Each `<figure … data-chart="<id>">` of the DOM with its markup. */
function chartsOf(dom: string): Map<string, string> {
  const charts = new Map<string, string>();
  for (const match of dom.matchAll(/<figure class="chart" data-chart="([^"]+)">([\s\S]*?)<\/figure>/g)) {
    charts.set(match[1]!, match[2]!);
  }
  return charts;
}

describe("the report in headless Chromium", () => {
  it.skipIf(!chromiumAvailable)(
    `renders without a console message or script, with a drawn chart per non-empty result${skipped}`,
    async () => {
      const { stdout: dom, stderr } = await runChromium(["--dump-dom", pathToFileURL(reportPath).href]);
      expect(consoleMessages(stderr)).toEqual([]);
      expect(dom).toContain("<title>pinpipe run 2026-11-23</title>");
      // The hostile category is text in the DOM, not an element that ran.
      expect(dom).not.toMatch(/<script/i);
      expect(dom).not.toContain("data-pwned");
      expect(dom).toContain("&lt;script&gt;document.body.dataset.pwned");
      const charts = chartsOf(dom);
      const results = sampleResults();
      const expected = [
        "records",
        "issues-by-rule",
        "issues-by-field",
        ...QUERY_NAMES.filter((name) => results[name].length > 0),
      ];
      expect([...charts.keys()].sort()).toEqual(expected.sort());
      for (const [id, markup] of charts) {
        const widths = elementsOf(markup, "rect").map((rect) => Number(rect.width));
        expect(widths.length, id).toBeGreaterThan(0);
        expect(Math.max(...widths), id).toBeGreaterThan(0);
      }
    },
  );

  it.skipIf(!chromiumAvailable)(`paints the charts into a screenshot${skipped}`, async () => {
    const png = join(shots, "report.png");
    await runChromium([
      `--screenshot=${png}`,
      "--window-size=1200,2000",
      "--hide-scrollbars",
      pathToFileURL(reportPath).href,
    ]);
    const image = decodePng(readFileSync(png));
    expect([image.width, image.height]).toEqual([1200, 2000]);
    // Bars in the first screen: the records chart's clean (green) and the pin issues and q1 (blue).
    expect(countColor(image, "#59a14f")).toBeGreaterThan(2000);
    expect(countColor(image, "#4e79a7")).toBeGreaterThan(2000);
  });

  it.skipIf(!chromiumAvailable)(
    `would catch markup that slipped through unescaped: blocked, and logged to the console${skipped}`,
    async () => {
      const broken = join(shots, "broken.html");
      const html = readFileSync(reportPath, "utf8");
      writeFileSync(broken, html.replace("<main>", `<main>${HOSTILE_CATEGORY}`));
      const { stdout: dom, stderr } = await runChromium(["--dump-dom", pathToFileURL(broken).href]);
      expect(dom).toMatch(/<script/);
      expect(dom).not.toContain("data-pwned");
      expect(consoleMessages(stderr).join("\n")).toMatch(/Content Security Policy/);
    },
  );
});
