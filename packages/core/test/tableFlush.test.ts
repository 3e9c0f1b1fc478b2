import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import type { CleanRowBatch } from "@pinpipe/analytics/columnar";
import { describe, expect, it } from "vitest";
import {
  type EncodedTableFlush,
  encodedTableFlushTransferList,
  encodeTableFlush,
  type TableFlush,
  tableFlushTransferList,
} from "../src/flush";
import { PartitionedTableWriter, type TableFile } from "../src/index";

/** Geo rows: ind, country, coordinates, timestamp (years 2018..2021 and a null). */
function geoBatch(from: number, count: number): CleanRowBatch {
  const countries = Array.from({ length: count }, (_, i) => `country ${(from + i) % 17}`);
  const bytes = new TextEncoder().encode(countries.join(""));
  const offsets = new Int32Array(count + 1);
  countries.forEach((text, i) => {
    offsets[i + 1] = offsets[i]! + new TextEncoder().encode(text).length;
  });
  return {
    table: "geo",
    length: count,
    columns: [
      { kind: "numbers", values: Float64Array.from({ length: count }, (_, i) => from + i) },
      { kind: "utf8", offsets, bytes, valid: new Uint8Array(count).fill(1) },
      {
        kind: "pairs",
        first: Float64Array.from({ length: count }, (_, i) => (i % 90) - 45),
        second: Float64Array.from({ length: count }, (_, i) => (i % 180) - 90),
      },
      {
        kind: "numbers",
        values: Float64Array.from({ length: count }, (_, i) =>
          (from + i) % 11 === 0 ? Number.NaN : Date.UTC(2018 + ((from + i) % 4), 0, 1),
        ),
      },
    ],
  };
}

/** A round trip through a real message port, buffers transferred, as to and from a worker thread. */
function throughPort<T>(value: T, transfer: ArrayBuffer[]): T {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value, transfer);
  const received = receiveMessageOnPort(port2)!.message as T;
  port1.close();
  return received;
}

const OPTIONS = { rowGroupBytes: 4096, maxHeldBytes: 16 * 1024, maxFileBytes: 12 * 1024 };

describe("encodeTableFlush", () => {
  it("lets flushes be encoded anywhere, in any order, and placed in order: the same files as add()", () => {
    const batches = Array.from({ length: 40 }, (_, i) => geoBatch(i * 50, 50));
    const keep = (i: number) =>
      i % 3 === 0 ? Uint8Array.from({ length: 50 }, (_, r) => (r % 4 === 0 ? 0 : 1)) : null;

    const direct = new PartitionedTableWriter("geo", OPTIONS);
    const expected: TableFile[] = [];
    batches.forEach((batch, i) => {
      expected.push(...direct.add(batch, keep(i)));
    });
    expected.push(...direct.finish());

    const split = new PartitionedTableWriter("geo", OPTIONS);
    const flushes: TableFlush[] = [];
    batches.forEach((batch, i) => {
      const flush = split.take(batch, keep(i));
      if (flush !== null) flushes.push(flush);
    });
    const rest = split.takeRest();
    if (rest !== null) flushes.push(rest);
    expect(flushes.length).toBeGreaterThan(5);
    // Encoded last to first, each on the far side of a port; placed in the order taken.
    const encoded: EncodedTableFlush[] = [];
    for (let i = flushes.length - 1; i >= 0; i--) {
      const sent = throughPort(flushes[i]!, tableFlushTransferList(flushes[i]!));
      const made = encodeTableFlush(sent);
      encoded[i] = throughPort(made, encodedTableFlushTransferList(made));
    }
    const files: TableFile[] = [];
    for (const flush of encoded) files.push(...split.apply(flush));
    files.push(...split.closeAll());

    expect(files.map((file) => file.path)).toEqual(expected.map((file) => file.path));
    expect(files.map((file) => file.bytes)).toEqual(expected.map((file) => file.bytes));
    expect(files.length).toBeGreaterThan(5);
  });

  it("refuses a flush of another table", () => {
    const writer = new PartitionedTableWriter("pin");
    expect(() => writer.apply({ table: "geo", groups: [] })).toThrow(/geo flush given to the pin table/);
  });
});
