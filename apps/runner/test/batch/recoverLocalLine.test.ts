import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recoverLocalLine } from "../../src/batch/recoverLocalLine";

describe("recoverLocalLine", () => {
  let dir: string;
  const object = "topics/a.geo/partition=0/a.geo+0+0000000000.json";

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "pinpipe-recover-"));
    const text = Buffer.concat([
      Buffer.from('{"ind": 1}\r\nnot json\n'),
      Buffer.from([0x7b, 0xff, 0x0a]),
      Buffer.from(`${"x".repeat(70_000)}\nlast`),
    ]);
    writeFileSync(join(dir, "a.ndjson"), text);
    writeFileSync(join(dir, "a.json"), text);
    writeFileSync(join(dir, "a.ndjson.gz"), text);
    mkdirSync(join(dir, "topics/a.geo/partition=0"), { recursive: true });
    writeFileSync(join(dir, object), text);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the line starting at a byte offset of an NDJSON file or a Kafka Connect object", () => {
    expect(recoverLocalLine(dir, "a.ndjson", 0)).toBe('{"ind": 1}');
    expect(recoverLocalLine(dir, "a.ndjson", 12)).toBe("not json");
    expect(recoverLocalLine(dir, object, 12)).toBe("not json");
    expect(recoverLocalLine(dir, "a.ndjson", 21)).toBe("{\uFFFD");
    expect(recoverLocalLine(dir, "a.ndjson", 70_025)).toBe("last");
    expect(recoverLocalLine(join(dir, "a.ndjson"), "a.ndjson", 12, true)).toBe("not json");
  });

  it("gives nothing for over-long lines, compressed or JSON array files, and unreadable files", () => {
    expect(recoverLocalLine(dir, "a.ndjson", 24)).toBeUndefined();
    expect(recoverLocalLine(dir, "a.ndjson.gz", 12)).toBeUndefined();
    expect(recoverLocalLine(dir, "a.json", 12)).toBeUndefined();
    expect(recoverLocalLine(dir, "missing.ndjson", 0)).toBeUndefined();
  });

  it("reads lines up to maxBytes only, so a batch's line limit also bounds what it reads back", () => {
    expect(recoverLocalLine(dir, "a.ndjson", 12, false, 8)).toBe("not json");
    expect(recoverLocalLine(dir, "a.ndjson", 12, false, 7)).toBeUndefined();
    expect(recoverLocalLine(dir, "a.ndjson", 24, false, 70_000)).toBe("x".repeat(70_000));
  });
});
