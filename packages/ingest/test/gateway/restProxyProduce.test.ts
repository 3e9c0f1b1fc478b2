import { describe, expect, it } from "vitest";
import { createRecordPartitioner } from "../../src/gateway/recordPartitioner";
import { produceThroughRestProxy } from "../../src/gateway/restProxyProduce";
import { memoryKafka } from "./support/memoryKafka";

const JSON_V2 = "application/vnd.kafka.json.v2+json";
const BINARY_V2 = "application/vnd.kafka.binary.v2+json";

async function produce(
  body: string,
  contentType: string | undefined = JSON_V2,
  topic = "known.pin",
  accept?: string,
) {
  const kafka = memoryKafka();
  const answer = await produceThroughRestProxy(
    { topic, contentType, body, ...(accept === undefined ? {} : { accept }) },
    kafka.backend,
    createRecordPartitioner(),
  );
  return { answer, parsed: JSON.parse(answer.body), sent: kafka.sent };
}

describe("produceThroughRestProxy", () => {
  it("stores embedded JSON values as their JSON text and answers offsets in request order", async () => {
    const { answer, parsed, sent } = await produce(
      '{"records":[{"value":{"index":1}},{"value":{"index":2}},{"key":"k","value":{"index":3},"partition":1}]}',
    );
    expect(answer.status).toBe(200);
    expect(answer.records).toBe(3);
    expect(parsed.key_schema_id).toBeNull();
    expect(parsed.value_schema_id).toBeNull();
    expect(parsed.offsets.map((o: { partition: number }) => o.partition)).toEqual([0, 1, 1]);
    expect(parsed.offsets.every((o: { error_code: unknown }) => o.error_code === null)).toBe(true);
    // Partition 1 got two records: the second's offset is one past the first.
    expect(parsed.offsets[2].offset).toBe(parsed.offsets[1].offset + 1);
    expect(sent.map((record) => String(record.value))).toEqual(['{"index":1}', '{"index":2}', '{"index":3}']);
    expect(String(sent[2]!.key)).toBe('"k"');
  });

  it("stores binary values as the bytes their base64 encodes", async () => {
    const value = Buffer.from('{"ind":5}').toString("base64");
    const { answer, sent } = await produce(`{"records":[{"value":"${value}"}]}`, BINARY_V2);
    expect(answer.status).toBe(200);
    expect(String(sent[0]!.value)).toBe('{"ind":5}');
    const bad = await produce('{"records":[{"value":"not base64!"}]}', BINARY_V2);
    expect([bad.answer.status, bad.parsed.error_code]).toEqual([422, 42203]);
  });

  it("answers the proxy's error codes and sends nothing for a refused request", async () => {
    const cases: [Awaited<ReturnType<typeof produce>>, number, number][] = [
      [await produce('{"records":[{"value":{"a":1}}]}', "application/json"), 415, 415],
      [await produce('{"records":[{"value":{"a":1}}]}', ""), 415, 415],
      [await produce('{"records":[{"value":{"a":1}}]}', JSON_V2, "known.pin", "text/html"), 406, 40601],
      [await produce('{"records":[{"value":', JSON_V2), 400, 400],
      [await produce('{"rows":[]}', JSON_V2), 422, 42206],
      [await produce('{"records":[{"value":[1,2]}]}', JSON_V2), 422, 42206],
      [await produce('{"records":[{"value":{"a":1},"partition":-1}]}', JSON_V2), 422, 42206],
      [await produce('{"records":[{"value":{"a":1}}]}', JSON_V2, "unknown.pin"), 404, 40401],
      [await produce('{"records":[{"value":{"a":1},"partition":2}]}', JSON_V2), 404, 40402],
      [await produce('{"records":[{"value":{"a":1}}]}', "application/vnd.kafka.avro.v2+json"), 422, 42202],
      [
        await produce(
          '{"records":[{"key":1,"value":{"a":1}}],"value_schema_id":1}',
          "application/vnd.kafka.avro.v2+json",
        ),
        422,
        42201,
      ],
      [
        await produce(
          '{"records":[{"value":{"a":1}}],"value_schema_id":1}',
          "application/vnd.kafka.protobuf.v2+json",
        ),
        415,
        415,
      ],
    ];
    for (const [{ answer, parsed, sent }, status, code] of cases) {
      expect([answer.status, parsed.error_code], answer.body).toEqual([status, code]);
      expect(typeof parsed.message).toBe("string");
      expect(sent).toEqual([]);
    }
  });

  it("answers 50003 for a Kafka failure a resend may fix and 50002 for one it does not", async () => {
    for (const [canRetry, code] of [
      [true, 50003],
      [false, 50002],
    ] as const) {
      const kafka = memoryKafka();
      kafka.failWith(
        new AggregateError([Object.assign(new Error("leader not available"), { canRetry })], "failed"),
      );
      const answer = await produceThroughRestProxy(
        { topic: "known.geo", contentType: JSON_V2, body: '{"records":[{"value":{"ind":1}}]}' },
        kafka.backend,
        createRecordPartitioner(),
      );
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.body)).toEqual({
        error_code: code,
        message: `${canRetry ? "Retriable Kafka error" : "Kafka error"}: leader not available`,
      });
    }
  });

  it("answers an empty records list with no offsets and no send", async () => {
    const { answer, parsed, sent } = await produce('{"records":[]}');
    expect([answer.status, parsed.offsets, sent]).toEqual([200, [], []]);
  });
});
