import { describe, expect, it } from "vitest";
import { toAnalyticsTables } from "../../src/index";
import { q1 } from "../../src/queries/q1CategoryByCountry";
import { QueryContext } from "../../src/queries/queryContext";
import { cleanGeo, cleanPin, cleanUser } from "./cleanRecords";

const tables = toAnalyticsTables({
  pin: [cleanPin(0, "art", "Ann", 10), cleanPin(1, "travel", "Bob", 20), cleanPin(1, "art", "Cid", 30)],
  geo: [cleanGeo(0, "Chad", "2019-01-01 00:00:00"), cleanGeo(1, "Peru", "2020-01-01 00:00:00")],
  user: [cleanUser(0, 20), cleanUser(1, 40, "2015-01-01 00:00:00")],
});

describe("QueryContext.retainOnly", () => {
  it("keeps the values still needed and drops the others, which are rebuilt equal when asked for again", () => {
    const context = new QueryContext(tables);
    const country = context.key("pinGeo", "country");
    const category = context.key("pinGeo", "category");
    const followers = context.followerCount("pinUser");
    context.retainOnly(["pinGeo.country", "pinUser.followers"]);
    expect(context.key("pinGeo", "country")).toBe(country);
    expect(context.followerCount("pinUser")).toBe(followers);
    const rebuilt = context.key("pinGeo", "category");
    expect(rebuilt).not.toBe(category);
    expect(Array.from(rebuilt.codes)).toEqual(Array.from(category.codes));
    expect(rebuilt.labels).toEqual(category.labels);
  });

  it("keeps a join's row count once its row pairs are dropped, and queries give the same rows after", () => {
    const context = new QueryContext(tables);
    const before = q1(context);
    const rowCount = context.rowCount("pinGeo");
    context.retainOnly([]);
    expect(context.rowCount("pinGeo")).toBe(rowCount);
    expect(q1(context)).toEqual(before);
  });
});
