import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  generatePostLines,
  generatePosts,
  type LocalRecord,
  placeKafkaConnectRecord,
  readLocalRecords,
  writeKafkaConnectLayout,
  writeNdjson,
} from "../../src/index";
import { useTempDirs } from "./tempDir";

const newTempDir = useTempDirs();

async function readAll(
  path: string,
  options?: Parameters<typeof readLocalRecords>[1],
): Promise<LocalRecord[]> {
  const out: LocalRecord[] = [];
  for await (const item of readLocalRecords(path, options)) out.push(item);
  return out;
}

const records = (items: readonly LocalRecord[]): unknown[] => items.map((i) => i.record);

describe("readLocalRecords: Kafka Connect layout", () => {
  it("round-trips generated posts through the writer in order, one topic per table, table from the topic", async () => {
    const dir = await newTempDir();
    const posts = [...generatePosts({ seed: 1, count: 250, dirty: 0.05 })];
    for (const table of ["pin", "geo", "user"] as const) {
      const summary = await writeKafkaConnectLayout(
        dir,
        "0a1b2c3d",
        table,
        posts.map((p) => p[table]),
        { partitions: 1, recordsPerObject: 40 },
      );
      expect(summary).toEqual({ records: 250, objects: 7 });
    }
    const items = await readAll(dir);
    expect(items.filter((i) => i.error !== undefined)).toEqual([]);
    // Topics are read in name order: .geo, .pin, .user.
    expect(items.map((i) => i.table)).toEqual([
      ...Array(250).fill("geo"),
      ...Array(250).fill("pin"),
      ...Array(250).fill("user"),
    ]);
    expect(records(items)).toEqual(
      JSON.parse(
        JSON.stringify([...posts.map((p) => p.geo), ...posts.map((p) => p.pin), ...posts.map((p) => p.user)]),
      ),
    );
    expect(items[41]!.position).toEqual({
      file: "topics/0a1b2c3d.geo/partition=0/0a1b2c3d.geo+0+0000000040.json",
      line: 2,
      byteOffset: expect.any(Number),
    });
  });

  it("reads partitions in numeric order and objects by numeric offset, matching the planned placement", async () => {
    const dir = await newTempDir();
    const lines = [...generatePostLines({ seed: 2, count: 120 })].map((p) => p.geo);
    await writeKafkaConnectLayout(dir, "demo", "geo", lines, {
      partitions: 12,
      recordsPerObject: 3,
      serialized: true,
    });
    const items = await readAll(dir);
    const layout = { prefix: "demo", table: "geo" as const, partitions: 12, recordsPerObject: 3 };
    // Expected order: by partition (0, 1, 2, ..., 10, 11 numerically), then offset.
    const expectedOrder = lines
      .map((line, index) => ({ line, ...placeKafkaConnectRecord(index, layout) }))
      .sort((a, b) => a.partition - b.partition || a.offset - b.offset);
    expect(items.map((i) => JSON.stringify(i.record))).toEqual(expectedOrder.map((e) => e.line));
    expect(items.map((i) => i.position.file)).toEqual(expectedOrder.map((e) => e.key));
  });

  it("orders offsets numerically even without zero padding, and accepts the topics folder itself as root", async () => {
    const dir = await newTempDir();
    const folder = join(dir, "topics/t.user/partition=0");
    await mkdir(folder, { recursive: true });
    for (const offset of [10, 9, 100, 0])
      await writeFile(join(folder, `t.user+0+${offset}.json`), `{"at":${offset}}\n`);
    const expected = [0, 9, 10, 100].map((at) => ({ at }));
    expect(records(await readAll(dir))).toEqual(expected);
    const fromTopics = await readAll(join(dir, "topics"));
    expect(records(fromTopics)).toEqual(expected);
    expect(fromTopics.map((i) => [i.table, i.position.file])).toEqual(
      [0, 9, 10, 100].map((at) => ["user", `t.user/partition=0/t.user+0+${at}.json`]),
    );
  });

  it("reads gzipped objects", async () => {
    const dir = await newTempDir();
    const geo = [...generatePosts({ seed: 3, count: 90 })].map((p) => p.geo);
    await writeKafkaConnectLayout(dir, "gz", "geo", geo, { partitions: 2, recordsPerObject: 10, gzip: true });
    const files = await readdir(join(dir, "topics/gz.geo/partition=1"));
    expect(files.every((f) => f.endsWith(".json.gz"))).toBe(true);
    const items = await readAll(dir);
    expect(items).toHaveLength(90);
    expect(new Set(items.map((i) => (i.record as { ind: number }).ind))).toEqual(
      new Set(geo.map((g) => g.ind)),
    );
  });

  it("reads 20,000 one-record objects completely and in offset order", async () => {
    const dir = await newTempDir();
    const geo = Array.from({ length: 20_000 }, (_, ind) => ({ ind, country: "Gambia" }));
    await writeKafkaConnectLayout(dir, "many", "geo", geo, { partitions: 1, recordsPerObject: 1 });
    const items = await readAll(dir);
    expect(items).toHaveLength(20_000);
    expect(items.every((item, i) => (item.record as { ind: number }).ind === i && item.table === "geo")).toBe(
      true,
    );
  }, 60_000);
});

