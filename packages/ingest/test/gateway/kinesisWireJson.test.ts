import { describe, expect, it } from "vitest";
import { kinesisWireJson } from "../../src/gateway/kinesisWireJson";

describe("kinesisWireJson", () => {
  it("drops the SDK's metadata and writes dates as Kinesis's epoch seconds, at any depth", () => {
    const output = {
      $metadata: { httpStatusCode: 200, requestId: "x" },
      StreamDescription: {
        StreamName: "s",
        StreamCreationTimestamp: new Date(1_700_000_000_500),
        Shards: [],
      },
    };
    expect(JSON.parse(kinesisWireJson(output))).toEqual({
      StreamDescription: { StreamName: "s", StreamCreationTimestamp: 1_700_000_000.5, Shards: [] },
    });
  });
  it("writes an empty answer (CreateStream, DeleteStream) as {}", () => {
    expect(kinesisWireJson({ $metadata: {} })).toBe("{}");
  });
});
