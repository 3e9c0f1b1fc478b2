import type { ByteBufferBuilder } from "./byteBufferBuilder";

/**
 * Compact protocol type ids (field headers and list element types).
 *
 * @example
 * thrift.listField(2, ThriftType.STRUCT, 3);
 */
export const ThriftType = {
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  STRUCT: 12,
} as const;

const utf8Encoder = new TextEncoder();

/**
 * Writes Thrift compact-protocol structs (what Parquet page headers and the footer are) into a
 * {@link ByteBufferBuilder}. Field ids are given by the caller in increasing order; the writer keeps
 * the previous id of each open struct because headers store deltas.
 *
 * @example
 * const thrift = new ThriftCompactWriter(out);
 * thrift.structBegin();
 * thrift.i32Field(1, 42);
 * thrift.stringField(2, "name");
 * thrift.structEnd();
 */
export class ThriftCompactWriter {
  private lastFieldId = 0;
  private readonly openStructs: number[] = [];

  constructor(readonly out: ByteBufferBuilder) {}

  /**
   * Opens a struct (top level or a list element); close it with {@link structEnd}.
   *
   * @example
   * thrift.structBegin(); thrift.structEnd(); // an empty struct: one stop byte
   */
  structBegin(): void {
    this.openStructs.push(this.lastFieldId);
    this.lastFieldId = 0;
  }

  /**
   * Writes the stop byte and returns to the enclosing struct.
   *
   * @example
   * thrift.structEnd();
   */
  structEnd(): void {
    this.out.writeByte(0);
    this.lastFieldId = this.openStructs.pop() ?? 0;
  }

  /**
   * Writes a field header: a one-byte delta form when the id grows by 1..15, else type + zigzag id.
   *
   * @example
   * thrift.fieldHeader(ThriftType.I32, 1); // 0x15
   */
  fieldHeader(type: number, id: number): void {
    const delta = id - this.lastFieldId;
    if (delta > 0 && delta <= 15) {
      this.out.writeByte((delta << 4) | type);
    } else {
      this.out.writeByte(type);
      this.out.writeVarint(zigzag(id));
    }
    this.lastFieldId = id;
  }

  /**
   * A struct-typed field; close it with {@link structEnd}.
   *
   * @example
   * thrift.structField(5); thrift.i32Field(1, 3); thrift.structEnd();
   */
  structField(id: number): void {
    this.fieldHeader(ThriftType.STRUCT, id);
    this.structBegin();
  }

  /**
   * An i32 field (also used for enums).
   *
   * @example
   * thrift.i32Field(1, 2);
   */
  i32Field(id: number, value: number): void {
    this.fieldHeader(ThriftType.I32, id);
    this.out.writeVarint(zigzag(value));
  }

  /**
   * An i64 field from a safe integer.
   *
   * @example
   * thrift.i64Field(3, 1_000_000);
   */
  i64Field(id: number, value: number): void {
    this.fieldHeader(ThriftType.I64, id);
    this.out.writeVarint(zigzag(value));
  }

  /**
   * An i8 field (one raw byte in the compact protocol).
   *
   * @example
   * thrift.byteField(1, 32);
   */
  byteField(id: number, value: number): void {
    this.fieldHeader(ThriftType.BYTE, id);
    this.out.writeByte(value & 0xff);
  }

  /**
   * A bool field: the value lives in the header's type nibble.
   *
   * @example
   * thrift.boolField(1, true);
   */
  boolField(id: number, value: boolean): void {
    this.fieldHeader(value ? ThriftType.TRUE : ThriftType.FALSE, id);
  }

  /**
   * A binary field.
   *
   * @example
   * thrift.binaryField(6, new Uint8Array([1, 0, 0, 0]));
   */
  binaryField(id: number, value: Uint8Array): void {
    this.fieldHeader(ThriftType.BINARY, id);
    this.binary(value);
  }

  /**
   * A string field, UTF-8 encoded.
   *
   * @example
   * thrift.stringField(6, "pinpipe");
   */
  stringField(id: number, value: string): void {
    this.binaryField(id, utf8Encoder.encode(value));
  }

  /**
   * A list field header; the caller then writes `size` elements of `elementType`.
   *
   * @example
   * thrift.listField(2, ThriftType.I32, 2); thrift.i32(0); thrift.i32(3);
   */
  listField(id: number, elementType: number, size: number): void {
    this.fieldHeader(ThriftType.LIST, id);
    if (size < 15) {
      this.out.writeByte((size << 4) | elementType);
    } else {
      this.out.writeByte(0xf0 | elementType);
      this.out.writeVarint(size);
    }
  }

  /**
   * A bare i32 (a list element).
   *
   * @example
   * thrift.i32(8);
   */
  i32(value: number): void {
    this.out.writeVarint(zigzag(value));
  }

  /**
   * A bare binary value (a list element): varint length then bytes.
   *
   * @example
   * thrift.binary(new Uint8Array([0x61]));
   */
  binary(value: Uint8Array): void {
    this.out.writeVarint(value.length);
    this.out.writeBytes(value);
  }

  /**
   * A bare string (a list element).
   *
   * @example
   * thrift.string("element");
   */
  string(value: string): void {
    this.binary(utf8Encoder.encode(value));
  }
}

/** Zigzag mapping of a safe integer, by arithmetic so 64-bit values stay exact. */
function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}
