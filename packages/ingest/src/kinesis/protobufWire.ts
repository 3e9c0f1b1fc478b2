/**
 * Thrown by {@link ProtobufReader} on malformed protobuf bytes; the KPL decoder catches it and turns
 * it into a rejected result, so it never leaves this package's public functions.
 *
 * @example
 * try {
 *   new ProtobufReader(Uint8Array.of(0x80)).readVarint();
 * } catch (error) {
 *   if (error instanceof ProtobufWireError) console.log(error.message); // "truncated varint at byte 0"
 * }
 */
export class ProtobufWireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProtobufWireError";
  }
}

/**
 * Protobuf wire types this reader understands (groups, 3 and 4, are refused).
 *
 * @example
 * new ProtobufWriter().writeTag(3, WireType.lengthDelimited); // key byte 0x1a
 */
export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

/**
 * Minimal protobuf reader over a byte range: varints, tags and length-delimited fields, every length
 * bounds-checked against the bytes actually left.
 *
 * @example
 * const reader = new ProtobufReader(Uint8Array.of(0x0a, 0x01, 0x41));
 * reader.readTag(); // { field: 1, wireType: 2 }
 * reader.readLengthDelimited(); // Uint8Array [0x41]
 * reader.done; // true
 */
export class ProtobufReader {
  private position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Whether every byte has been read. */
  get done(): boolean {
    return this.position >= this.bytes.length;
  }

  /**
   * Reads an unsigned varint of at most 64 bits. Exact below 2^53; larger values only ever get
   * compared against bounds they exceed anyway.
   */
  readVarint(): number {
    const start = this.position;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const byte = this.bytes[this.position];
      if (byte === undefined) throw new ProtobufWireError(`truncated varint at byte ${start}`);
      this.position++;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (i === 9 && byte > 1) throw new ProtobufWireError(`varint at byte ${start} overflows 64 bits`);
        return value;
      }
      scale *= 128;
    }
    throw new ProtobufWireError(`varint at byte ${start} is longer than 10 bytes`);
  }

  /** Reads a field key: field number and wire type. */
  readTag(): { field: number; wireType: number } {
    const key = this.readVarint();
    const field = Math.floor(key / 8);
    if (field === 0) throw new ProtobufWireError("field number 0 is not allowed");
    return { field, wireType: key % 8 };
  }

  /** Reads a length-delimited payload, refusing a length larger than the bytes left. */
  readLengthDelimited(): Uint8Array {
    const start = this.position;
    const length = this.readVarint();
    const left = this.bytes.length - this.position;
    if (length > left) {
      throw new ProtobufWireError(`length ${length} at byte ${start} exceeds the ${left} bytes left`);
    }
    const payload = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return payload;
  }

  /** Skips the value of an unknown field. */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.varint:
        this.readVarint();
        return;
      case WireType.lengthDelimited:
        this.readLengthDelimited();
        return;
      case WireType.fixed64:
      case WireType.fixed32: {
        const size = wireType === WireType.fixed64 ? 8 : 4;
        if (this.position + size > this.bytes.length) {
          throw new ProtobufWireError(`truncated fixed-width field at byte ${this.position}`);
        }
        this.position += size;
        return;
      }
      default:
        throw new ProtobufWireError(`unsupported wire type ${wireType}`);
    }
  }
}

/**
 * Number of bytes the varint encoding of `value` takes.
 *
 * @example
 * varintSize(127); // 1
 * varintSize(128); // 2
 */
export function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

/**
 * Minimal protobuf writer into one growing buffer.
 *
 * @example
 * const writer = new ProtobufWriter();
 * writer.writeBytesField(1, Uint8Array.of(0x41));
 * writer.finish(); // Uint8Array [0x0a, 0x01, 0x41]
 */
export class ProtobufWriter {
  private buffer: Uint8Array;
  private length = 0;

  constructor(initialCapacity = 256) {
    this.buffer = new Uint8Array(initialCapacity);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  /** Writes an unsigned varint (`value` must be a safe integer >= 0). */
  writeVarint(value: number): void {
    this.reserve(10);
    while (value >= 0x80) {
      this.buffer[this.length++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buffer[this.length++] = value;
  }

  /** Writes a field key. */
  writeTag(field: number, wireType: number): void {
    this.writeVarint(field * 8 + wireType);
  }

  /** Writes a varint field. */
  writeVarintField(field: number, value: number): void {
    this.writeTag(field, WireType.varint);
    this.writeVarint(value);
  }

  /** Writes a length-delimited field (bytes, string or embedded message). */
  writeBytesField(field: number, payload: Uint8Array): void {
    this.writeTag(field, WireType.lengthDelimited);
    this.writeVarint(payload.length);
    this.reserve(payload.length);
    this.buffer.set(payload, this.length);
    this.length += payload.length;
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
