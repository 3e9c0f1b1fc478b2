import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBatchOutput, listFiles } from "../support/checkBatchOutput";
import { addCounts } from "../support/reliabilityTally";
import { runCli } from "../support/runCli";

/** Category values that would climb out of `tables/pin/` if used as a folder name as they are. */
const CATEGORIES = [
  "../../../../escape",
  "/etc/passwd",
  "a/b/../../c",
  "..",
  ".",
  "C:\\escape",
  "%2e%2e%2fescape",
  "nul\u0000byte",
  "new\nline",
  "ünïcödé/🎉",
];

describe("hostile values and arguments never make a command write outside its output", () => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-hostile-cli-"));
  const input = join(root, "input");

  beforeAll(() => {
    mkdirSync(input);
    const pins = CATEGORIES.map((category, index) =>
      JSON.stringify({
        index: index + 1,
        title: `pin ${index + 1}`,
        category,
        follower_count: "10k",
        downloaded: 1,
      }),
    );
    pins.push(JSON.stringify({ index: 99, title: "ordinary", category: "art" }));
    writeFileSync(join(input, "pinterest_data.ndjson"), `${pins.join("\n")}\n`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const outside = (): string[] =>
    listFiles(root).filter(
      (path) => !path.startsWith("input/") && !path.startsWith("out/") && !path.startsWith("long-category/"),
    );

  it("batch: hostile category values become encoded partition folders inside the run, every pin kept once", async () => {
    const run = await runCli(["batch", "--source", input, "--out", join(root, "out"), "--run-id", "paths"]);
    // Valid records with hostile values: kept, under encoded folder names (not rejected).
    addCounts("hostile inputs", {
      "partition values via batch: tried": CATEGORIES.length,
      "partition values via batch: rejected": 0,
    });
    expect(outside()).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    const [state] = await checkBatchOutput(join(root, "out"));
    expect(state?.finished).toBe(true);
    const partitions = listFiles(join(root, "out", "runs", "paths", "tables", "pin"));
    for (const path of partitions) expect(path).toMatch(/^category=[^/]+\/part-00000\.parquet$/);
    const rows = state!.rows.pin ?? 0;
    const rejected = state!.rejected.pin ?? 0;
    expect(rows + rejected).toBe(CATEGORIES.length + 1);
    expect(rejected).toBe(0);
    expect([...(state!.inds.pin ?? [])].sort((a, b) => a - b)).toEqual(
      [...new Set(state!.inds.pin ?? [])].sort((a, b) => a - b),
    );
  });

  it("refuses run ids, stream names, prefixes and report paths that climb out, before writing anything", async () => {
    const out = join(root, "out");
    const attempts = [
      ["batch", "--source", input, "--out", out, "--run-id", "../../escape"],
      ["batch", "--source", input, "--out", out, "--run-id", "/tmp/escape"],
      ["report", out, "--run-id", "../../../escape"],
      [
        "emulate",
        "--to",
        "dir",
        "--out",
        out,
        "--topic-prefix",
        "../../escape",
        "--count",
        "1",
        "--sleep",
        "none",
      ],
      [
        "stream",
        "--out",
        out,
        "--streams",
        "../../escape,b-geo,c-user",
        "--until-idle",
        "0.1",
        "--kinesis-endpoint",
        "http://127.0.0.1:9",
      ],
    ];
    for (const args of attempts) {
      const run = await runCli(args);
      // Each is refused with a message, as a usage error (2) or a failure (1), before anything is written.
      expect([1, 2], `${args.join(" ")}\n${run.stderr}`).toContain(run.code);
      expect(run.stderr, args.join(" ")).toMatch(/\S/);
    }
    expect(outside()).toEqual([]);
    // Only the first batch's run folder and its Delta tables (one folder per table) hold files.
    const deltaTable = /^tables\/pinpipe_(pin|geo|user)_table\/[^/]/;
    expect(
      listFiles(out).filter((path) => !path.startsWith("runs/paths/") && !deltaTable.test(path)),
    ).toEqual([]);
    addCounts("hostile inputs", {
      "CLI path arguments: tried": attempts.length,
      "CLI path arguments: rejected": attempts.length,
    });
  });

  // Regression: a category longer than the file system's name limit once failed the whole run
  // (ENAMETOOLONG); partition folder names are now bounded.
  it("batch: one pin with a 300-character category does not stop the run", async () => {
    const dir = join(root, "long-category");
    mkdirSync(dir);
    const pins = [
      { index: 1, title: "long", category: "x".repeat(300) },
      { index: 2, title: "ordinary", category: "art" },
    ];
    writeFileSync(
      join(dir, "pinterest_data.ndjson"),
      `${pins.map((pin) => JSON.stringify(pin)).join("\n")}\n`,
    );
    const run = await runCli([
      "batch",
      "--source",
      dir,
      "--out",
      join(root, "out"),
      "--run-id",
      "long-category",
    ]);
    addCounts("hostile inputs", {
      "300-character partition value via batch: tried": 1,
      "300-character partition value via batch: rejected": 0,
    });
    expect(outside().filter((path) => !path.startsWith("long-category/"))).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
  });

  it("report on the run with hostile partitions writes one HTML file, inside the run", async () => {
    const out = join(root, "out");
    const run = await runCli(["report", out, "--run-id", "paths"]);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(join(out, "runs", "paths", "report.html"), "utf8");
    // Values from the data are escaped, never markup.
    expect(html).not.toMatch(/<script/i);
    expect(outside()).toEqual([]);
  });
});
