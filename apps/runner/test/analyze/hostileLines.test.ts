import { RAW_TABLE_NAMES } from "@pinpipe/analytics";
import { ColumnarBuilder } from "@pinpipe/analytics/columnar";
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
        expect(a.accounting[table].in).toBe(bodies.length * 2);
        expect(a.accounting[table].clean).toBeGreaterThanOrEqual(bodies.length);
      }
    }
  });

  it("rejects every body that is not UTF-8 JSON", () => {
    const builder = new ColumnarBuilder({ dedupe: false });
    const invalid = bodies.filter((body) => body.json === "invalid");
    for (const body of invalid) builder.addLine("pin", body.bytes, 0, body.bytes.length);
    const counts = builder.takePartial().accounting.pin;
    expect(invalid.length).toBeGreaterThan(0);
    expect(counts).toMatchObject({ in: invalid.length, clean: 0, rejected: invalid.length, duplicates: 0 });
    expect(counts.byReason.invalid_json).toBe(invalid.length);
    // Each is one issue of the whole record, found before any cleaner ran.
    expect(counts.byRule).toEqual({ invalid_json: invalid.length });
    expect(counts.byField).toEqual({ $: invalid.length });
  });

  it("counts every issue once by rule and by field, on the fast path and the reference path alike", () => {
    const pin = (index: number, title: string, followers: string) =>
      JSON.stringify({
        index,
        unique_id: `u${index}`,
        title,
        description: "d",
        poster_name: "P",
        follower_count: followers,
        tag_list: "a,b",
        is_image_or_video: "image",
        image_src: "https://x/y.jpg",
        save_location: "Local save in /data/art",
        category: "art",
      });
    const lines = [
      pin(1, "Ok", "2k"),
      pin(2, "No Title Data Available", "2k"),
      pin(3, "Untitled", "User Info Error"),
      pin(4, "Ok", "12kk"),
      "[1]",
      '{"title": "Untitled"}',
      "",
      "{",
    ];
    const stream = Buffer.from(`${lines.join("\n")}\n`);
    for (const referenceOnly of [false, true]) {
      const builder = new ColumnarBuilder({ dedupe: false, referenceOnly });
      builder.addLines("pin", stream, 0, stream.length);
      const counts = builder.takePartial().accounting.pin;
      expect(counts).toEqual({
        in: 7,
        clean: 4,
        rejected: 3,
        duplicates: 0,
        byReason: { invalid_json: 1, too_long: 0, not_an_object: 1, missing_key: 1, invalid_key: 0 },
        // The record without a key (neither `index` nor `ind`, reported on `ind`) counts its rejecting
        // issue only: its title was never read.
        byRule: {
          invalid_json: 1,
          missing_key: 1,
          not_an_object: 1,
          placeholder: 3,
          unparseable_follower_count: 1,
        },
        byField: { $: 2, follower_count: 2, ind: 1, title: 2 },
      });
    }
  });
});
