import { describe, expect, it } from "vitest";
import { RawGeoSchema, RawPinSchema, RawUserSchema } from "../src/index";
import { rawGeo, rawPin, rawUser } from "./fixtures";

describe("raw schemas describe what producers send", () => {
  it("accept real-shaped rows, placeholders included", () => {
    expect(RawPinSchema.safeParse(rawPin).success).toBe(true);
    expect(RawPinSchema.safeParse({ ...rawPin, follower_count: "User Info Error", title: "" }).success).toBe(
      true,
    );
    expect(RawGeoSchema.safeParse(rawGeo).success).toBe(true);
    expect(RawUserSchema.safeParse(rawUser).success).toBe(true);
  });

  it("accept half-cleaned pins: numeric follower_count, null placeholders, no downloaded", () => {
    const { downloaded: _, ...rest } = rawPin;
    expect(RawPinSchema.safeParse({ ...rest, follower_count: 12000, image_src: null }).success).toBe(true);
  });

  it("reject rows that are not keyed or mistyped", () => {
    const { index: _, ...noIndex } = rawPin;
    expect(RawPinSchema.safeParse(noIndex).success).toBe(false);
    expect(RawPinSchema.safeParse({ ...rawPin, index: -1 }).success).toBe(false);
    expect(RawGeoSchema.safeParse({ ...rawGeo, latitude: "51.5" }).success).toBe(false);
    expect(RawUserSchema.safeParse({ ...rawUser, age: 36.5 }).success).toBe(false);
  });

  it("require naive YYYY-MM-DD HH:MM:SS timestamps", () => {
    expect(RawGeoSchema.safeParse({ ...rawGeo, timestamp: "2020-06-01T12:30:00Z" }).success).toBe(false);
    expect(RawUserSchema.safeParse({ ...rawUser, date_joined: "2016-02-29" }).success).toBe(false);
  });
});
