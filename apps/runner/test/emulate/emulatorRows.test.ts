import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatePosts } from "@pinpipe/ingest";
import { afterAll, describe, expect, it } from "vitest";
import { fileEmulatorRows } from "../../src/emulate/fileEmulatorRows";
import { generatedEmulatorRows } from "../../src/emulate/generatedEmulatorRows";

const dir = mkdtempSync(join(tmpdir(), "pinpipe-rows-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("generated emulator rows", () => {
  const rows = generatedEmulatorRows(100);

  it("hold the generated post with ind r at row r, in all three tables", () => {
    const expected = [...generatePosts({ seed: 100, count: 31 })][30]!;
    const post = rows.postAt(30);
    expect(post).toEqual({ row: 30, pin: expected.pin, geo: expected.geo, user: expected.user });
    expect(rows.postAt(11_000).geo?.ind).toBe(11_000);
  });

  it("are the same for the same seed and differ for another", () => {
    expect(generatedEmulatorRows(100).postAt(7)).toEqual(rows.postAt(7));
    expect(generatedEmulatorRows(101).postAt(7).pin).not.toEqual(rows.postAt(7).pin);
  });

  it("stop at the emulator's highest row, 11000", () => {
    for (const row of [-1, 11_001, 1.5]) expect(() => rows.postAt(row)).toThrow(RangeError);
  });

  it("give the dirty share of posts the generator's defects, and leave the other posts as they are", () => {
    const first = 400;
    const generated = [...generatePosts({ seed: 5, count: first, dirty: 0.3 })];
    const dirtyRows = generatedEmulatorRows(5, 0.3);
    const cleanRows = generatedEmulatorRows(5);
    expect(dirtyRows.description).toBe("the generated table (seed 5, rows 0..11000, 30% dirty)");
    let defects = 0;
    let protoKeys = 0;
    for (let row = 0; row < first; row++) {
      const post = dirtyRows.postAt(row);
      const defect = generated[row]!.defect;
      if (defect === undefined) {
        expect(post).toEqual(cleanRows.postAt(row));
        continue;
      }
      defects++;
      // A hostile __proto__ key leaves as constructor; every record stays sendable JSON.
      for (const table of ["pin", "geo", "user"] as const) {
        expect(Object.hasOwn(post[table]!, "__proto__")).toBe(false);
        if (defect.table === table && defect.field === "__proto__") {
          expect(post[table]!.constructor).toEqual({ prototype: { polluted: true } });
          protoKeys++;
        }
      }
    }
    expect(protoKeys).toBeGreaterThan(0);
    expect(defects).toBeGreaterThan(first * 0.2);
    expect(defects).toBeLessThan(first * 0.4);
  });

  it("refuse a dirty share outside [0, 1]", () => {
    for (const dirty of [-0.1, 1.5, Number.NaN])
      expect(() => generatedEmulatorRows(1, dirty)).toThrow(RangeError);
  });
});

describe("emulator rows from NDJSON files", () => {
  const write = (prefix: string, files: Record<string, string[]>) => {
    for (const [name, lines] of Object.entries(files))
      writeFileSync(join(dir, `${prefix}${name}`), `${lines.join("\n")}\n`);
    return join(dir, prefix);
  };

  it("take row r from the records keyed r (index for pins, ind otherwise); a table without it sends nothing", async () => {
    const prefix = write("a_", {
      "pinterest_data.ndjson": ['{"index":2,"category":"art"}', '{"index":5,"category":"diy"}'],
      "geolocation_data.ndjson": ['{"ind":5,"country":"Chad"}', "", '{"ind":2,"country":"Peru"}'],
      "user_data.ndjson": ['{"ind":2,"age":30}', '{"ind":2,"age":99}'],
    });
    const rows = await fileEmulatorRows(prefix);
    expect(rows.postAt(2)).toEqual({
      row: 2,
      pin: { index: 2, category: "art" },
      geo: { ind: 2, country: "Peru" },
      user: { ind: 2, age: 30 },
    });
    expect(rows.postAt(5)).toEqual({
      row: 5,
      pin: { index: 5, category: "diy" },
      geo: { ind: 5, country: "Chad" },
    });
    expect(rows.postAt(9)).toEqual({ row: 9 });
  });

  it("name the file and line of a bad record, and a missing file", async () => {
    const bad = write("b_", {
      "pinterest_data.ndjson": ['{"index":1}'],
      "geolocation_data.ndjson": ['{"ind":1}', "{not json"],
      "user_data.ndjson": ['{"ind":1}'],
    });
    await expect(fileEmulatorRows(bad)).rejects.toThrow(/b_geolocation_data\.ndjson:2: /);
    const unkeyed = write("c_", {
      "pinterest_data.ndjson": ['{"ind":1}'],
      "geolocation_data.ndjson": ['{"ind":1}'],
      "user_data.ndjson": ['{"ind":1}'],
    });
    await expect(fileEmulatorRows(unkeyed)).rejects.toThrow(/c_pinterest_data\.ndjson:1: index is not/);
    const inexact = write("d_", {
      "pinterest_data.ndjson": ['{"index":1}'],
      "geolocation_data.ndjson": ['{"ind":1}'],
      "user_data.ndjson": ['{"ind":1}', '{"ind":1e-400}'],
    });
    await expect(fileEmulatorRows(inexact)).rejects.toThrow(
      /d_user_data\.ndjson:2: ind 1e-400 is not exactly an integer/,
    );
    await expect(fileEmulatorRows(join(dir, "missing_"))).rejects.toThrow(
      /cannot read .*missing_.* \(ENOENT\)/,
    );
  });
});
