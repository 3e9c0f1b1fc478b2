import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { runAnalyze } from "../../src/analyze/runAnalyze";
import type { CommandContext } from "../../src/command";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { expectedResults } from "./expectedResults";
import { writeRawFixture } from "./writeRawFixture";

function context() {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (d) => out.push(String(d)));
  const stderr = new PassThrough().on("data", (d) => err.push(String(d)));
  const ctx: CommandContext = { stdout, stderr, interactive: false, cwd: process.cwd(), env: {} };
  return { ctx, out: () => out.join(""), err: () => err.join("") };
}

const fixture = writeRawFixture(300, 7);
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

const run = async (...args: string[]) => {
  const c = context();
  const code = await main(["analyze", ...args], commands, c.ctx);
  return { code, out: c.out(), err: c.err() };
};

describe("pinpipe analyze", () => {
  it("prints, with --json, exactly what the object path computes from the same raw lines", async () => {
    const { code, out, err } = await run(fixture.dir, "--json", "--workers", "0");
    expect(code).toBe(0);
    const { counts, options, ...printed } = JSON.parse(out);
    expect(Object.keys(printed)).toEqual(["q1", "q2", "q3", "q3_top", "q4", "q5", "q6", "q7", "q8"]);
    expect(printed).toEqual(expectedResults(fixture.lines, {}).results);
    // The accounting, in the shape of batch's manifest counts, and the options that shaped it.
    expect(counts).toEqual(expectedResults(fixture.lines, {}).counts);
    expect(options).toEqual({ dedupe: false, median: "lower", ties: "all" });
    expect(printed.q1.length).toBeGreaterThan(0);
    expect(err).toMatch(
      /^pinpipe analyze: \d+ files, [\d.]+ MB read on the main thread in [\d.]+ s \(reading and cleaning [\d.]+ s, queries [\d.]+ s\)\n/,
    );
    expect(err).toContain("duplicates are kept");
  });

  it("accounts for every record: in = clean + rejected + duplicates, reasons, rules and fields as the object path counts them", async () => {
    for (const dedupe of [false, true]) {
      const analysis = await runAnalyze(
        { input: fixture.dir, dedupe, median: "lower", ties: "all", threads: 1 },
        () => ({ advance() {}, finish() {} }) as never,
      );
      const counts = analysis.accounting;
      expect(counts).toEqual(expectedResults(fixture.lines, { dedupe }).counts);
      for (const table of ["pin", "geo", "user"] as const) {
        const t = counts[table];
        // Every line written is a record (the blank line is not written to `lines`).
        expect(t.in).toBe(fixture.lines[table].length);
        expect(t.in).toBe(t.clean + t.rejected + t.duplicates);
        expect(Object.values(t.byReason).reduce((sum, n) => sum + n, 0)).toBe(t.rejected);
        expect(t.rejected).toBeGreaterThanOrEqual(2);
        // Every issue counts once by rule and once by field; a rejection counts its rejecting issue.
        const issues = Object.values(t.byRule).reduce((sum, n) => sum + n, 0);
        expect(Object.values(t.byField).reduce((sum, n) => sum + n, 0)).toBe(issues);
        for (const [reason, n] of Object.entries(t.byReason))
          expect(t.byRule[reason] ?? 0).toBeGreaterThanOrEqual(n);
      }
      // The bad lines of writeRawFixture: pin `"cut off` and geo `not json` do not parse, pin
      // `[1, 2, 3]` and user `null` are no objects, geo `{"latitude": 1}` has no key, user
      // `{"ind": -4}` an invalid one. Generated posts are JSON objects, some unkeyable.
      expect(counts.pin.byReason).toMatchObject({ invalid_json: 1, too_long: 0, not_an_object: 1 });
      expect(counts.geo.byReason).toMatchObject({ invalid_json: 1, too_long: 0, not_an_object: 0 });
      expect(counts.user.byReason).toMatchObject({ invalid_json: 0, too_long: 0, not_an_object: 1 });
      expect(counts.geo.byReason.missing_key).toBeGreaterThanOrEqual(1);
      expect(counts.user.byReason.invalid_key).toBeGreaterThanOrEqual(1);
      // Rejections before any cleaner and non-objects are issues of the whole record, `$`.
      expect(counts.pin.byRule).toMatchObject({ invalid_json: 1, not_an_object: 1 });
      expect(counts.pin.byField.$).toBe(2);
      if (dedupe) expect(counts.pin.duplicates).toBeGreaterThan(0);
      else for (const table of ["pin", "geo", "user"] as const) expect(counts[table].duplicates).toBe(0);
      expect(analysis.files).toBeGreaterThan(100);
      expect(analysis.fileErrors).toEqual([]);
    }
  });

  it("applies --dedupe, --median exact and --ties first like the object path", async () => {
    const { code, out } = await run(
      fixture.dir,
      "--json",
      "--dedupe",
      "--median",
      "exact",
      "--ties",
      "first",
      "--workers",
      "0",
    );
    expect(code).toBe(0);
    const { counts, options, ...printed } = JSON.parse(out);
    const expected = expectedResults(fixture.lines, { dedupe: true, median: "exact", ties: "first" });
    expect(printed).toEqual(expected.results);
    expect(counts).toEqual(expected.counts);
    expect(options).toEqual({ dedupe: true, median: "exact", ties: "first" });
  });

  it("prints aligned text tables by default", async () => {
    const { code, out } = await run(fixture.dir, "--workers", "0");
    expect(code).toBe(0);
    expect(out).toContain("q1: Most popular category per country\n  country");
    expect(out).toMatch(
      /q6: Users joined per year \(2015–2020\)\n {2}post_year {2}number_users_joined\n {2}-{9} {2}-{19}\n {7}2015/,
    );
    for (const name of ["q2", "q3", "q3_top", "q4", "q5", "q7", "q8"]) expect(out).toContain(`\n${name}: `);
  });

  it("documents every option and its default in --help", async () => {
    const { code, out } = await run("--help");
    expect(code).toBe(0);
    for (const option of ["--json", "--dedupe", "--no-dedupe", "--median", "--ties", "--workers"]) {
      expect(out).toContain(option);
    }
    expect(out).toMatch(
      /--max-line-bytes <size>\s+Longest line kept; .*too_long\s+rejection \(default 16MiB/,
    );
    expect(out).toMatch(/--max-decompressed-bytes <size>\s+Most bytes one \.gz file [^(]*\(default 1GiB\)/);
    expect(out).toContain("KiB, MiB, GiB or TiB");
    expect(out).toMatch(/lower.*default/);
    expect(out).toMatch(/all.*default/);
    expect(out).toMatch(/Keep duplicate records \(default/);
  });

  it.each([
    [[], /expected one input folder, got 0/],
    [["a", "b"], /expected one input folder, got 2/],
    [["dir", "--median", "mean"], /--median must be one of lower, exact, got "mean"/],
    [["dir", "--ties", "some"], /--ties must be one of all, first/],
    [["dir", "--workers=-1"], /--workers must be an integer from 0 to 256, got "-1"/],
    [["dir", "--workers", "1.5"], /--workers must be an integer from 0 to 256/],
    [["dir", "--workers", "two"], /--workers must be an integer/],
    [["dir", "--fast"], /--fast/],
    [["dir", "--max-line-bytes", "1.5KiB"], /--max-line-bytes: "1\.5KiB" is not a byte size/],
    [["dir", "--max-line-bytes", "16MB"], /--max-line-bytes: "16MB" has an unknown unit "MB" \(write MiB/],
    [["dir", "--max-line-bytes", "0"], /--max-line-bytes must be from 1B to 256MiB, got "0"/],
    [["dir", "--max-line-bytes", "1GiB"], /--max-line-bytes must be from 1B to 256MiB/],
    [["dir", "--max-decompressed-bytes", "lots"], /--max-decompressed-bytes: "lots" is not a byte size/],
    [["dir", "--max-decompressed-bytes", "2TiB"], /--max-decompressed-bytes must be from 1B to 1TiB/],
    [["/nonexistent/pinpipe/input"], /cannot read \/nonexistent\/pinpipe\/input: ENOENT/],
  ])("exits 2 with one line on stderr for a usage error: %j", async (args, message) => {
    const { code, out, err } = await run(...args);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(message);
    expect(err.trimEnd().split("\n")).toHaveLength(1);
  });

  it("counts lines over --max-line-bytes and the rest of a .gz file over --max-decompressed-bytes as too_long rejections", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinpipe-analyze-limits-"));
    try {
      const user = (ind: number, name: string) => JSON.stringify({ ind, first_name: name, age: 30 });
      writeFileSync(
        join(dir, "user_data.ndjson"),
        `${[user(1, "a"), user(2, "b".repeat(1100)), user(3, "c".repeat(900))].join("\n")}\n`,
      );
      // Lines of 99 bytes and a newline.
      const gzipped = Array.from({ length: 40 }, (_, i) => user(10 + i, "d".repeat(64)));
      writeFileSync(join(dir, "user_more.ndjson.gz"), gzipSync(`${gzipped.join("\n")}\n`));
      const { code, err } = await run(
        dir,
        "--workers",
        "0",
        "--max-line-bytes",
        "1KiB",
        "--max-decompressed-bytes",
        "2KiB",
      );
      expect(code).toBe(0);
      // 2 KiB hold 20 of the .gz file's lines and part of the 21st: 20 clean, the rest one rejection;
      // the plain file adds 3 records, one too long: in = clean + rejected + duplicates.
      expect(err).toMatch(/\n {2}table +in +clean +rejected +duplicates\n/);
      expect(err).toMatch(/\n {2}user +24 +22 +2 +0\n/);
      expect(err).toContain("rejected: user too_long 2\n");
      expect(err).toContain(
        "could not read all of user_more.ndjson.gz: inflates past the decompressed-size limit (2KiB); the rest is skipped, counted as one too_long rejection",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 when the folder holds no record file of a known table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinpipe-analyze-empty-"));
    try {
      mkdirSync(join(dir, "misc"));
      writeFileSync(join(dir, "notes.txt"), "not records\n");
      writeFileSync(join(dir, "misc", "data.ndjson"), '{"ind": 1}\n');
      const { code, out, err } = await run(dir);
      expect(code).toBe(2);
      expect(out).toBe("");
      expect(err).toMatch(/^pinpipe analyze: no record files .* under .*pinpipe-analyze-empty-\w+\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
