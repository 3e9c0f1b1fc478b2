import { Type } from "apache-arrow";
import { describe, expect, it } from "vitest";
import {
  GEO_COLUMNS,
  geoArrowSchema,
  PIN_COLUMNS,
  pinArrowSchema,
  USER_COLUMNS,
  userArrowSchema,
} from "../src/index";

describe("Arrow schemas of the clean tables", () => {
  it("have the clean columns in order", () => {
    expect(pinArrowSchema.fields.map((f) => f.name)).toEqual([...PIN_COLUMNS]);
    expect(geoArrowSchema.fields.map((f) => f.name)).toEqual([...GEO_COLUMNS]);
    expect(userArrowSchema.fields.map((f) => f.name)).toEqual([...USER_COLUMNS]);
  });

  it("type numbers, coordinates and timestamps", () => {
    const byName = new Map(geoArrowSchema.fields.map((f) => [f.name, f]));
    expect(byName.get("coordinates")?.typeId).toBe(Type.FixedSizeList);
    expect(byName.get("timestamp")?.typeId).toBe(Type.Timestamp);
    expect(pinArrowSchema.fields[4]?.typeId).toBe(Type.Int);
    expect(pinArrowSchema.fields[0]?.nullable).toBe(false);
  });
});
