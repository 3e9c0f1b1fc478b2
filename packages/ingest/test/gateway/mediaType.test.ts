import { describe, expect, it } from "vitest";
import { acceptsAny, mediaType } from "../../src/gateway/mediaType";

describe("mediaType", () => {
  it("lower-cases and drops parameters", () => {
    expect(mediaType("Application/VND.kafka.json.v2+json; charset=UTF-8")).toBe(
      "application/vnd.kafka.json.v2+json",
    );
    expect(mediaType(undefined)).toBe("");
  });
});

describe("acceptsAny", () => {
  const offered = ["application/vnd.kafka.v2+json", "application/json"];
  it("takes an absent header, exact types and wildcard ranges", () => {
    expect(acceptsAny(undefined, offered)).toBe(true);
    expect(acceptsAny("*/*", offered)).toBe(true);
    expect(acceptsAny("text/html, application/*;q=0.5", offered)).toBe(true);
    expect(acceptsAny("application/json", offered)).toBe(true);
  });
  it("refuses a header that allows none of the offered types", () => {
    expect(acceptsAny("text/html", offered)).toBe(false);
    expect(acceptsAny("text/*", offered)).toBe(false);
  });
});
