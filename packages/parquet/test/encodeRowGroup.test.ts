import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type { ColumnValues, EncodedRowGroup, ParquetColumn } from "../src/index";
import { encodeRowGroup, ParquetFileWriter } from "../src/index";
import { concatBytes, numberValues, utf8Values } from "./support/columnBuilders";
import { readWithHyparquet } from "./support/readParquet";

const COLUMNS: readonly ParquetColumn[] = [
  { name: "ind", type: "int64", required: true },
  { name: "title", type: "utf8" },
  { name: "category", type: "utf8", dictionary: true },
];
const OPTIONS = { createdBy: "encodeRowGroup test" };

function values(from: number, count: number): ColumnValues[] {
  const ids = Array.from({ length: count }, (_, i) => from + i);
  return [
    numberValues(ids),
    utf8Values(ids.map((id) => (id % 7 === 0 ? null : `title ${id} ${"x".repeat(id % 13)}`))),
    utf8Values(ids.map((id) => ["art", "travel", "diy"][id % 3]!)),
  ];
}

/** Sends a group through a real message port, as a worker thread would, transferring its bytes. */
function throughPort(group: EncodedRowGroup): EncodedRowGroup {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(group, [group.bytes.buffer as ArrayBuffer]);
  const received = receiveMessageOnPort(port2)!.message as EncodedRowGroup;
  port1.close();
  return received;
}

describe("encodeRowGroup", () => {
  it("gives row groups that, appended in order, make the same file as writeRowGroup", async () => {
    const parts = [values(0, 500), values(500, 1), values(501, 2000)];
    const direct = new ParquetFileWriter(COLUMNS, OPTIONS);
    const expected = concatBytes([
      ...parts.map((part) => direct.writeRowGroup(part, lengthOf(part))),
      direct.finish(),
    ]);

    // Encoded out of order (as parallel workers finish), appended in order.
    const encoded = [2, 0, 1].map((i) => ({
      i,
      group: encodeRowGroup(COLUMNS, parts[i]!, lengthOf(parts[i]!)),
    }));
    encoded.sort((a, b) => a.i - b.i);
    const appended = new ParquetFileWriter(COLUMNS, OPTIONS);
    const file = concatBytes([
      ...encoded.map(({ group }) => appended.appendRowGroup(throughPort(group))),
      appended.finish(),
    ]);
    expect(file).toEqual(expected);
    expect(appended.rows).toBe(2501);
    expect(appended.statistics()[0]).toEqual({ nullCount: 0, min: 0, max: 2500 });
    const rows = await readWithHyparquet(file);
    expect(rows).toHaveLength(2501);
    expect(rows[2500]).toEqual({ ind: 2500, title: "title 2500 xxxx", category: "travel" });
  });

  it("encodes only the selected rows, in the order given", async () => {
    const group = encodeRowGroup(COLUMNS, values(0, 10), 10, new Uint32Array([9, 2, 4]));
    const writer = new ParquetFileWriter(COLUMNS, OPTIONS);
    const file = concatBytes([writer.appendRowGroup(group), writer.finish()]);
    expect((await readWithHyparquet(file)).map((row) => row.ind)).toEqual([9, 2, 4]);
  });

  it("refuses bad input before anything is appended", () => {
    expect(() => encodeRowGroup(COLUMNS, values(0, 3).slice(1), 3)).toThrow(/expected 3 columns/);
    expect(() => encodeRowGroup(COLUMNS, values(0, 3), 3, new Uint32Array([3]))).toThrow(/out of range/);
    expect(() => encodeRowGroup(COLUMNS, values(0, 3), -1)).toThrow(/non-negative/);
    const writer = new ParquetFileWriter(COLUMNS, OPTIONS);
    const otherSchema = encodeRowGroup([COLUMNS[0]!], [numberValues([1])], 1);
    expect(() => writer.appendRowGroup(otherSchema)).toThrow(/expected 3 column chunks/);
    expect(writer.rows).toBe(0);
    writer.finish();
    expect(() => writer.appendRowGroup(encodeRowGroup(COLUMNS, values(0, 1), 1))).toThrow(/finished/);
  });

  it("writes only the magic for an empty first group", () => {
    const writer = new ParquetFileWriter(COLUMNS, OPTIONS);
    expect(new TextDecoder().decode(writer.appendRowGroup(encodeRowGroup(COLUMNS, values(0, 0), 0)))).toBe(
      "PAR1",
    );
    expect(writer.appendRowGroup(encodeRowGroup(COLUMNS, values(0, 0), 0))).toHaveLength(0);
  });
});

function lengthOf(columns: readonly ColumnValues[]): number {
  const first = columns[0]!;
  return first.kind === "numbers" ? first.values.length : 0;
}
