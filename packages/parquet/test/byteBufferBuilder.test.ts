import { describe, expect, it } from "vitest";
import { ByteBufferBuilder } from "../src/byteBufferBuilder";

describe("ByteBufferBuilder", () => {
  it("grows on demand and writes little-endian integers, int64 from safe integers and varints", () => {
    const out = new ByteBufferBuilder(1);
    out.writeInt64LE(-2);
    out.writeInt64LE(2 ** 53 - 1);
    out.writeVarint(300);
    out.writeBytes(new Uint8Array(100).fill(7), 10, 90);
    const bytes = out.toBytes();
    const view = new DataView(bytes.buffer);
    expect(view.getBigInt64(0, true)).toBe(-2n);
    expect(view.getBigInt64(8, true)).toBe(2n ** 53n - 1n);
    expect([...bytes.subarray(16, 18)]).toEqual([0xac, 0x02]);
    expect(bytes.length).toBe(98);
  });

  it("hands its bytes over without copying and starts empty", () => {
    const out = new ByteBufferBuilder(4);
    out.writeInt32LE(1);
    const taken = out.takeBytes();
    out.writeInt32LE(2);
    expect([...taken]).toEqual([1, 0, 0, 0]);
    expect(out.length).toBe(4);
  });
});
