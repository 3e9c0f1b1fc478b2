import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QUERY_NAMES } from "@pinpipe/analytics";
import type { TableName } from "@pinpipe/clean";
import { generatePostLines } from "@pinpipe/ingest";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { BOM_KIND, HOSTILE_KINDS, hostileLine, hostileSpecArbitrary, LINE_LIMIT } from "./hostileLines";
import {
  analyzeFolder,
  batchFolder,
  DEFAULT_JOB_OPTIONS,
  type LinesByTable,
  referenceOutcome,
  streamTable,
  TABLES,
  writeSource,
} from "./jobRunners";

const root = mkdtempSync(join(tmpdir(), "pinpipe-one-core-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const corpusArbitrary = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  count: fc.integer({ min: 3, max: 60 }),
  dirty: fc.double({ min: 0, max: 0.6, noNaN: true }),
  duplicates: fc.double({ min: 0, max: 0.4, noNaN: true }),
  hostile: fc.array(hostileSpecArbitrary, { minLength: 1, maxLength: 30 }),
  batchSize: fc.integer({ min: 1, max: 40 }),
  // Two analyze threads start workers (slow): about one run in four.
  threads2: fc.constantFrom(false, false, false, true),
});

type Corpus = typeof corpusArbitrary extends fc.Arbitrary<infer C> ? C : never;

/** Generated posts as lines per table, each hostile line spliced in at its place. */
function corpusLines(corpus: Corpus): LinesByTable {
  const lines: Record<TableName, Uint8Array[]> = { pin: [], geo: [], user: [] };
  for (const post of generatePostLines({
    seed: corpus.seed,
    count: corpus.count,
    dirty: corpus.dirty,
    duplicates: corpus.duplicates,
  })) {
    for (const table of TABLES) lines[table].push(Buffer.from(post[table], "utf8"));
  }
  for (const spec of corpus.hostile) {
    const list = lines[spec.table];
    // A byte order mark opening a file is the file's, not the first record's: never first.
    const at =
      spec.kind === BOM_KIND ? 1 + (spec.at % Math.max(1, list.length)) : spec.at % (list.length + 1);
    list.splice(at, 0, hostileLine(spec));
  }
  return lines;
}

/** Every hostile kind once per table, so each run of the property sees them all at least once. */
const EVERY_KIND = TABLES.flatMap((table) =>
  Array.from({ length: HOSTILE_KINDS }, (_, kind) => ({
    table,
    kind,
    key: 7 + kind,
    slot: kind,
    text: "\u00a0Émile",
    number: 1500,
    pick: kind * 7,
    at: kind * 3,
  })),
);

let run = 0;

