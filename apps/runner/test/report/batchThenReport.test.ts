import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { QUERY_NAMES } from "@pinpipe/analytics";
import { generatePostLines } from "@pinpipe/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/command";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { QUERY_REPORT_SPECS } from "../../src/report/queryReportSpecs";
import { elementsOf } from "./svgShapes";

type Row = Record<string, string | number | boolean | null>;

async function pinpipe(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const context: CommandContext = {
    stdout: new PassThrough().on("data", (d) => out.push(String(d))),
    stderr: new PassThrough().on("data", (d) => err.push(String(d))),
    interactive: false,
    cwd: process.cwd(),
    env: {},
  };
  const code = await main(args, commands, context);
  return { code, out: out.join(""), err: err.join("") };
}

let dir = "";
let html = "";
let runFolder = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pinpipe-batch-report-"));
  const lines = { pin: [] as string[], geo: [] as string[], user: [] as string[] };
  for (const post of generatePostLines({ seed: 11, count: 80, dirty: 0.2, duplicates: 0.15 })) {
    lines.pin.push(post.pin);
    lines.geo.push(post.geo);
    lines.user.push(post.user);
  }
  lines.geo.push("not json");
  // A hostile key is counted under a field named "__proto__".
  lines.pin.push('{"index": 9001, "title": "proto", "__proto__": {"polluted": 1}}');
  writeFileSync(join(dir, "pinterest_data.ndjson"), `${lines.pin.join("\n")}\n`);
  writeFileSync(join(dir, "geolocation_data.ndjson"), `${lines.geo.join("\n")}\n`);
  writeFileSync(join(dir, "user_data.ndjson"), `${lines.user.join("\n")}\n`);
  const out = join(dir, "out");
  const batch = await pinpipe("batch", "--source", dir, "--out", out, "--run-id", "2026-11-23");
  expect(batch.code, batch.err).toBe(0);
  runFolder = join(out, "runs/2026-11-23");
  const report = await pinpipe("report", out);
  expect(report, report.err).toEqual({ code: 0, out: `${runFolder}/report.html\n`, err: "" });
  html = readFileSync(join(runFolder, "report.html"), "utf8");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (path: string) => JSON.parse(readFileSync(join(runFolder, path), "utf8"));
const grouped = (n: number) => n.toLocaleString("en-US");

function section(id: string): string {
  const start = html.indexOf(` id="${id}">`);
  expect(start, id).toBeGreaterThan(0);
  return html.slice(start, html.indexOf("</section>", start));
}

describe("pinpipe report on a run pinpipe batch wrote", () => {
  it("shows the manifest's counts per table and every file it lists", () => {
    const manifest = read("manifest.json");
    for (const table of ["pin", "geo", "user"]) {
      const c = manifest.counts[table];
      const cells = [c.in, c.clean, c.rejected, c.duplicates].map(
        (n: number) => `<td class="num">${grouped(n)}</td>`,
      );
      expect(section("records")).toContain(`<tr><td>${table}</td>${cells.join("")}</tr>`);
    }
    expect(manifest.counts.geo.rejected).toBeGreaterThan(0);
    expect(manifest.files.length).toBeGreaterThan(3);
    for (const file of manifest.files) expect(section("files")).toContain(`<code>${file.path}</code>`);
  });

  it("shows every field name the manifest counts issues under, __proto__ included", () => {
    const byField = read("manifest.json").counts.pin.byField;
    expect(Object.keys(byField)).toContain("__proto__");
    for (const [field, n] of Object.entries(byField)) {
      expect(section("records")).toContain(
        `<tr><td>${field}</td><td class="num">${grouped(n as number)}</td>`,
      );
    }
  });

  it("charts and tables every result row the batch wrote", () => {
    let charted = 0;
    for (const name of QUERY_NAMES) {
      const rows: Row[] = read(`results/${name}.json`);
      const part = section(name);
      if (rows.length === 0) {
        expect(part).toContain("No rows.");
        continue;
      }
      expect(part.match(/<tr>/g), name).toHaveLength(rows.length + 1);
      const spec = QUERY_REPORT_SPECS[name];
      const values = rows.map((row) => row[spec.valueColumn]);
      const nonNull = values.filter((value) => value !== null).length;
      const shown =
        spec.order === "value" ? Math.min(30, nonNull) : values.slice(0, 30).filter((v) => v !== null).length;
      expect(elementsOf(part, "rect"), name).toHaveLength(shown);
      charted++;
    }
    expect(charted).toBeGreaterThanOrEqual(6);
  });
});
