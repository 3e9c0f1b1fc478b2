import type { CleanGeo, CleanPin } from "@pinpipe/schemas";
import { describe, expect, it } from "vitest";
import { partitionCleanTable } from "../../src/batch/partitionCleanTable";
import { CleanTableColumns } from "../../src/parquet/index";

const pin = (ind: number, category: string | null, title: string | null = null): CleanPin => ({
  ind,
  unique_id: null,
  title,
  description: null,
  follower_count: null,
  poster_name: null,
  tag_list: null,
  is_image_or_video: null,
  image_src: null,
  save_location: null,
  category,
});

describe("partitionCleanTable", () => {
  it("cuts pins by category (sorted folders, null as the default partition), rows in write order", () => {
    const columns = new CleanTableColumns("pin");
    for (const record of [pin(3, "art"), pin(1, "travel"), pin(2, "art"), pin(4, null), pin(5, "a/b")]) {
      columns.push(record);
    }
    const { partitions, rows, duplicates } = partitionCleanTable(columns, true);
    expect(partitions.map((p) => [p.segment, [...p.rows].map((row) => columns.record(row).ind)])).toEqual([
      ["category=__HIVE_DEFAULT_PARTITION__", [4]],
      ["category=a%2Fb", [5]],
      ["category=art", [2, 3]],
      ["category=travel", [1]],
    ]);
    expect([...rows].map((row) => columns.record(row).ind)).toEqual([1, 2, 3, 4, 5]);
    expect(duplicates).toBe(0);
  });

  it("drops rows equal in every column to another, keeping rows that differ in any column", () => {
    const columns = new CleanTableColumns("pin");
    for (const record of [
      pin(1, "art", "x"),
      pin(1, "art", "y"),
      pin(1, "art", "x"),
      pin(2, "art", "x"),
      pin(1, "art", "x"),
    ]) {
      columns.push(record);
    }
    const deduped = partitionCleanTable(columns, true);
    expect(deduped.duplicates).toBe(2);
    expect([...deduped.rows].map((row) => columns.record(row))).toEqual([
      pin(1, "art", "x"),
      pin(1, "art", "y"),
      pin(2, "art", "x"),
    ]);
    const kept = partitionCleanTable(columns, false);
    expect(kept.duplicates).toBe(0);
    expect(kept.rows.length).toBe(5);
  });

  it("cuts geo by the UTC year of the timestamp and users by the UTC year they joined", () => {
    const geo = new CleanTableColumns("geo");
    const records: CleanGeo[] = [
      { ind: 1, country: null, coordinates: null, timestamp: new Date("2019-12-31T23:59:59.999Z") },
      { ind: 2, country: null, coordinates: null, timestamp: new Date("2020-01-01T00:00:00Z") },
      { ind: 3, country: null, coordinates: null, timestamp: null },
    ];
    for (const record of records) geo.push(record);
    expect(partitionCleanTable(geo, true).partitions.map((p) => p.segment)).toEqual([
      "post_year=2019",
      "post_year=2020",
      "post_year=__HIVE_DEFAULT_PARTITION__",
    ]);
    const user = new CleanTableColumns("user");
    user.push({ ind: 1, user_name: null, age: null, date_joined: new Date("2016-06-01T00:00:00Z") });
    expect(partitionCleanTable(user, true).partitions.map((p) => p.segment)).toEqual(["join_year=2016"]);
  });
});
