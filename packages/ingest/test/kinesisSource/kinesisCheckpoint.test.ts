import { describe, expect, it } from "vitest";
import { parseKinesisCheckpoint } from "../../src/index";

describe("parseKinesisCheckpoint", () => {
  it("reads back a checkpoint saved as JSON, big sequence numbers intact", () => {
    const saved = {
      stream: "pins",
      shards: {
        "shardId-000000000000": { finished: true },
        "shardId-000000000001": {
          sequenceNumber: "49590338271490256608559692538361571095921575989136588898",
        },
        "shardId-000000000002": { sequenceNumber: "7", subSequenceNumber: 2 },
      },
    };
    expect(parseKinesisCheckpoint(JSON.stringify(saved))).toEqual(saved);
    expect(parseKinesisCheckpoint(saved)).toEqual(saved);
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["an array", "[]", /JSON object/],
    ["no stream", '{"shards":{}}', /stream/],
    ["shards not an object", '{"stream":"s","shards":[]}', /shards must be an object/],
    ["a numeric sequence number", '{"stream":"s","shards":{"a":{"sequenceNumber":42}}}', /decimal string/],
    ["a signed sequence number", '{"stream":"s","shards":{"a":{"sequenceNumber":"-1"}}}', /decimal string/],
    ["a leading zero", '{"stream":"s","shards":{"a":{"sequenceNumber":"01"}}}', /decimal string/],
    [
      "a fractional sub-sequence",
      '{"stream":"s","shards":{"a":{"sequenceNumber":"1","subSequenceNumber":0.5}}}',
      /subSequenceNumber/,
    ],
    [
      "a sub-sequence alone",
      '{"stream":"s","shards":{"a":{"subSequenceNumber":1}}}',
      /needs a sequenceNumber/,
    ],
    ["finished false", '{"stream":"s","shards":{"a":{"finished":false}}}', /finished/],
    ["a bad shard id", '{"stream":"s","shards":{"a b":{}}}', /shard id/],
  ])("rejects %s", (_, text, message) => {
    expect(() => parseKinesisCheckpoint(text)).toThrow(message);
  });
});
