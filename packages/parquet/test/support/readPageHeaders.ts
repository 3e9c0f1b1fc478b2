/** A decoded thrift compact struct: field id → value (numbers, byte arrays, lists, structs). */
export type ThriftStruct = Map<number, unknown>;

/**
 * Decodes one thrift compact-protocol struct at `pos`, for the tests (an independent reader of
 * what the writer produces). Integers come back as numbers.
 *
 * @example
 * const { struct, end } = readThriftStruct(bytes, 0);
 */
export function readThriftStruct(bytes: Uint8Array, pos: number): { struct: ThriftStruct; end: number } {
  const varint = () => {
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      const byte = bytes[pos++]!;
      value += (byte & 0x7f) * shift;
      if (byte < 0x80) return value;
    }
  };
  const zigzag = () => {
    const v = varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  };
  const readValue = (type: number): unknown => {
    switch (type) {
      case 1:
        return true;
      case 2:
        return false;
      case 3:
        return bytes[pos++];
      case 4:
      case 5:
      case 6:
        return zigzag();
      case 8: {
        const length = varint();
        pos += length;
        return bytes.subarray(pos - length, pos);
      }
      case 9: {
        const header = bytes[pos++]!;
        const size = header >> 4 === 15 ? varint() : header >> 4;
        return Array.from({ length: size }, () => readValue(header & 15));
      }
      case 12: {
        const { struct, end } = readThriftStruct(bytes, pos);
        pos = end;
        return struct;
      }
      default:
        throw new Error(`unsupported thrift type ${type} at ${pos}`);
    }
  };
  const struct: ThriftStruct = new Map();
  let id = 0;
  for (;;) {
    const header = bytes[pos++]!;
    if (header === 0) return { struct, end: pos };
    const type = header & 15;
    id = header >> 4 === 0 ? zigzag() : id + (header >> 4);
    struct.set(id, readValue(type));
  }
}

/**
 * The page headers of the column chunk starting at `offset` that holds `numValues` values:
 * page type (0 data, 2 dictionary), value count and sizes.
 *
 * @example
 * readPageHeaders(file, 4, 1000); // [{ type: 0, numValues: 1000, ... }]
 */
export function readPageHeaders(
  file: Uint8Array,
  offset: number,
  numValues: number,
): { type: number; numValues: number; uncompressedSize: number; compressedSize: number }[] {
  const pages = [];
  let seen = 0;
  let pos = offset;
  while (seen < numValues) {
    const { struct, end } = readThriftStruct(file, pos);
    const type = struct.get(1) as number;
    const inner = struct.get(type === 2 ? 7 : 5) as ThriftStruct;
    const page = {
      type,
      numValues: inner.get(1) as number,
      uncompressedSize: struct.get(2) as number,
      compressedSize: struct.get(3) as number,
    };
    if (type !== 2) seen += page.numValues;
    pages.push(page);
    pos = end + page.compressedSize;
  }
  return pages;
}
