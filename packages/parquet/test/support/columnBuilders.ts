import type { ColumnValues } from "../../src/index";

const encoder = new TextEncoder();

/**
 * Builds `utf8` column values from JS strings (null for a null row).
 *
 * @example
 * utf8Values(["a", null]); // { kind: "utf8", offsets: [0, 1, 1], bytes: [0x61], valid: [1, 0] }
 */
export function utf8Values(strings: readonly (string | null)[]): Extract<ColumnValues, { kind: "utf8" }> {
  const parts = strings.map((s) => encoder.encode(s ?? ""));
  const offsets = new Int32Array(strings.length + 1);
  let total = 0;
  parts.forEach((part, i) => {
    total += part.length;
    offsets[i + 1] = total;
  });
  const bytes = new Uint8Array(total);
  parts.forEach((part, i) => {
    bytes.set(part, offsets[i]!);
  });
  const valid = new Uint8Array(strings.map((s) => (s === null ? 0 : 1)));
  return { kind: "utf8", offsets, bytes, valid };
}

/**
 * Builds `numbers` column values, null as NaN.
 *
 * @example
 * numberValues([1, null]); // { kind: "numbers", values: Float64Array [1, NaN] }
 */
export function numberValues(values: readonly (number | null)[]): ColumnValues {
  return { kind: "numbers", values: new Float64Array(values.map((v) => v ?? Number.NaN)) };
}

/**
 * Builds `pairs` column values, a null row as null.
 *
 * @example
 * pairValues([[1, 2], null]);
 */
export function pairValues(pairs: readonly (readonly [number, number] | null)[]): ColumnValues {
  return {
    kind: "pairs",
    first: new Float64Array(pairs.map((p) => (p === null ? Number.NaN : p[0]))),
    second: new Float64Array(pairs.map((p) => (p === null ? Number.NaN : p[1]))),
  };
}

/**
 * Concatenates byte chunks (row groups and footer) into one file.
 *
 * @example
 * concatBytes([head, tail]);
 */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const file = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    file.set(chunk, at);
    at += chunk.length;
  }
  return file;
}
