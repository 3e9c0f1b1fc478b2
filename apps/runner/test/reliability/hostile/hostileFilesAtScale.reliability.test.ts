import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalRecord, readLocalRecords } from "@pinpipe/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostileBodies, writeGzipBomb, writeLongLine } from "../../hostile/hostileCorpus";
import { checkBatchOutput, listFiles } from "../support/checkBatchOutput";
import { addCounts, recordPeak } from "../support/reliabilityTally";
import { type CliRun, runCli } from "../support/runCli";

const LONG_LINE_BYTES = 100 * 1024 * 1024;
/** 32 gzip members of 64 MiB of "0": 2 GiB expanded, about 2 MiB on disk. */
const BOMB = { memberBytes: 64 * 1024 * 1024, members: 32 } as const;
/** What any entry point may add on top of the same command on a one-record input. */
const MEMORY_HEADROOM_MB = 150;
/**
 * Batch reads inputs over 64 MB on two worker threads (a one-record input is read on the main
 * thread alone), each with its own heap and read buffers: about 30 MB each, measured.
 */
const BATCH_WORKERS_HEADROOM_MB = 60;
/** Guard for the machine: a run past this is killed (and fails). */
const RSS_LIMIT_MB = 2_500;
const VALID_USER =
  '{"ind":1,"first_name":"Ada","last_name":"Lovelace","age":36,"date_joined":"2016-01-01 00:00:00"}';

/** Samples this process's RSS while `action` runs; resolves with the peak growth in MB. */
async function peakGrowthMb<T>(action: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const result = await action();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - base) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function readAll(path: string): Promise<LocalRecord[]> {
  const items: LocalRecord[] = [];
  for await (const item of readLocalRecords(path)) items.push(item);
  return items;
}

