import { describe, expect, it } from "vitest";
import { dropDuplicateRecords } from "../../src/index";
import { cleanGeo, cleanPin, cleanUser } from "./cleanRecords";

describe("dropDuplicateRecords (Spark dropDuplicates on each table)", () => {
  it("keeps the first of records equal in every column, in input order", () => {
    const art = cleanPin(1, "art", "Ann", 5);
    const result = dropDuplicateRecords({
      pin: [art, cleanPin(2, "travel"), { ...art }, cleanPin(1, "art", "Ann", 6)],
      geo: [],
      user: [],
    });
    expect(result.pin).toEqual([art, cleanPin(2, "travel"), cleanPin(1, "art", "Ann", 6)]);
  });

  it("compares every column, not only those the queries read", () => {
    const pin = cleanPin(1, "art");
    expect(
      dropDuplicateRecords({ pin: [pin, { ...pin, title: "other" }], geo: [], user: [] }).pin,
    ).toHaveLength(2);
  });

  it("compares dates by instant, coordinates by value, and ignores property order", () => {
    const geo = { ...cleanGeo(1, "Chad", "2019-01-01 00:00:00"), coordinates: [1.5, -2] as [number, number] };
    const reordered = {
      timestamp: new Date(Date.UTC(2019, 0, 1)),
      coordinates: [1.5, -2] as [number, number],
      country: "Chad",
      ind: 1,
    };
    const user = cleanUser(3, null, null);
    const result = dropDuplicateRecords({ pin: [], geo: [geo, reordered], user: [user, { ...user }] });
    expect(result.geo).toEqual([geo]);
    expect(result.user).toEqual([user]);
  });
});
