import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeKafkaConnectObject,
  encodeKafkaConnectObject,
  IngestInputError,
  type JsonRecord,
} from "../../src/index";
import { jsonRecord } from "./jsonRecordArbitrary";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("encodeKafkaConnectObject writes one JSON record per line", () => {
  it("ends every record with a newline, as the S3 sink's JSON format does", () => {
    expect(encodeKafkaConnectObject([{ ind: 1 }, { ind: 2, description: "Cute\u00a0" }])).toBe(
      '{"ind":1}\n{"ind":2,"description":"Cute\u00a0"}\n',
    );
    expect(encodeKafkaConnectObject([])).toBe("");
  });

  it("gzips on request", () => {
    const body = encodeKafkaConnectObject([{ ind: 1 }], { gzip: true });
    expect([body[0], body[1]]).toEqual([0x1f, 0x8b]);
  });

  it("writes -0 as 0, like JSON.stringify", () => {
    expect(encodeKafkaConnectObject([{ n: -0 }])).toBe('{"n":0}\n');
  });

  it.each([
    ["not an array", { ind: 1 }, "records is not an array"],
    ["a non-object record", [[1]], "records[0]: record is not a JSON object"],
    ["NaN", [{ ok: 1 }, { n: Number.NaN }], "records[1].n: number is not finite"],
    ["Infinity", [{ n: [Number.POSITIVE_INFINITY] }], "records[0].n[0]: number is not finite"],
    [
      "a __proto__ key",
      [JSON.parse('{"a":{"__proto__":{"polluted":true}}}')],
      'records[0].a: key "__proto__"',
    ],
    ["a Date", [{ at: new Date(0) }], "records[0].at: value is not a plain object"],
    ["a function", [{ f: () => 1 }], "records[0].f: function is not a JSON value"],
    ["undefined", [{ u: undefined }], "records[0].u: undefined is not a JSON value"],
    ["a bigint", [{ b: 1n }], "records[0].b: bigint is not a JSON value"],
  ])("throws IngestInputError for %s", (_, records, reason) => {
    expect(() => encodeKafkaConnectObject(records as never)).toThrow(IngestInputError);
    expect(() => encodeKafkaConnectObject(records as never)).toThrow(reason);
  });

  it("throws IngestInputError for a reference cycle instead of a TypeError", () => {
    const cyclic: Record<string, unknown> = { ind: 1 };
    cyclic.self = cyclic;
    expect(() => encodeKafkaConnectObject([cyclic as JsonRecord])).toThrow(IngestInputError);
  });
});

describe("decodeKafkaConnectObject reads records line by line and reports bad lines", () => {
  it("round-trips any records as text, bytes and gzip (property)", () => {
    fc.assert(
      fc.property(fc.array(jsonRecord, { maxLength: 12 }), (records) => {
        const text = encodeKafkaConnectObject(records);
        const expected = { ok: true, value: { records, badLines: [] } };
        expect(decodeKafkaConnectObject(text)).toEqual(expected);
        expect(decodeKafkaConnectObject(utf8(text))).toEqual(expected);
        expect(decodeKafkaConnectObject(encodeKafkaConnectObject(records, { gzip: true }))).toEqual(expected);
        expect(decodeKafkaConnectObject(utf8(text), { gzip: false })).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  it("skips blank lines and reports each bad line with its 1-based number, keeping the good ones", () => {
    const body = Buffer.concat([
      Buffer.from('{"ind":1}\r\n\n   \nnot json\n[1,2]\n{"__proto__":{"polluted":true}}\n'),
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d, 0x0a]),
      Buffer.from('{"n":1e999}\n{"ind":2}'),
    ]);
    const result = decodeKafkaConnectObject(new Uint8Array(body));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.records).toEqual([{ ind: 1 }, { ind: 2 }]);
    expect(result.value.badLines.map((bad) => bad.line)).toEqual([4, 5, 6, 7, 8]);
    const [notJson, array, proto, badUtf8, infinite] = result.value.badLines.map((bad) => bad.reason);
    expect(notJson).toContain("not valid JSON");
    expect(array).toBe("$: record is not a JSON object");
    expect(proto).toBe('$: key "__proto__" is not allowed');
    expect(badUtf8).toBe("line is not valid UTF-8");
    expect(infinite).toBe("$.n: number is not finite");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reports a hostile deeply nested line instead of overflowing the stack", () => {
    const deep = `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const result = decodeKafkaConnectObject(`${deep}\n{"ind":1}\n`);
    expect(result.ok && result.value.records).toEqual([{ ind: 1 }]);
    expect(result.ok && result.value.badLines[0]?.reason).toMatch(/not valid JSON|nested deeper than 64/);
  });

  it("keeps U+00A0 and other non-ASCII text exactly", () => {
    const record = { description: "No description available Story format\u00a0", title: "Café 😀" };
    expect(decodeKafkaConnectObject(utf8(`${JSON.stringify(record)}\n`))).toEqual({
      ok: true,
      value: { records: [record], badLines: [] },
    });
  });

  it("detects gzip by its magic bytes when not told", () => {
    const body = new Uint8Array(gzipSync('{"ind":3}\n'));
    expect(decodeKafkaConnectObject(body)).toEqual({
      ok: true,
      value: { records: [{ ind: 3 }], badLines: [] },
    });
  });

  it("fails the whole object only when it cannot be read at all", () => {
    const gz = encodeKafkaConnectObject([{ text: "x".repeat(10_000) }], { gzip: true });
    const cases: [unknown, object | undefined, string][] = [
      [42, undefined, "neither a string nor bytes"],
      [null, undefined, "neither a string nor bytes"],
      ['{"ind":1}', { gzip: true }, "must be bytes"],
      [utf8('{"ind":1}'), { gzip: true }, "not readable gzip"],
      [gz.subarray(0, gz.length - 8), undefined, "not readable gzip"],
      [gz, { maxDecompressedBytes: 1000 }, "not readable gzip"],
    ];
    for (const [body, options, reason] of cases) {
      const result = decodeKafkaConnectObject(body as never, options as never);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain(reason);
    }
  });
});
