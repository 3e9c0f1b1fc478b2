import { ColumnarBuilder, RAW_TABLE_NAMES } from "@pinpipe/analytics";
import { describe, expect, it } from "vitest";
import { hostileBodies } from "../hostile/hostileCorpus";

/** A clean, well-formed line of each table, around every hostile one. */
const GOOD: Record<(typeof RAW_TABLE_NAMES)[number], string> = {
  pin: '{"index": 9, "poster_name": "Bored Panda", "follower_count": "2M", "category": "art"}',
  geo: '{"ind": 9, "timestamp": "2020-01-02 03:04:05", "latitude": 1, "longitude": 2, "country": "Chad"}',
  user: '{"ind": 9, "first_name": "Ada", "last_name": "L", "age": 36, "date_joined": "2016-02-29 08:00:00"}',
};

describe("the columnar builder on hostile lines", () => {
  const bodies = hostileBodies({ hugeBytes: 64 * 1024, depth: 5000, items: 5000 });

  it("reads every hostile body as the reference path does (JSON.parse and @pinpipe/clean), never throwing", () => {
    for (const dedupe of [false, true]) {
      for (const table of RAW_TABLE_NAMES) {
        const fast = new ColumnarBuilder({ dedupe });
        const reference = new ColumnarBuilder({ dedupe, referenceOnly: true });
        const good = Buffer.from(GOOD[table]);
        const stream = Buffer.concat(
          bodies.flatMap((body) => [good, Buffer.from("\n"), body.bytes, Buffer.from("\n")]),
        );
        fast.addLines(table, stream, 0, stream.length);
        reference.addLines(table, stream, 0, stream.length);
        const a = fast.takePartial();
        const b = reference.takePartial();
        expect(a.accounting).toEqual(b.accounting);
        expect(a.strings).toEqual(b.strings);
        expect(a[table]).toEqual(b[table]);
        // Every good line survives its hostile neighbours; no hostile body is JSON of the table's shape
        // with a valid key except those the cleaner accepts.
        expect(a.accounting[table].records).toBe(bodies.length * 2);
        expect(a.accounting[table].clean).toBeGreaterThanOrEqual(bodies.length);
      }
    }
  });

  it("rejects every body that is not UTF-8 JSON", () => {
    const builder = new ColumnarBuilder({ dedupe: false });
    const invalid = bodies.filter((body) => body.json === "invalid");
    for (const body of invalid) builder.addLine("pin", body.bytes, 0, body.bytes.length);
    expect(builder.takePartial().accounting.pin.rejected.invalid_json).toBe(invalid.length);
  });
});
