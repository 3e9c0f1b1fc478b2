import { describe, expect, it } from "vitest";
import {
  CleanGeoSchema,
  CleanPinSchema,
  CleanUserSchema,
  GEO_COLUMNS,
  PIN_COLUMNS,
  USER_COLUMNS,
} from "../src/index";

const pin = {
  ind: 7,
  unique_id: "5b6d0913-25e4-43ab-839d-85d5516f78a4",
  title: null,
  description: "A fox\u00a0",
  follower_count: 12000,
  poster_name: "Studio North",
  tag_list: null,
  is_image_or_video: "image",
  image_src: null,
  save_location: "/data/art",
  category: "art",
};

describe("clean schemas", () => {
  it("list their columns in the documented order", () => {
    expect(Object.keys(CleanPinSchema.shape)).toEqual([...PIN_COLUMNS]);
    expect(Object.keys(CleanGeoSchema.shape)).toEqual([...GEO_COLUMNS]);
    expect(Object.keys(CleanUserSchema.shape)).toEqual([...USER_COLUMNS]);
  });

  it("accept clean records and reject extra keys", () => {
    expect(CleanPinSchema.safeParse(pin).success).toBe(true);
    expect(CleanPinSchema.safeParse({ ...pin, downloaded: 1 }).success).toBe(false);
  });

  it("require numeric, non-negative integer follower counts", () => {
    expect(CleanPinSchema.safeParse({ ...pin, follower_count: "12k" }).success).toBe(false);
    expect(CleanPinSchema.safeParse({ ...pin, follower_count: 1.5 }).success).toBe(false);
    expect(CleanPinSchema.safeParse({ ...pin, follower_count: null }).success).toBe(true);
  });

  it("bound coordinates to latitude/longitude ranges", () => {
    const geo = { ind: 1, country: "Chad", coordinates: [12.1, 15.0], timestamp: new Date(0) };
    expect(CleanGeoSchema.safeParse(geo).success).toBe(true);
    expect(CleanGeoSchema.safeParse({ ...geo, coordinates: [91, 0] }).success).toBe(false);
    expect(CleanGeoSchema.safeParse({ ...geo, coordinates: [0, -181] }).success).toBe(false);
    expect(CleanGeoSchema.safeParse({ ...geo, coordinates: null, timestamp: null }).success).toBe(true);
  });

  it("hold dates as Date objects", () => {
    const user = { ind: 1, user_name: "Ada Lovelace", age: 36, date_joined: new Date(0) };
    expect(CleanUserSchema.safeParse(user).success).toBe(true);
    expect(CleanUserSchema.safeParse({ ...user, date_joined: "1970-01-01" }).success).toBe(false);
  });
});
