import { describe, expect, it } from "vitest";
import { ByteBufferBuilder } from "../src/byteBufferBuilder";
import { ThriftCompactWriter, ThriftType } from "../src/thriftCompactWriter";

describe("ThriftCompactWriter", () => {
  it("writes short and long field deltas, zigzag varints, bools, strings, lists and stop bytes", () => {
    const out = new ByteBufferBuilder(4);
    const thrift = new ThriftCompactWriter(out);
    thrift.structBegin();
    thrift.i32Field(1, -1); // 0x15, zigzag 1
    thrift.boolField(2, true); // 0x11
    thrift.stringField(20, "a"); // long form: 0x08, zigzag 40, len 1, 'a'
    thrift.listField(21, ThriftType.I32, 2); // delta 1: 0x19, (2 << 4) | 5
    thrift.i32(3);
    thrift.i32(300);
    thrift.structField(22);
    thrift.i64Field(1, 2 ** 40);
    thrift.structEnd();
    thrift.structEnd();
    expect([...out.toBytes()]).toEqual([
      0x15, 0x01, 0x11, 0x08, 40, 1, 0x61, 0x19, 0x25, 6, 0xd8, 0x04, 0x1c, 0x16, 0x80, 0x80, 0x80, 0x80,
      0x80, 0x40, 0, 0,
    ]);
  });

  it("writes long lists with a separate size", () => {
    const out = new ByteBufferBuilder(4);
    const thrift = new ThriftCompactWriter(out);
    thrift.structBegin();
    thrift.listField(1, ThriftType.I32, 20);
    expect([...out.toBytes()]).toEqual([0x19, 0xf5, 20]);
  });
});
