import { describe, expect, it } from "vitest";
import { IngestInputError, parseKafkaBrokers } from "../../src/index";

describe("parseKafkaBrokers", () => {
  it("reads comma-separated host:port entries, ignoring spaces and empty entries", () => {
    expect(parseKafkaBrokers("127.0.0.1:9092")).toEqual(["127.0.0.1:9092"]);
    expect(parseKafkaBrokers(" b-1.msk.example:9098, b-2.msk.example:9098 ,")).toEqual([
      "b-1.msk.example:9098",
      "b-2.msk.example:9098",
    ]);
    expect(parseKafkaBrokers("[::1]:9092")).toEqual(["[::1]:9092"]);
  });

  it.each([
    ["", /empty/],
    [" , ", /empty/],
    ["localhost", /"localhost" is not host:port/],
    ["host:0", /port in 1\.\.65535/],
    ["host:65536", /port in 1\.\.65535/],
    ["http://host:9092", /is not host:port/],
  ])("refuses %j", (text, reason) => {
    expect(() => parseKafkaBrokers(text)).toThrow(IngestInputError);
    expect(() => parseKafkaBrokers(text)).toThrow(reason);
  });
});
