import { describe, expect, it } from "vitest";
import { HIVE_DEFAULT_PARTITION, hivePartitionSegment } from "../../src/batch/hivePartitionSegment";

describe("hivePartitionSegment", () => {
  it("writes plain values as they are, numbers included", () => {
    expect(hivePartitionSegment("category", "art")).toBe("category=art");
    expect(hivePartitionSegment("category", "diy-and-crafts")).toBe("category=diy-and-crafts");
    expect(hivePartitionSegment("post_year", 2019)).toBe("post_year=2019");
    expect(hivePartitionSegment("category", "ünï cøde")).toBe("category=ünï cøde");
  });

  it("writes null and empty values as Hive's default partition", () => {
    expect(HIVE_DEFAULT_PARTITION).toBe("__HIVE_DEFAULT_PARTITION__");
    expect(hivePartitionSegment("join_year", null)).toBe("join_year=__HIVE_DEFAULT_PARTITION__");
    expect(hivePartitionSegment("category", "")).toBe("category=__HIVE_DEFAULT_PARTITION__");
  });

  it("percent-escapes the characters Hive escapes, so a value stays one path segment", () => {
    expect(hivePartitionSegment("category", "a/b")).toBe("category=a%2Fb");
    expect(hivePartitionSegment("category", "..")).toBe("category=..");
    expect(hivePartitionSegment("category", "../../etc")).toBe("category=..%2F..%2Fetc");
    expect(hivePartitionSegment("c", `"#%'*:=?\\{[]^`)).toBe("c=%22%23%25%27%2A%3A%3D%3F%5C%7B%5B%5D%5E");
    expect(hivePartitionSegment("c", "tab\there\u007f")).toBe("c=tab%09here%7F");
    expect(hivePartitionSegment("c", "a b,c;d&e+f~g")).toBe("c=a b,c;d&e+f~g");
  });
});