describe("readLocalRecords: plain files", () => {
  it("takes the table from the file name, or from the table option", async () => {
    const dir = await newTempDir();
    await writeNdjson(join(dir, "pinterest_data.ndjson"), [{ index: 1 }]);
    await writeNdjson(join(dir, "geolocation_data.jsonl"), [{ ind: 1 }]);
    await writeNdjson(join(dir, "records.ndjson"), [{ x: 1 }]);
    expect((await readAll(dir)).map((i) => [i.position.file, i.table])).toEqual([
      ["geolocation_data.jsonl", "geo"],
      ["pinterest_data.ndjson", "pin"],
      ["records.ndjson", null],
    ]);
    expect((await readAll(dir, { table: "user" })).map((i) => i.table)).toEqual(["user", "user", "user"]);
    // A single file as input: its position names the file.
    expect((await readAll(join(dir, "records.ndjson"))).map((i) => i.position.file)).toEqual([
      "records.ndjson",
    ]);
  });

  it("streams JSON array files, plain and gzipped, numbering elements as lines", async () => {
    const dir = await newTempDir();
    const users = [...generatePosts({ seed: 4, count: 30 })].map((p) => p.user);
    await writeFile(join(dir, "user_data.json"), JSON.stringify(users, null, 2));
    await writeFile(join(dir, "user_more.json.gz"), gzipSync(JSON.stringify(users)));
    const items = await readAll(dir);
    expect(records(items)).toEqual([...users, ...users]);
    expect(items.map((i) => i.table)).toEqual(Array(60).fill("user"));
    expect(items[29]!.position).toMatchObject({ file: "user_data.json", line: 30 });
  });

  it("handles a BOM, CRLF, blank lines and a last line without newline", async () => {
    const dir = await newTempDir();
    await writeFile(join(dir, "geo.ndjson"), '\uFEFF{"ind":1}\r\n\r\n   \n{"ind":2}\r\n{"ind":3}');
    const items = await readAll(dir);
    expect(records(items)).toEqual([{ ind: 1 }, { ind: 2 }, { ind: 3 }]);
    expect(items.map((i) => i.position.line)).toEqual([1, 4, 5]);
  });

  it("reports bad JSON, invalid UTF-8 and over-long lines as errors with positions, and keeps going", async () => {
    const dir = await newTempDir();
    const long = `{"pad":"${"z".repeat(5000)}"}`;
    const bytes = Buffer.concat([
      Buffer.from('{"ind":1}\n{"ind":\n'),
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d, 0x0a]),
      Buffer.from(`${long}\n{"ind":5}\n`),
    ]);
    await writeFile(join(dir, "user.ndjson"), bytes);
    const items = await readAll(dir, { maxLineBytes: 1000 });
    expect(items.map((i) => [i.position.line, i.record, i.error?.reason.split(":")[0]])).toEqual([
      [1, { ind: 1 }, undefined],
      [2, undefined, "invalid JSON"],
      [3, undefined, "invalid UTF-8"],
      [4, undefined, "record longer than maxLineBytes (1000)"],
      [5, { ind: 5 }, undefined],
    ]);
    expect(items[1]!.position.byteOffset).toBe(10);
    expect(items.filter((i) => i.error !== undefined)).toHaveLength(3);
  });

  it.each([
    ["read whole", undefined],
    ["streamed", 1],
  ])("reports a corrupt gzip file (%s) as an error, then reads the next file", async (_, smallFileBytes) => {
    const dir = await newTempDir();
    const good = gzipSync('{"ind":1}\n{"ind":2}\n');
    await writeFile(join(dir, "a_geo.ndjson.gz"), good.subarray(0, good.length - 12));
    await writeFile(join(dir, "b_geo.ndjson"), '{"ind":3}\n');
    const items = await readAll(dir, smallFileBytes === undefined ? {} : { smallFileBytes });
    expect(items.at(-1)!.record).toEqual({ ind: 3 });
    const errors = items.filter((i) => i.error !== undefined);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.position.file).toBe("a_geo.ndjson.gz");
    expect(errors[0]!.error!.reason).toMatch(/^cannot read file: /);
  });

  it.each([
    ["read whole", undefined],
    ["streamed", 1],
  ])(
    "stops a .gz file inflating past maxDecompressedBytes (%s), keeping what came before",
    async (_, smallFileBytes) => {
      const dir = await newTempDir();
      // 30 bytes of lines, then 100,000 bytes of one line of zeros: a small gzip bomb.
      const lines = '{"ind":1}\n{"ind":2}\n{"ind":33}\n';
      await writeFile(join(dir, "a_geo.ndjson.gz"), gzipSync(lines + "0".repeat(100_000)));
      await writeFile(join(dir, "b_geo.ndjson"), '{"ind":4}\n');
      // 25 bytes: the third line is cut by the limit and dropped with the rest.
      const items = await readAll(dir, {
        maxDecompressedBytes: 25,
        ...(smallFileBytes && { smallFileBytes }),
      });
      expect(items.map((i) => i.record ?? i.error?.reason)).toEqual([
        { ind: 1 },
        { ind: 2 },
        "decompressed size exceeds maxDecompressedBytes (25), rest of file skipped",
        { ind: 4 },
      ]);
      expect(items[2]!.position).toEqual({ file: "a_geo.ndjson.gz", line: 3, byteOffset: 25 });
    },
  );

  it("applies maxDecompressedBytes to .gz files only, and lets a file of exactly that size through", async () => {
    const dir = await newTempDir();
    const lines = '{"ind":1}\n{"ind":2}\n';
    await writeFile(join(dir, "a_geo.ndjson.gz"), gzipSync(lines));
    await writeFile(join(dir, "b_geo.ndjson"), `${lines}${lines}`);
    const items = await readAll(dir, { maxDecompressedBytes: Buffer.byteLength(lines) });
    expect(items.map((i) => i.error?.reason)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("gives the same items whether files are read whole or streamed in chunks", async () => {
    const dir = await newTempDir();
    const lines = [...generatePostLines({ seed: 8, count: 300, dirty: 0.1 })];
    await writeNdjson(
      join(dir, "pin.ndjson.gz"),
      lines.map((l) => l.pin),
      { serialized: true, gzip: true },
    );
    await writeFile(join(dir, "geo.json"), `[${lines.map((l) => l.geo).join(",\n")}]`);
    await writeFile(join(dir, "user.ndjson"), `${lines.map((l) => l.user).join("\r\n")}\r\n{bad json\n`);
    const whole = await readAll(dir);
    expect(whole).toHaveLength(901);
    expect(await readAll(dir, { smallFileBytes: 1 })).toEqual(whole);
  });

  it("ignores other and hidden files", async () => {
    const dir = await newTempDir();
    await mkdir(join(dir, ".hidden"));
    await writeFile(join(dir, ".hidden/pin.ndjson"), '{"a":1}\n');
    await writeFile(join(dir, "README.md"), "# notes\n");
    await writeFile(join(dir, "pin.ndjson"), '{"a":2}\n');
    expect(records(await readAll(dir))).toEqual([{ a: 2 }]);
  });
});

describe("readLocalRecords: resuming", () => {
  it("continues after a checkpointed position with exactly the remaining items", async () => {
    const dir = await newTempDir();
    const pins = [...generatePosts({ seed: 6, count: 100, dirty: 0.1 })].map((p) => p.pin);
    await writeKafkaConnectLayout(dir, "r", "pin", pins, { partitions: 3, recordsPerObject: 7 });
    await writeNdjson(join(dir, "zz_geo.ndjson"), [{ ind: 1 }, { ind: 2 }]);
    const all = await readAll(dir);
    for (const cut of [0, 1, 6, 7, 50, all.length - 2, all.length - 1]) {
      const { file, line } = all[cut]!.position;
      expect(await readAll(dir, { startAfter: { file, line } })).toEqual(all.slice(cut + 1));
    }
    // A checkpoint at line 0 of a file means "from the start of that file".
    const first = all[0]!.position.file;
    expect(await readAll(dir, { startAfter: { file: first, line: 0 } })).toEqual(all);
  });

  it("can stop early without leaking (breaking out of the loop)", async () => {
    const dir = await newTempDir();
    await writeKafkaConnectLayout(
      dir,
      "s",
      "geo",
      Array.from({ length: 200 }, (_, ind) => ({ ind })),
      {
        partitions: 1,
        recordsPerObject: 1,
      },
    );
    let seen = 0;
    for await (const _ of readLocalRecords(dir)) if (++seen === 3) break;
    expect(seen).toBe(3);
  });
});

describe("readLocalRecords: invalid input", () => {
  it.each([
    [{ maxLineBytes: 0 }, /maxLineBytes/],
    [{ smallFileBytes: -1 }, /smallFileBytes/],
    [{ smallFileBytes: 1.5 }, /smallFileBytes/],
    [{ maxDecompressedBytes: 0 }, /maxDecompressedBytes/],
    [{ maxDecompressedBytes: 2.5 }, /maxDecompressedBytes/],
    [{ maxDecompressedBytes: Number.POSITIVE_INFINITY }, /maxDecompressedBytes/],
    [{ startAfter: { file: "x", line: -1 } }, /startAfter/],
    [{ table: "clicks" as never }, /table/],
  ])("rejects options %o at the call", (options, message) => {
    expect(() => readLocalRecords("/nowhere", options)).toThrow(message);
  });

  it("rejects a missing path on iteration", async () => {
    await expect(readAll(join(await newTempDir(), "missing"))).rejects.toThrow(/ENOENT/);
  });
});
