import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ColumnarBuilder, ColumnarMerger } from "@pinpipe/analytics/columnar";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { PieceReader } from "../../src/analyze/pieceReader";
import { planReadTasks } from "../../src/analyze/planReadTasks";
import { writeGzipBomb } from "../hostile/hostileCorpus";

const dir = mkdtempSync(join(tmpdir(), "pinpipe-pieces-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A user line of any length (a long name stretches it), or a blank or broken line. */
const line = fc.oneof(
  fc
    .tuple(fc.nat(1000), fc.string({ maxLength: 3000 }), fc.integer({ min: 0, max: 120 }))
    .map(([ind, name, age]) => JSON.stringify({ ind, first_name: name, age })),
  fc.constantFrom("", "  ", "{broken", "[]"),
);

async function readAll(path: string, bytes: number, rangeBytes: number) {
  const tasks = planReadTasks([{ path, name: "user_data.ndjson", table: "user", gzip: false, bytes }], {
    rangeBytes,
    batchBytes: rangeBytes,
    batchFiles: 10,
  });
  const merger = new ColumnarMerger({ dedupe: false });
  for (const task of tasks) {
    // A fresh builder and a small buffer per range, as different workers would read them.
    const builder = new ColumnarBuilder({ dedupe: false });
    const reader = new PieceReader(builder, { bufferBytes: 64 });
    for (const piece of task.pieces) await reader.read(piece);
    merger.add(task.id, builder.takePartial());
  }
  return { tasks: tasks.length, tables: merger.tables(), accounting: merger.accounting() };
}

describe("PieceReader over planned byte ranges", () => {
  it("reads every line of a file exactly once, however the file is cut into ranges", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 30 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 5000 }),
        async (lines, newline, rangeBytes) => {
          const path = join(dir, `user_data-${run++}.ndjson`);
          const text = lines.join("\n") + (newline ? "\n" : "");
          writeFileSync(path, text);
          const bytes = Buffer.byteLength(text);
          const whole = await readAll(path, bytes, Number.MAX_SAFE_INTEGER);
          const cut = await readAll(path, bytes, rangeBytes);
          expect(cut.accounting).toEqual(whole.accounting);
          expect(Array.from(cut.tables.user.ind)).toEqual(Array.from(whole.tables.user.ind));
          expect(cut.accounting.user.in).toBe(lines.filter((l) => l.trim() !== "").length);
          // `{broken` does not parse, `[]` is no object; nothing here is too long.
          expect(cut.accounting.user.byReason).toEqual({
            invalid_json: lines.filter((l) => l === "{broken").length,
            too_long: 0,
            not_an_object: lines.filter((l) => l === "[]").length,
            missing_key: 0,
            invalid_key: 0,
          });
          if (bytes > rangeBytes) expect(cut.tasks).toBeGreaterThan(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("streams a gzip bomb in bounded pieces: over-long lines are skipped, the rest judged line by line", async () => {
    const lines = join(dir, "pin_bomb_lines.ndjson.gz");
    writeGzipBomb(lines, { memberBytes: 8 << 20, members: 3, lineBytes: 1 << 20 });
    const oneLine = join(dir, "pin_bomb_one_line.ndjson.gz");
    writeGzipBomb(oneLine, { memberBytes: 8 << 20, members: 3 });
    const builder = new ColumnarBuilder({ dedupe: false });
    const reader = new PieceReader(builder);
    await reader.read({
      path: lines,
      name: "pin_bomb_lines.ndjson.gz",
      table: "pin",
      gzip: true,
      start: 0,
      end: -1,
    });
    const split = builder.takePartial().accounting.pin;
    expect(split.in).toBeGreaterThan(20);
    expect(split).toMatchObject({ clean: 0, rejected: split.in, duplicates: 0 });
    expect(split.byReason.invalid_json).toBe(split.in);
    expect(split.byRule).toEqual({ invalid_json: split.in });
    expect(split.byField).toEqual({ $: split.in });
    await reader.read({
      path: oneLine,
      name: "pin_bomb_one_line.ndjson.gz",
      table: "pin",
      gzip: true,
      start: 0,
      end: -1,
    });
    const whole = builder.takePartial().accounting.pin;
    expect(whole).toMatchObject({ in: 1, clean: 0, rejected: 1 });
    expect(whole.byReason.too_long).toBe(1);
    expect(whole.byRule).toEqual({ too_long: 1 });
    expect(whole.byField).toEqual({ $: 1 });
  });

  it("stops inflating a file past 100 times its size, keeping the lines read so far", async () => {
    const bomb = join(dir, "pin_bomb_big.ndjson.gz");
    // 32 × 8 MiB of "0" lines: about 8 KiB on disk, so the 64 MiB allowance is the limit.
    writeGzipBomb(bomb, { memberBytes: 8 << 20, members: 32, lineBytes: 1 << 20 });
    const builder = new ColumnarBuilder({ dedupe: false });
    const reader = new PieceReader(builder);
    await expect(
      reader.read({
        path: bomb,
        name: "pin_bomb_big.ndjson.gz",
        table: "pin",
        gzip: true,
        start: 0,
        end: -1,
      }),
    ).rejects.toThrow(/gzip bomb\?\); the rest is skipped, counted as one too_long rejection$/);
    const read = builder.takePartial().accounting.pin;
    // The lines read so far, of "0…0", are not JSON; the abandoned rest is one too_long rejection.
    expect(read.byReason.invalid_json).toBeGreaterThan(50);
    expect(read.byReason.invalid_json).toBeLessThan(80);
    expect(read.byReason.too_long).toBe(1);
    expect(read).toMatchObject({ in: read.byReason.invalid_json + 1, clean: 0, rejected: read.in });
    expect(read.byRule).toEqual({ invalid_json: read.in - 1, too_long: 1 });
    expect(read.byField).toEqual({ $: read.in });
  });

  /** A valid user line of exactly `bytes` bytes (the name pads it). */
  const userLine = (ind: number, bytes: number) => {
    const bare = JSON.stringify({ ind, first_name: "", age: 30 });
    return JSON.stringify({ ind, first_name: "x".repeat(bytes - bare.length), age: 30 });
  };
  const whole = (path: string, name: string, gzip: boolean) =>
    ({ path, name, table: "user", gzip, start: 0, end: -1 }) as const;

  it("skips lines over maxLineBytes as too_long, however big the read buffer, plain or gzipped", async () => {
    const lines = [userLine(1, 40), userLine(2, 200), userLine(3, 201), userLine(4, 5000), userLine(5, 60)];
    const text = `${lines.join("\n")}\n`;
    const plain = join(dir, "user_limits.ndjson");
    writeFileSync(plain, text);
    const gzipped = join(dir, "user_limits.ndjson.gz");
    writeFileSync(gzipped, gzipSync(text));
    for (const [path, gzip] of [
      [plain, false],
      [gzipped, true],
    ] as const) {
      const builder = new ColumnarBuilder({ dedupe: false });
      await new PieceReader(builder, { maxLineBytes: 200 }).read(whole(path, "user_limits", gzip));
      const partial = builder.takePartial();
      expect(partial.accounting.user).toMatchObject({ in: 5, clean: 3, rejected: 2 });
      expect(partial.accounting.user.byReason.too_long).toBe(2);
      // The clean lines have no last_name nor date_joined: two missing fields each.
      expect(partial.accounting.user.byRule).toEqual({ missing_field: 6, too_long: 2 });
      expect(partial.accounting.user.byField).toEqual({ $: 2, date_joined: 3, last_name: 3 });
      expect(Array.from(partial.user.ind)).toEqual([1, 2, 5]);
    }
  });

  it("cuts a gzipped file at maxDecompressedBytes: lines before the cut kept, the rest one too_long rejection", async () => {
    const lines = Array.from({ length: 10 }, (_, i) => userLine(i + 1, 99));
    const path = join(dir, "user_cut.ndjson.gz");
    writeFileSync(path, gzipSync(`${lines.join("\n")}\n`));
    const builder = new ColumnarBuilder({ dedupe: false });
    const reader = new PieceReader(builder, { maxDecompressedBytes: 450 });
    // 450 bytes hold four 100-byte lines and half of the fifth, which is dropped with the rest.
    await expect(reader.read(whole(path, "user_cut", true))).rejects.toThrow(
      "inflates past the decompressed-size limit (450B); the rest is skipped, counted as one too_long rejection",
    );
    const partial = builder.takePartial();
    expect(Array.from(partial.user.ind)).toEqual([1, 2, 3, 4]);
    expect(partial.accounting.user).toMatchObject({ in: 5, clean: 4, rejected: 1 });
    expect(partial.accounting.user.byReason.too_long).toBe(1);
    expect(partial.accounting.user.byRule).toEqual({ missing_field: 8, too_long: 1 });
    expect(partial.accounting.user.byField).toEqual({ $: 1, date_joined: 4, last_name: 4 });
    // The reader goes on with the next file as usual.
    writeFileSync(join(dir, "user_next.ndjson"), `${lines[0]}\n`);
    await reader.read(whole(join(dir, "user_next.ndjson"), "user_next", false));
    const next = builder.takePartial().accounting.user;
    expect(next).toMatchObject({ in: 1, clean: 1, rejected: 0 });
    expect(next.byRule).toEqual({ missing_field: 2 });
  });

  it("counts a too-long line cut at maxDecompressedBytes once: the cut falls inside it", async () => {
    const path = join(dir, "user_endless.ndjson.gz");
    // One line with no newline, longer than the line limit and than the decompressed-size limit.
    writeFileSync(path, gzipSync(`${userLine(1, 99)}\n{"ind": 2, "first_name": "${"x".repeat(100_000)}`));
    const builder = new ColumnarBuilder({ dedupe: false, keepRejected: true });
    const reader = new PieceReader(builder, { maxLineBytes: 1000, maxDecompressedBytes: 50_000 });
    await expect(reader.read(whole(path, "user_endless", true))).rejects.toThrow(/decompressed-size limit/);
    const partial = builder.takePartial();
    expect(partial.accounting.user).toMatchObject({ in: 2, clean: 1, rejected: 1 });
    expect(partial.accounting.user.byReason.too_long).toBe(1);
    expect(partial.rejected.map(({ line, byteOffset, bytes }) => ({ line, byteOffset, bytes }))).toEqual([
      { line: 2, byteOffset: userLine(1, 99).length + 1, bytes: null },
    ]);
  });

  it("numbers lines the same, blank ones included, whatever the read buffer", async () => {
    const path = join(dir, "user_blank.ndjson");
    writeFileSync(path, `{"ind": 1}\n\n{"ind": 2, "age": 3}\nnull\n`);
    for (const bufferBytes of [16, 1 << 20]) {
      const builder = new ColumnarBuilder({ dedupe: false, keepRejected: true });
      builder.beginPiece(0);
      await new PieceReader(builder, { bufferBytes }).read(whole(path, "user_blank", false));
      expect(builder.linesInPiece).toBe(4);
      const { rejected, accounting } = builder.takePartial();
      expect(accounting.user).toMatchObject({ in: 3, clean: 2, rejected: 1 });
      expect(rejected.map((r) => [r.reason, r.piece, r.line, r.byteOffset])).toEqual([
        ["not_an_object", 0, 4, 33],
      ]);
    }
  });

  it("reads gzipped files and reports a corrupt one after keeping what it could read", async () => {
    const { gzipSync } = await import("node:zlib");
    const good = join(dir, "user_good.ndjson.gz");
    writeFileSync(good, gzipSync('{"ind": 1, "age": 20}\n{"ind": 2, "age": 30}\n'));
    const bad = join(dir, "user_bad.ndjson.gz");
    writeFileSync(bad, gzipSync('{"ind": 3, "age": 40}\n').subarray(0, 12));
    const builder = new ColumnarBuilder({ dedupe: false });
    const reader = new PieceReader(builder);
    await reader.read({
      path: good,
      name: "user_good.ndjson.gz",
      table: "user",
      gzip: true,
      start: 0,
      end: -1,
    });
    await expect(
      reader.read({ path: bad, name: "user_bad.ndjson.gz", table: "user", gzip: true, start: 0, end: -1 }),
    ).rejects.toThrow();
    expect(Array.from(builder.takePartial().user.ind)).toEqual([1, 2]);
  });
});

describe("planReadTasks", () => {
  it("cuts big plain files into ranges, batches small and gzipped files, covering every byte once", () => {
    const files = [
      { path: "a", name: "a", table: "pin" as const, gzip: false, bytes: 10 },
      { path: "b", name: "b", table: "pin" as const, gzip: false, bytes: 25 },
      { path: "c", name: "c", table: "geo" as const, gzip: true, bytes: 40 },
      { path: "d", name: "d", table: "user" as const, gzip: false, bytes: 5 },
    ];
    const tasks = planReadTasks(files, { rangeBytes: 10, batchBytes: 12, batchFiles: 2 });
    expect(tasks.map((t) => t.pieces.map((p) => `${p.path}[${p.start},${p.end})`))).toEqual([
      ["a[0,-1)"],
      ["b[0,10)"],
      ["b[10,20)"],
      ["b[20,-1)"],
      ["c[0,-1)"],
      ["d[0,-1)"],
    ]);
    expect(tasks.reduce((sum, t) => sum + t.bytes, 0)).toBe(80);
    expect(tasks.map((t) => t.id)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
