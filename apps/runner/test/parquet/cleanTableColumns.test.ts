import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";
import { describe, expect, it } from "vitest";
import { CleanTableColumns } from "../../src/parquet/index";

describe("CleanTableColumns", () => {
  it("gives back every record pushed, nulls and dates included", () => {
    const geos: CleanGeo[] = [
      { ind: 1, country: "Chad", coordinates: [12.5, -3.25], timestamp: new Date("2020-02-29T12:00:00Z") },
      { ind: 2, country: null, coordinates: null, timestamp: null },
    ];
    const columns = new CleanTableColumns("geo");
    for (const geo of geos) columns.push(geo);
    expect(columns.length).toBe(2);
    expect([columns.record(0), columns.record(1)]).toEqual(geos);
  });

  it("grows past its initial capacity", () => {
    const columns = new CleanTableColumns("user");
    const users: CleanUser[] = Array.from({ length: 3000 }, (_, i) => ({
      ind: i,
      user_name: i % 7 === 0 ? null : `user ${i}`,
      age: i % 5 === 0 ? null : i % 100,
      date_joined: i % 3 === 0 ? null : new Date(1_500_000_000_000 + i * 1000),
    }));
    for (const user of users) columns.push(user);
    expect(Array.from({ length: users.length }, (_, i) => columns.record(i))).toEqual(users);
    const ages = columns.column("age");
    expect(ages.kind).toBe("int32");
    expect(ages.kind !== "text" && ages.kind !== "coordinates" && ages.values.length).toBe(3000);
  });

  it("exposes columns by their Arrow schema kind", () => {
    const pins = new CleanTableColumns("pin");
    const pin: CleanPin = {
      ind: 4,
      unique_id: "u",
      title: null,
      description: null,
      follower_count: 7,
      poster_name: null,
      tag_list: null,
      is_image_or_video: null,
      image_src: null,
      save_location: null,
      category: "art",
    };
    pins.push(pin);
    expect(pins.column("category")).toEqual({ kind: "text", values: ["art"] });
    expect(pins.column("follower_count")).toEqual({ kind: "int64", values: new Float64Array([7]) });
  });

  it("rejects unknown tables, columns and rows", () => {
    expect(() => new CleanTableColumns("pins" as "pin")).toThrow(RangeError);
    const columns = new CleanTableColumns("user");
    expect(() => columns.column("nope")).toThrow(/no column "nope"/);
    expect(() => columns.record(0)).toThrow(RangeError);
  });
});
