import type { ColumnValues } from "@pinpipe/parquet";

const utf8 = new TextEncoder();

/** A `utf8` column of the given strings (null: a null row), for writing test Parquet files. */
export function utf8Column(values: readonly (string | null)[]): ColumnValues {
  const parts = values.map((value) => utf8.encode(value ?? ""));
  const offsets = new Int32Array(values.length + 1);
  parts.forEach((part, i) => {
    offsets[i + 1] = offsets[i]! + part.length;
  });
  const bytes = new Uint8Array(offsets[values.length]!);
  parts.forEach((part, i) => {
    bytes.set(part, offsets[i]!);
  });
  return {
    kind: "utf8",
    offsets,
    bytes,
    valid: Uint8Array.from(values, (value) => (value === null ? 0 : 1)),
  };
}
