import { describe, expect, it } from "vitest";
import { gatherKey, narrowCodes, orderedKey } from "../../src/queries/labeledKey";

describe("gatherKey", () => {
  it("lays a key out for a join's rows in the narrowest codes that hold its size, keeping -1", () => {
    const rows = new Int32Array([2, 0, 2, 1]);
    for (const [size, type] of [
      [3, Int8Array],
      [127, Int8Array],
      [128, Int16Array],
      [32_767, Int16Array],
      [32_768, Int32Array],
    ] as const) {
      const source = orderedKey(
        new Int32Array([size - 1, -1, 0]),
        Array.from({ length: size }, (_, code) => code),
      );
      const gathered = gatherKey(source, rows);
      expect(gathered.codes).toBeInstanceOf(type);
      expect(Array.from(gathered.codes)).toEqual([0, size - 1, 0, -1]);
      expect(gathered.size).toBe(size);
    }
    expect(narrowCodes(2, 1)).toEqual(new Int8Array(2));
  });
});
