import { describe, expect, it } from "vitest";
import { kafkaConnectTopicOf } from "../../src/analyze/kafkaConnectTopicOf";

describe("kafkaConnectTopicOf", () => {
  it("reads the topic of a Kafka Connect object name, gzipped or not, topics with dots and pluses included", () => {
    expect(kafkaConnectTopicOf("topics/0a1b.pin/partition=2/0a1b.pin+2+0000000120.json")).toBe("0a1b.pin");
    expect(kafkaConnectTopicOf("a+b.geo+0+0000000000.json.gz")).toBe("a+b.geo");
  });
  it("is null for any other file", () => {
    for (const path of [
      "pin/data.ndjson",
      "topics/x.pin/x.pin+0.json",
      "x.pin+0+1.jsonl",
      "dir+1+2.json/file.json",
    ]) {
      expect(kafkaConnectTopicOf(path), path).toBeNull();
    }
  });
});