describe("hostile files at scale: a 100 MB line, a 2 GiB gzip bomb, the corpus with 8 MiB values", () => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-hostile-scale-"));
  const dirs = {
    tiny: join(root, "tiny"),
    long: join(root, "long"),
    bomb: join(root, "bomb"),
    corpus: join(root, "corpus"),
  };
  const baseline: Record<string, number> = {};
  const corpus = hostileBodies({ hugeBytes: 8 * 1024 * 1024, items: 500_000 });

  beforeAll(async () => {
    for (const dir of Object.values(dirs)) mkdirSync(dir);
    writeFileSync(join(dirs.tiny, "pinterest_data.ndjson"), '{"index":1,"title":"ok","category":"art"}\n');
    writeFileSync(join(dirs.tiny, "user_data.ndjson"), `${VALID_USER}\n`);
    writeLongLine(join(dirs.long, "pinterest_data.ndjson"), LONG_LINE_BYTES);
    writeFileSync(join(dirs.long, "user_data.ndjson"), `${VALID_USER}\n`);
    writeGzipBomb(join(dirs.bomb, "pinterest_data.ndjson.gz"), BOMB);
    writeFileSync(join(dirs.bomb, "user_data.ndjson"), `${VALID_USER}\n`);
    writeFileSync(
      join(dirs.corpus, "pinterest_data.ndjson"),
      Buffer.concat(corpus.flatMap((body) => [body.bytes, Buffer.from("\n")])),
    );
    writeFileSync(join(dirs.corpus, "user_data.ndjson"), `${VALID_USER}\n`);
    // What the commands cost on a one-record input: the yardstick for "bounded".
    baseline.analyze = (await runCli(["analyze", dirs.tiny, "--workers", "1"])).peakRssMb;
    baseline.batch = (
      await runCli(["batch", "--source", dirs.tiny, "--out", join(root, "out-tiny"), "--run-id", "r"])
    ).peakRssMb;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function expectBounded(run: CliRun, command: "analyze" | "batch", input: string): void {
    expect(run.overMemoryLimit, `${command} ${input}: over ${RSS_LIMIT_MB} MB`).toBe(false);
    recordPeak(
      "peak memory (MB)",
      `${command}: ${input} (baseline ${Math.round(baseline[command]!)})`,
      run.peakRssMb,
    );
    expect(run.peakRssMb, `${command} ${input} peak RSS`).toBeLessThan(
      baseline[command]! + MEMORY_HEADROOM_MB + (command === "batch" ? BATCH_WORKERS_HEADROOM_MB : 0),
    );
  }

  it("readLocalRecords: the 100 MB line is one rejection with a reason, in bounded memory", async () => {
    const { result, growthMb } = await peakGrowthMb(() => readAll(dirs.long));
    expect(result.map((item) => item.error?.reason ?? "record")).toEqual([
      expect.stringMatching(/longer than maxLineBytes/),
      "record",
    ]);
    recordPeak("peak memory (MB)", "readLocalRecords: 100 MB line, growth of the test process", growthMb);
    expect(growthMb).toBeLessThan(MEMORY_HEADROOM_MB);
    addCounts("hostile inputs", { "100 MB line: tried": 1, "100 MB line: rejected": 1 });
  });

  describe("readLocalRecords on the gzip bomb (read once)", () => {
    let items: LocalRecord[] = [];
    let growthMb = 0;
    beforeAll(async () => {
      const started = performance.now();
      ({ result: items, growthMb } = await peakGrowthMb(() => readAll(dirs.bomb)));
      recordPeak("elapsed (s)", "readLocalRecords: 2 GiB gzip bomb", (performance.now() - started) / 1000);
      recordPeak(
        "peak memory (MB)",
        "readLocalRecords: 2 GiB gzip bomb, growth of the test process",
        growthMb,
      );
      addCounts("hostile inputs", {
        "2 GiB gzip bomb: tried": 1,
        "2 GiB gzip bomb: rejected": items[0]?.error === undefined ? 0 : 1,
      });
    });

    it("never holds the bomb in memory and reports it as a bad record", () => {
      expect(items[0]?.error?.reason).toMatch(/\S/);
      expect(items.slice(1).map((item) => item.record)).toEqual([JSON.parse(VALID_USER)]);
      expect(growthMb).toBeLessThan(MEMORY_HEADROOM_MB);
    });

    // Regression: readLocalRecords once inflated every byte of a bomb (bounded memory, unbounded time).
    it("refuses it at a decompressed-size limit, naming the limit", () => {
      expect(items[0]?.error?.reason).toMatch(/decompress|inflat|expan|size limit/i);
    });
  });

  for (const command of ["analyze", "batch"] as const) {
    const argsFor = (input: string): string[] =>
      command === "analyze"
        ? ["analyze", input, "--workers", "1", "--json"]
        : [
            "batch",
            "--source",
            input,
            "--out",
            join(root, `out-${command}`),
            "--run-id",
            input.split("/").pop()!,
          ];

    let longRun: CliRun | undefined;
    it(`${command}: the 100 MB line is rejected and counted, the valid record kept`, async () => {
      const run = await runCli(argsFor(dirs.long), { rssLimitMb: RSS_LIMIT_MB });
      longRun = run;
      expect(run.overMemoryLimit, `${command}: over ${RSS_LIMIT_MB} MB`).toBe(false);
      expect(run.code, run.stderr).toBe(0);
      if (command === "batch") {
        const rejected = readFileSync(
          join(root, "out-batch", "runs", "long", "rejected", "pin.ndjson"),
          "utf8",
        );
        expect(rejected.length).toBeLessThan(64 * 1024);
        // Rejected unread: too_long, its bytes not kept (raw null).
        const state = (await checkBatchOutput(join(root, "out-batch"))).find((s) => s.runId === "long");
        expect(state?.finished).toBe(true);
        expect(state!.rejectedLines.pin).toEqual([
          expect.objectContaining({ reason: "too_long", raw: null, rawEncoding: null }),
        ]);
        expect(state!.rows.user).toBe(1);
      } else expect(run.stderr).toMatch(/\n +pin +1 +0 +1 /);
      addCounts("hostile inputs", {
        [`100 MB line via ${command}: tried`]: 1,
        [`100 MB line via ${command}: rejected`]: 1,
      });
    });

    it(`${command}: the 100 MB line in bounded memory`, () => {
      expectBounded(longRun!, command, "100 MB line");
    });

    it(`${command}: the 2 GiB gzip bomb ends as a counted rejection, memory bounded`, async () => {
      const run = await runCli(argsFor(dirs.bomb), { rssLimitMb: RSS_LIMIT_MB });
      expectBounded(run, command, "2 GiB gzip bomb");
      recordPeak("elapsed (s)", `${command}: 2 GiB gzip bomb`, run.ms / 1000);
      expect(run.code, run.stderr).toBe(0);
      addCounts("hostile inputs", {
        [`gzip bomb via ${command}: tried`]: 1,
        [`gzip bomb via ${command}: rejected`]: 1,
      });
    });

    // Regression: batch once failed as a whole here, its JSON.stringify of a deeply nested rejected
    // record overflowing the stack.
    it(`${command}: the whole hostile corpus (8 MiB values, 100k-deep nesting) runs to the end, every line counted`, async () => {
      const run = await runCli(argsFor(dirs.corpus), { rssLimitMb: RSS_LIMIT_MB });
      expect(run.overMemoryLimit).toBe(false);
      recordPeak("peak memory (MB)", `${command}: hostile corpus (8 MiB values)`, run.peakRssMb);
      addCounts("hostile inputs", { [`corpus via ${command}: tried`]: corpus.length });
      expect(run.code, run.stderr).toBe(0);
      if (command === "analyze") {
        const [, records, clean, rejected, duplicates] =
          /\n +pin +(\d+) +(\d+) +(\d+) +(\d+)/.exec(run.stderr) ?? [];
        expect(Number(records)).toBe(corpus.length);
        expect(Number(clean) + Number(rejected) + Number(duplicates)).toBe(corpus.length);
        addCounts("hostile inputs", { "corpus via analyze: rejected": Number(rejected) });
      } else {
        const manifest = JSON.parse(
          readFileSync(join(root, "out-batch", "runs", "corpus", "manifest.json"), "utf8"),
        );
        const pin = manifest.counts.pin as {
          in: number;
          clean: number;
          rejected: number;
          duplicates: number;
        };
        expect(pin.in).toBe(corpus.length);
        expect(pin.clean + pin.rejected + pin.duplicates).toBe(pin.in);
        // Batch keeps duplicates unless --dedupe (and 1e-400 is no key: only index -0 gives ind 0).
        expect(pin.duplicates).toBe(0);
        // Each rejected line keeps its body's exact bytes, and bytes that are no JSON object are rejected.
        const state = (await checkBatchOutput(join(root, "out-batch"))).find((s) => s.runId === "corpus");
        const lines = state!.rejectedLines.pin ?? [];
        expect(lines).toHaveLength(pin.rejected);
        for (const line of lines) {
          const body = corpus[Number(line.position.line) - 1]!;
          const kept = Buffer.from(line.raw ?? "", line.rawEncoding === "base64" ? "base64" : "utf8");
          expect(kept.equals(body.bytes), body.name).toBe(true);
          expect(
            body.json === "invalid" ? "invalid_json" : body.json === "not-object" ? "not_an_object" : "a key",
            body.name,
          ).toBe(line.reason === "missing_key" || line.reason === "invalid_key" ? "a key" : line.reason);
        }
        const rejectedLines = new Set(lines.map((line) => Number(line.position.line)));
        for (const [index, body] of corpus.entries())
          if (body.json !== "object") expect(rejectedLines.has(index + 1), body.name).toBe(true);
        addCounts("hostile inputs", { "corpus via batch: rejected": pin.rejected });
      }
    });
  }

  it("no command wrote outside its output folder", () => {
    const outside = listFiles(root).filter(
      (path) => !path.startsWith("out-") && !Object.keys(dirs).some((dir) => path.startsWith(`${dir}/`)),
    );
    expect(outside).toEqual([]);
  });
});
