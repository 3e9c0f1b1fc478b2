import type { ByteBufferBuilder } from "./byteBufferBuilder";

/**
 * How numbers are stored: INT64 as given, INT64 from milliseconds to micros, INT32, DOUBLE.
 *
 * @example
 * const storage: NumberStorage = "int64-micros";
 */
export type NumberStorage = "int64" | "int64-micros" | "int32" | "double";

/**
 * Appends the PLAIN encoding of the non-null (non-NaN) numbers among rows `[from, to)` of the
 * write order (`rows[i]` when given, else `i`).
 *
 * @example
 * writePlainNumbers(out, new Float64Array([1, Number.NaN, 3]), undefined, 0, 3, "int64"); // 16 bytes
 */
export function writePlainNumbers(
  out: ByteBufferBuilder,
  values: Float64Array,
  rows: Uint32Array | undefined,
  from: number,
  to: number,
  storage: NumberStorage,
): void {
  const width = storage === "int32" ? 4 : 8;
  out.reserve((to - from) * width);
  const view = out.view;
  let at = out.length;
  // One loop per storage so each stays monomorphic and branch-light.
  switch (storage) {
    case "double":
      for (let i = from; i < to; i++) {
        const value = values[rows === undefined ? i : rows[i]!]!;
        if (Number.isNaN(value)) continue;
        view.setFloat64(at, value, true);
        at += 8;
      }
      break;
    case "int32":
      for (let i = from; i < to; i++) {
        const value = values[rows === undefined ? i : rows[i]!]!;
        if (Number.isNaN(value)) continue;
        view.setInt32(at, value, true);
        at += 4;
      }
      break;
    case "int64-micros":
      for (let i = from; i < to; i++) {
        const value = values[rows === undefined ? i : rows[i]!]!;
        if (Number.isNaN(value)) continue;
        setInt64MicrosOfMillis(view, at, value);
        at += 8;
      }
      break;
    default:
      for (let i = from; i < to; i++) {
        const value = values[rows === undefined ? i : rows[i]!]!;
        if (Number.isNaN(value)) continue;
        const high = Math.floor(value / 4294967296);
        view.setUint32(at, value - high * 4294967296, true);
        view.setInt32(at + 4, high, true);
        at += 8;
      }
  }
  out.length = at;
}

/**
 * Appends the PLAIN encoding (4-byte little-endian length, then the bytes) of the present
 * strings among rows `[from, to)` of the write order. `size`, when the caller already knows it,
 * is their encoded size ({@link byteArraysSize}).
 *
 * @example
 * writePlainByteArrays(out, offsets, bytes, valid, undefined, 0, rowCount);
 */
export function writePlainByteArrays(
  out: ByteBufferBuilder,
  offsets: Int32Array,
  bytes: Uint8Array,
  valid: Uint8Array,
  rows: Uint32Array | undefined,
  from: number,
  to: number,
  size = byteArraysSize(offsets, valid, rows, from, to),
): void {
  // One reservation for the whole range, then raw writes: no per-value capacity checks.
  out.reserve(size);
  const target = out.bytes;
  let at = out.length;
  for (let i = from; i < to; i++) {
    const row = rows === undefined ? i : rows[i]!;
    if (valid[row] === 0) continue;
    const start = offsets[row]!;
    const end = offsets[row + 1]!;
    const length = end - start;
    target[at] = length & 0xff;
    target[at + 1] = (length >>> 8) & 0xff;
    target[at + 2] = (length >>> 16) & 0xff;
    target[at + 3] = length >>> 24;
    at += 4;
    if (length < 64) {
      for (let k = start; k < end; k++) target[at++] = bytes[k]!;
    } else {
      // Long values: a subarray view per value is cheap next to the copy.
      target.set(bytes.subarray(start, end), at);
      at += length;
    }
  }
  out.length = at;
}

/**
 * The PLAIN-encoded size of the present strings among rows `[from, to)` of the write order.
 *
 * @example
 * byteArraysSize(offsets, valid, undefined, 0, rowCount); // 4 + length per present value
 */
export function byteArraysSize(
  offsets: Int32Array,
  valid: Uint8Array,
  rows: Uint32Array | undefined,
  from: number,
  to: number,
): number {
  let size = 0;
  for (let i = from; i < to; i++) {
    const row = rows === undefined ? i : rows[i]!;
    if (valid[row] !== 0) size += 4 + offsets[row + 1]! - offsets[row]!;
  }
  return size;
}

/**
 * The largest magnitude of an instant in epoch milliseconds (JavaScript's `Date` range, ±8.64e15):
 * its microseconds (±8.64e18) still fit a signed INT64, though not a safe double.
 *
 * @example
 * MAX_INSTANT_MILLIS; // 8640000000000000
 */
export const MAX_INSTANT_MILLIS = 8.64e15;

/**
 * Stores `millis` (an instant in epoch milliseconds within {@link MAX_INSTANT_MILLIS}) as
 * little-endian INT64 microseconds at `at`, rounded to a whole microsecond. Where `millis * 1000`
 * is no longer exact as a double (beyond about the year 2255), the milliseconds are rounded to
 * whole ones and the product is formed from their two 32-bit halves, so it stays exact.
 *
 * @example
 * setInt64MicrosOfMillis(new DataView(new ArrayBuffer(8)), 0, 1); // bytes e8 03 00 00 00 00 00 00
 */
export function setInt64MicrosOfMillis(view: DataView, at: number, millis: number): void {
  const micros = millis * 1000;
  if (Math.abs(micros) <= Number.MAX_SAFE_INTEGER) {
    // Exact as a double: fractional milliseconds keep their whole microseconds.
    const value = Math.round(micros);
    const top = Math.floor(value / 4294967296);
    view.setUint32(at, value - top * 4294967296, true);
    view.setInt32(at + 4, top, true);
    return;
  }
  const whole = Math.round(millis);
  const high = Math.floor(whole / 4294967296);
  const low = (whole - high * 4294967296) * 1000;
  const carry = Math.floor(low / 4294967296);
  view.setUint32(at, low - carry * 4294967296, true);
  view.setInt32(at + 4, high * 1000 + carry, true);
}
