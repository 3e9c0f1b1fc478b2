import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { cleanPin } from "@pinpipe/clean";
import { type LocalRecord, readLocalRecords } from "@pinpipe/ingest";
import { afterAll, describe, expect, it } from "vitest";
import { addCounts } from "../reliability/support/reliabilityTally";
import { hostileBodies, prototypePolluted, writeGzipBomb, writeLongLine } from "./hostileCorpus";

const root = mkdtempSync(join(tmpdir(), "pinpipe-hostile-local-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function readAll(path: string, maxLineBytes?: number): Promise<LocalRecord[]> {
  const items: LocalRecord[] = [];
  const options =
    maxLineBytes === undefined ? { table: "pin" as const } : { table: "pin" as const, maxLineBytes };
  for await (const item of readLocalRecords(path, options)) items.push(item);
  return items;
}

describe("hostile local files through readLocalRecords and cleanPin", () => {
  const bodies = hostileBodies();

  it("gives every hostile line one outcome: a read error with a reason, or a record the cleaner judges", async () => {
    const dir = join(root, "lines");
    mkdirSync(dir);
    // A valid record between hostile ones shows that one bad line never costs its neighbours.
    const lines = bodies.flatMap((body, index) => [
      body.bytes,
      Buffer.from(`{"index":${100_000 + index},"title":"ok"}`),
    ]);
    writeFileSync(
      join(dir, "pins.ndjson"),
      Buffer.concat(lines.flatMap((line) => [line, Buffer.from("\n")])),
    );
    const items = await readAll(dir);
    expect(items).toHaveLength(lines.length);
    let rejected = 0;
    for (const [index, body] of bodies.entries()) {
      const item = items[index * 2]!;
      const neighbour = items[index * 2 + 1]!;
      expect(neighbour.record, `line after "${body.name}"`).toEqual({ index: 100_000 + index, title: "ok" });
      expect(item.position.line).toBe(index * 2 + 1);
      if (body.json === "invalid") {
        expect(item.error?.reason, body.name).toMatch(/invalid (JSON|UTF-8)/);
        rejected += 1;
        continue;
      }
      expect(item.error, body.name).toBeUndefined();
      const cleaned = cleanPin(item.record);
      if (body.json === "not-object") expect(cleaned.ok, body.name).toBe(false);
      if (!cleaned.ok) {
        expect(cleaned.issues.length, body.name).toBeGreaterThan(0);
        rejected += 1;
      }
      if (["__proto__ key", "constructor.prototype", "prototype key"].includes(body.name) && cleaned.ok) {
        expect(
          cleaned.issues.map((issue) => issue.rule),
          body.name,
        ).toContain("hostile_key");
      }
    }
    expect(prototypePolluted()).toBe(false);
    // Indexes a double cannot hold exactly are refused, not rounded into another post's key.
    for (const name of ["index 2^53 + 1", "index 1e400 (parses to Infinity)", "thirty-digit index"]) {
      const index = bodies.findIndex((body) => body.name === name);
      expect(cleanPin(items[index * 2]!.record).ok, name).toBe(false);
    }
    addCounts("hostile inputs", {
      "readLocalRecords + cleanPin: tried": bodies.length,
      "readLocalRecords + cleanPin: rejected": rejected,
    });
  });

  it("reads each hostile body alone in its own file, gzipped too, without throwing", async () => {
    const dir = join(root, "files");
    mkdirSync(dir);
    for (const [index, body] of bodies.entries()) {
      writeFileSync(join(dir, `pin-${String(index).padStart(3, "0")}.ndjson`), body.bytes);
      writeFileSync(join(dir, `pin-${String(index).padStart(3, "0")}.gz.ndjson.gz`), gzipSync(body.bytes));
    }
    const items = await readAll(dir);
    expect(items).toHaveLength(bodies.length * 2);
    expect(items.filter((item) => item.error !== undefined)).toHaveLength(
      2 * bodies.filter((body) => body.json === "invalid").length,
    );
    addCounts("hostile inputs", {
      "readLocalRecords, one file each: tried": bodies.length * 2,
      "readLocalRecords, one file each: rejected": items.filter((item) => item.error !== undefined).length,
    });
  });

  it("skips a line over maxLineBytes with a reason, without keeping it, and goes on", async () => {
    const path = join(root, "long-pin.ndjson");
    const lineBytes = writeLongLine(path, 8 * 1024 * 1024);
    writeFileSync(path, '\n{"index":2,"title":"after"}\n', { flag: "a" });
    const items = await readAll(path, 1024 * 1024);
    expect(items.map((item) => item.error?.reason ?? item.record)).toEqual([
      `record longer than maxLineBytes (1048576): ${lineBytes} bytes, skipped`,
      { index: 2, title: "after" },
    ]);
  });

  it("reports a corrupt or cut gzip file as a file error at the point it broke", async () => {
    const dir = join(root, "gzip");
    mkdirSync(dir);
    const good = gzipSync(Buffer.from('{"index":1}\n{"index":2}\n'));
    writeFileSync(join(dir, "a-cut-pin.ndjson.gz"), good.subarray(0, good.length - 6));
    writeFileSync(join(dir, "b-garbage-pin.ndjson.gz"), Buffer.from("this is not gzip at all"));
    const items = await readAll(dir);
    const errors = items.filter((item) => item.error !== undefined);
    expect(errors.map((item) => item.position.file)).toEqual([
      "a-cut-pin.ndjson.gz",
      "b-garbage-pin.ndjson.gz",
    ]);
    for (const item of errors) expect(item.error?.reason).toMatch(/cannot read file/);
    addCounts("hostile inputs", {
      "corrupt gzip files: tried": 2,
      "corrupt gzip files: rejected": errors.length,
    });
  });

  it("a small gzip bomb without newlines ends as one over-long line, not as memory", async () => {
    const path = join(root, "bomb-pin.ndjson.gz");
    const compressed = writeGzipBomb(path, { memberBytes: 16 * 1024 * 1024, members: 4 });
    expect(compressed).toBeLessThan(300 * 1024);
    const heapBefore = process.memoryUsage().heapUsed;
    const items = await readAll(path, 1024 * 1024);
    expect(items).toHaveLength(1);
    expect(items[0]!.error?.reason).toMatch(/longer than maxLineBytes \(1048576\): 67108864 bytes/);
    // The 64 MiB never lived on the heap at once.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(48 * 1024 * 1024);
    addCounts("hostile inputs", {
      "gzip bomb (64 MiB) via readLocalRecords: tried": 1,
      "gzip bomb (64 MiB) via readLocalRecords: rejected": 1,
    });
  });
});
