import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalOutputSink, scopedOutputSink } from "../../src/output/index";

const text = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : new TextDecoder().decode(bytes);

describe("LocalOutputSink", () => {
  let root: string;
  let sink: LocalOutputSink;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "pinpipe-sink-"));
    sink = new LocalOutputSink(join(root, "out"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("writes files under its root, creating folders, and reads them back", async () => {
    await sink.put("runs/a/results/q1.json", "[]\n");
    await sink.put("runs/a/tables/pin.parquet", new Uint8Array([1, 2, 3]));
    expect(sink.location).toBe(join(root, "out"));
    expect(text(await sink.get("runs/a/results/q1.json"))).toBe("[]\n");
    expect([...((await sink.get("runs/a/tables/pin.parquet")) ?? [])]).toEqual([1, 2, 3]);
    expect(existsSync(join(root, "out", "runs", "a", "results", "q1.json"))).toBe(true);
  });

  it("replaces a file whole and leaves no temporary file behind", async () => {
    await sink.put("m.json", "old content that is longer\n");
    await sink.put("m.json", "new\n");
    expect(text(await sink.get("m.json"))).toBe("new\n");
    expect(readdirSync(join(root, "out"))).toEqual(["m.json"]);
  });

  it("answers undefined and false for files that do not exist", async () => {
    expect(await sink.get("nope.json")).toBeUndefined();
    expect(await sink.exists("nope.json")).toBe(false);
    expect(await sink.exists("nope/deeper.json")).toBe(false);
    await sink.put("dir/file.json", "{}");
    expect(await sink.exists("dir/file.json")).toBe(true);
    expect(await sink.exists("dir")).toBe(false); // a folder is not a file
  });

  it("lists files under a prefix, sorted, including leftovers of interrupted writes", async () => {
    await sink.put("runs/b/x.json", "1");
    await sink.put("runs/a/z/y.json", "2");
    await sink.put("runs/a/x.json", "3");
    await sink.put("runsx/other.json", "4");
    writeFileSync(join(root, "out", "runs", "a", "x.json.tmp-0a1b2c"), "partial");
    expect(await sink.list("runs/a/")).toEqual([
      "runs/a/x.json",
      "runs/a/x.json.tmp-0a1b2c",
      "runs/a/z/y.json",
    ]);
    expect(await sink.list("runs")).toEqual([
      "runs/a/x.json",
      "runs/a/x.json.tmp-0a1b2c",
      "runs/a/z/y.json",
      "runs/b/x.json",
      "runsx/other.json",
    ]);
    expect(await sink.list("missing/")).toEqual([]);
    expect((await sink.list("")).length).toBe(5);
  });

  it("lists nothing (rather than failing) when the root does not exist yet", async () => {
    expect(await new LocalOutputSink(join(root, "never")).list("")).toEqual([]);
  });

  it("removes files and the folders they leave empty, but not the root nor non-empty folders", async () => {
    await sink.put("runs/a/tables/pin/category=art/part-00000.parquet", "p");
    await sink.put("runs/a/manifest.json", "{}");
    await sink.remove("runs/a/tables/pin/category=art/part-00000.parquet");
    expect(existsSync(join(root, "out", "runs", "a", "tables"))).toBe(false);
    expect(existsSync(join(root, "out", "runs", "a", "manifest.json"))).toBe(true);
    await sink.remove("runs/a/manifest.json");
    expect(readdirSync(join(root, "out"))).toEqual([]);
    await sink.remove("runs/a/manifest.json"); // already gone: not an error
  });

  it("rejects unsafe paths before touching the disk", async () => {
    for (const path of ["../escape.json", "/abs.json", "a/../../b", "a\\b"]) {
      await expect(sink.put(path, "x")).rejects.toThrow(RangeError);
      await expect(sink.get(path)).rejects.toThrow(RangeError);
      await expect(sink.exists(path)).rejects.toThrow(RangeError);
      await expect(sink.remove(path)).rejects.toThrow(RangeError);
    }
    await expect(sink.list("../")).rejects.toThrow(RangeError);
    expect(existsSync(join(root, "escape.json"))).toBe(false);
    expect(existsSync(join(root, "out"))).toBe(false);
  });
});

describe("scopedOutputSink", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "pinpipe-scoped-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("reads and writes relative to its folder, and lists paths relative to it", async () => {
    const base = new LocalOutputSink(root);
    const run = scopedOutputSink(base, "runs/2026-11-23");
    await run.put("results/q1.json", "[]");
    await base.put("runs/2026-11-24/results/q1.json", "[]");
    expect(run.location).toBe(`${root}/runs/2026-11-23`);
    expect(await base.exists("runs/2026-11-23/results/q1.json")).toBe(true);
    expect(await run.list("")).toEqual(["results/q1.json"]);
    expect(await run.exists("results/q1.json")).toBe(true);
    expect(text(await run.get("results/q1.json"))).toBe("[]");
    await run.remove("results/q1.json");
    expect(await base.list("")).toEqual(["runs/2026-11-24/results/q1.json"]);
  });

  it("keeps paths inside its folder", async () => {
    const base = new LocalOutputSink(root);
    expect(() => scopedOutputSink(base, "../up")).toThrow(RangeError);
    const run = scopedOutputSink(base, "runs/x");
    await expect(run.put("../y/manifest.json", "{}")).rejects.toThrow(RangeError);
    await expect(run.list("../")).rejects.toThrow(RangeError);
  });
});
