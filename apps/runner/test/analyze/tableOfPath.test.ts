import { describe, expect, it } from "vitest";
import { tableOfPath } from "../../src/analyze/tableOfPath";

describe("tableOfPath", () => {
  it("takes a Kafka Connect object's table from its topic", () => {
    expect(tableOfPath("topics/0a1b.pin/partition=0/0a1b.pin+0+0000000042.json")).toBe("pin");
    expect(tableOfPath("raw/topics/x.geo/partition=3/x.geo+3+0000000000.json.gz")).toBe("geo");
    // The topic decides even when its prefix mentions another table.
    expect(tableOfPath("topics/user-pins.user/partition=0/user-pins.user+0+0000000001.json")).toBe("user");
  });

  it("takes a plain file's table from its name, else from the nearest folder naming one", () => {
    expect(tableOfPath("pinterest_data.ndjson")).toBe("pin");
    expect(tableOfPath("exports/GEOLOCATION_DATA.jsonl")).toBe("geo");
    expect(tableOfPath("user/part-0001.ndjson")).toBe("user");
    expect(tableOfPath("pin/2024/part-0001.ndjson")).toBe("pin");
    expect(tableOfPath("geo/pin_user.ndjson")).toBe("geo");
  });

  it("gives null when no name tells the table", () => {
    expect(tableOfPath("misc/data.ndjson")).toBeNull();
    expect(tableOfPath("topics/clicks/partition=0/clicks+0+0000000000.json")).toBeNull();
    expect(tableOfPath("pin_and_geo.ndjson")).toBeNull();
  });
});
