import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { generatePostLines, readLocalRecords, writeKafkaConnectLayout, writeNdjson } from "../../src/index";
import { useTempDirs } from "./tempDir";

const newTempDir = useTempDirs();

describe("writeNdjson", () => {
  it("writes one JSON record per line, plain or gzipped, and reads back the same records", async () => {
    const dir = await newTempDir();
    const records = [{ ind: 1, s: "é\u00a0" }, [1, 2], "text", null, { nested: { a: [true] } }];
    expect(await writeNdjson(join(dir, "a.ndjson"), records)).toBe(5);
    expect(await readFile(join(dir, "a.ndjson"), "utf8")).toBe(
      `${records.map((r) => JSON.stringify(r)).join("\n")}\n`,
    );
    expect(await writeNdjson(join(dir, "b.ndjson.gz"), records, { gzip: true })).toBe(5);
    expect(gunzipSync(await readFile(join(dir, "b.ndjson.gz"))).toString("utf8")).toBe(
      await readFile(join(dir, "a.ndjson"), "utf8"),
    );
    const read: unknown[] = [];
    for await (const item of readLocalRecords(join(dir, "b.ndjson.gz"))) read.push(item.record);
    expect(read).toEqual(records);
  });

  it("writes pre-serialized lines as they are, from an async source", async () => {
    const dir = await newTempDir();
    const lines = [...generatePostLines({ seed: 1, count: 200, dirty: 0.2 })].map((p) => p.user);
    async function* source(): AsyncGenerator<string> {
      yield* lines;
    }
    expect(await writeNdjson(join(dir, "u.ndjson"), source(), { serialized: true })).toBe(200);
    expect(await readFile(join(dir, "u.ndjson"), "utf8")).toBe(`${lines.join("\n")}\n`);
  });

  it("rejects records that cannot be one line", async () => {
    const dir = await newTempDir();
    await expect(writeNdjson(join(dir, "x.ndjson"), [{ a: 1 }, undefined])).rejects.toThrow(
      /record 1 is not JSON-serializable/,
    );
    await expect(writeNdjson(join(dir, "y.ndjson"), ["a\nb"], { serialized: true })).rejects.toThrow(
      /record 0/,
    );
    await expect(writeNdjson(join(dir, "z.ndjson"), [{ a: 1n }])).rejects.toThrow(TypeError);
  });
});

describe("writeKafkaConnectLayout: invalid input", () => {
  it("checks the layout and options before writing anything", async () => {
    const dir = await newTempDir();
    await expect(
      writeKafkaConnectLayout(dir, "bad/prefix", "pin", [{}], { partitions: 1, recordsPerObject: 1 }),
    ).rejects.toThrow(/prefix/);
    await expect(
      writeKafkaConnectLayout(dir, "p", "pin", [{}], { partitions: 0, recordsPerObject: 1 }),
    ).rejects.toThrow(/partitions/);
    await expect(
      writeKafkaConnectLayout(dir, "p", "pin", [{}], { partitions: 1, recordsPerObject: 1, concurrency: 0 }),
    ).rejects.toThrow(/concurrency/);
    const read: unknown[] = [];
    for await (const item of readLocalRecords(dir)) read.push(item);
    expect(read).toEqual([]);
  });

  it("rejects a non-serializable record", async () => {
    const dir = await newTempDir();
    await expect(
      writeKafkaConnectLayout(dir, "p", "geo", [{ ind: 1 }, () => 1], { partitions: 1, recordsPerObject: 5 }),
    ).rejects.toThrow(/record 1/);
  });
});
