import { describe, expect, it } from "vitest";
import { toAnalyticsTables } from "../src/index";
import { cleanGeo, cleanPin, cleanUser } from "./queries/cleanRecords";

describe("toAnalyticsTables", () => {
  it("lays the read columns out as typed arrays, interning strings into one shared dictionary", () => {
    const tables = toAnalyticsTables({
      pin: [cleanPin(4, "art", "Ann", 120), cleanPin(9, null, null, null)],
      geo: [cleanGeo(4, "art", "2019-05-01 10:00:00")],
      user: [cleanUser(4, 30, "2016-01-02 03:04:05"), cleanUser(5, null, null)],
    });
    const decode = (ids: Int32Array) => Array.from(ids, (id) => (id === -1 ? null : tables.strings[id]));
    expect([...tables.strings].sort()).toEqual(["Ann", "art"]);
    expect(tables.pin.length).toBe(2);
    expect(Array.from(tables.pin.ind)).toEqual([4, 9]);
    expect(decode(tables.pin.category)).toEqual(["art", null]);
    expect(decode(tables.pin.posterName)).toEqual(["Ann", null]);
    expect(Array.from(tables.pin.followerCount)).toEqual([120, Number.NaN]);
    // The geo country "art" reuses the id the pin category got.
    expect(Array.from(tables.geo.country)).toEqual([tables.pin.category[0]]);
    expect(Array.from(tables.geo.timestamp)).toEqual([Date.UTC(2019, 4, 1, 10)]);
    expect(Array.from(tables.user.age)).toEqual([30, Number.NaN]);
    expect(Array.from(tables.user.dateJoined)).toEqual([Date.UTC(2016, 0, 2, 3, 4, 5), Number.NaN]);
  });

  it("keeps every row, duplicates included, in input order", () => {
    const tables = toAnalyticsTables({ pin: [], geo: [cleanGeo(2, "Chad"), cleanGeo(2, "Chad")], user: [] });
    expect(tables.geo.length).toBe(2);
    expect(Array.from(tables.geo.country)).toEqual([0, 0]);
    expect(tables.pin.length).toBe(0);
    expect(tables.user.ind).toHaveLength(0);
  });

  it("turns an invalid Date into a null timestamp", () => {
    const geo = { ...cleanGeo(1, null), timestamp: new Date("not a date") };
    expect(Array.from(toAnalyticsTables({ pin: [], geo: [geo], user: [] }).geo.timestamp)).toEqual([
      Number.NaN,
    ]);
  });
});
