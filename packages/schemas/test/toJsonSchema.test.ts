import { describe, expect, it } from "vitest";
import { toJsonSchema } from "../src/index";

describe("toJsonSchema", () => {
  it("exports every record schema as a draft 2020-12 object schema", () => {
    for (const name of ["rawPin", "rawGeo", "rawUser", "cleanPin", "cleanGeo", "cleanUser"] as const) {
      const schema = toJsonSchema(name);
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.type).toBe("object");
    }
  });

  it("describes clean dates as ISO date-time strings", () => {
    const geo = toJsonSchema("cleanGeo") as {
      properties: { timestamp: { anyOf: Array<{ type: string; format?: string }> } };
      required: string[];
      additionalProperties: boolean;
    };
    expect(geo.required).toEqual(["ind", "country", "coordinates", "timestamp"]);
    expect(geo.properties.timestamp.anyOf).toContainEqual({ type: "string", format: "date-time" });
    expect(geo.additionalProperties).toBe(false);
  });

  it("keeps raw follower_count as string or number and the naive timestamp pattern", () => {
    const pin = toJsonSchema("rawPin") as { properties: { follower_count: { type: string[] } } };
    expect(pin.properties.follower_count.type).toEqual(expect.arrayContaining(["string", "number", "null"]));
    const geo = toJsonSchema("rawGeo") as { properties: { timestamp: { pattern: string } } };
    expect(new RegExp(geo.properties.timestamp.pattern).test("2019-01-01 07:21:13")).toBe(true);
  });
});