/** Runs the corpus through analyze, batch and the stream's clean step and checks they agree. */
async function checkCorpus(corpus: Corpus): Promise<void> {
  const { threads2 } = corpus;
  const dir = join(root, `run-${run++}`);
  const source = join(dir, "source");
  const lines = corpusLines(corpus);
  writeSource(source, lines);

  const analyzed = await analyzeFolder(source, {
    ...DEFAULT_JOB_OPTIONS,
    threads: 1,
    maxLineBytes: LINE_LIMIT,
  });
  if (threads2) {
    const parallel = await analyzeFolder(source, {
      ...DEFAULT_JOB_OPTIONS,
      threads: 2,
      maxLineBytes: LINE_LIMIT,
    });
    expect(parallel.threads).toBe(2);
    expect(parallel.accounting, "analyze on 2 threads: counts").toEqual(analyzed.accounting);
    expect(parallel.results, "analyze on 2 threads: results").toEqual(analyzed.results);
  }
  const batch = await batchFolder(source, join(dir, "out"), "run", {
    ...DEFAULT_JOB_OPTIONS,
    maxLineBytes: LINE_LIMIT,
  });
  // Batch's results are analyze's.
  for (const name of QUERY_NAMES) {
    const written = JSON.parse(readFileSync(join(batch.runDir, "results", `${name}.json`), "utf8"));
    expect(written, `batch results/${name}.json`).toEqual(JSON.parse(JSON.stringify(analyzed.results[name])));
  }

  for (const table of TABLES) {
    const reference = referenceOutcome(table, lines[table], LINE_LIMIT);
    const stream = await streamTable(table, lines[table], LINE_LIMIT, { batchSize: corpus.batchSize });
    const fromBatch = batch.tables[table];

    // One counts shape, the same numbers on every job, and what @pinpipe/clean says record by record.
    const counts = analyzed.accounting[table];
    expect(counts, `${table}: analyze counts vs @pinpipe/clean`).toEqual(reference.counts);
    expect(fromBatch.counts, `${table}: batch manifest counts vs analyze`).toEqual(counts);
    expect(stream.counts, `${table}: stream counts vs analyze`).toEqual(counts);

    // The same clean rows: the stream's in order, batch's (Hive-partitioned) as a multiset.
    const sorted = (rows: Record<string, unknown>[]) => rows.map((row) => JSON.stringify(row)).sort();
    expect(stream.rows, `${table}: stream Parquet vs @pinpipe/clean`).toEqual(reference.rows);
    expect(sorted(fromBatch.rows), `${table}: batch Parquet vs @pinpipe/clean`).toEqual(
      sorted(reference.rows),
    );
    expect(fromBatch.rows.length).toBe(counts.clean);

    // The same rejected records, in order, with their exact bytes.
    const summary = (
      entries: readonly { reason: string; raw: string | null; rawEncoding: string | null }[],
    ) => entries.map(({ reason, raw, rawEncoding }) => ({ reason, raw, rawEncoding }));
    expect(summary(fromBatch.rejected), `${table}: batch rejected vs input`).toEqual(
      summary(reference.rejected),
    );
    expect(summary(stream.rejected), `${table}: stream rejected vs input`).toEqual(
      summary(reference.rejected),
    );
    // And the same issues (a line over the limit is described by each reader in its own words).
    const issues = (entries: typeof stream.rejected) =>
      entries.map((entry) => (entry.reason === "too_long" ? entry.reason : entry.issues));
    expect(issues(stream.rejected), `${table}: stream issues vs batch issues`).toEqual(
      issues(fromBatch.rejected),
    );
  }
  rmSync(dir, { recursive: true, force: true });
}

describe("analyze, batch and the stream's clean step give one outcome (issue 11)", () => {
  it("agrees on a corpus holding every hostile kind in every table", async () => {
    await checkCorpus({
      seed: 11,
      count: 40,
      dirty: 0.4,
      duplicates: 0.2,
      hostile: EVERY_KIND,
      batchSize: 7,
      threads2: false,
    });
    await checkCorpus({
      seed: 12,
      count: 40,
      dirty: 0.4,
      duplicates: 0.2,
      hostile: EVERY_KIND,
      batchSize: 5,
      threads2: true,
    });
  });

  it("agrees on generated dirty corpora with hostile lines mixed in (property)", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(corpusArbitrary, async (corpus) => {
        runs++;
        await checkCorpus(corpus);
      }),
      { numRuns: 20, interruptAfterTimeLimit: 15_000, endOnFailure: true },
    );
    // A loaded machine may cut the property short; it must still have run a few corpora.
    expect(runs).toBeGreaterThanOrEqual(5);
  });

  it("rejects a mid-file line opening with a byte order mark on two threads as on one", async () => {
    const dir = join(root, "bom");
    const filler = (index: number) =>
      Buffer.from(JSON.stringify({ index, title: "t".repeat(960), category: "art" }), "utf8");
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"index": 99, "category": "art"}'),
    ]);
    // Lines of about 1000 bytes: line 4 crosses 4096, so the BOM line opens the second 4 KiB range.
    const pin = [0, 1, 2, 3, 4].map(filler);
    pin.push(bom, ...[5, 6, 7, 8, 9].map(filler));
    writeSource(dir, { pin, geo: [], user: [] });
    const reference = referenceOutcome("pin", pin, LINE_LIMIT * 4);
    expect(reference.counts.byReason.invalid_json).toBe(1);
    const one = await analyzeFolder(dir, {
      ...DEFAULT_JOB_OPTIONS,
      threads: 1,
      maxLineBytes: LINE_LIMIT * 4,
    });
    expect(one.accounting.pin).toEqual(reference.counts);
    const two = await analyzeFolder(dir, {
      ...DEFAULT_JOB_OPTIONS,
      threads: 2,
      maxLineBytes: LINE_LIMIT * 4,
    });
    // Actual: on two threads the line is clean (in 11, clean 11, invalid_json 0).
    expect(two.accounting.pin).toEqual(reference.counts);
  });
});
