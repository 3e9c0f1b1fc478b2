import { describe, expect, it } from "vitest";
import { s3LineRecord } from "../../src/s3/s3LineRecord";

const line = (text: string) => ({ kind: "line" as const, bytes: Buffer.from(text), line: 4, byteOffset: 20 });
const key = "topics/pinpipe.geo/partition=0/pinpipe.geo+0+0000000000.json";

describe("s3LineRecord", () => {
  it("hands an inexact key over as its literal, as readLocalRecords does", () => {
    expect(s3LineRecord("geo", key, line('{"ind": 1e-400}'), 1024)).toEqual({
      table: "geo",
      record: { ind: "1e-400" },
      position: { key, line: 4, byteOffset: 20 },
    });
    expect(s3LineRecord("geo", key, line('{"ind": 1e2}'), 1024)?.record).toEqual({ ind: 100 });
  });

  it("keeps the text of a line that is not JSON, and skips blank ones", () => {
    expect(s3LineRecord("geo", key, line('{"ind": 1e-400'), 1024)).toMatchObject({
      record: undefined,
      error: { kind: "line" },
      text: '{"ind": 1e-400',
    });
    expect(s3LineRecord("geo", key, line("  "), 1024)).toBeUndefined();
  });
});
